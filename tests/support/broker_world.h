// A cluster with one test client, and synchronous helpers that run the simulation until an
// answer comes: what the broker tests need to read like a story.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/check/history.h"
#include "sim/cluster/cluster.h"
#include "tests/support/test_client.h"

namespace kafkasim::testing {

class BrokerWorld {
public:
    explicit BrokerWorld(cluster::ClusterOptions options, TestClientConfig client = {});

    cluster::Cluster cluster;
    engine::Node* client_node = nullptr;

    TestClient& client();
    void run_ms(std::int64_t ms) { cluster.sim().run_until(cluster.sim().now() + engine::Duration::ms(ms)); }
    // Runs until `done` or `limit_ms` pass; true if done.
    bool run_until(const std::function<bool()>& done, std::int64_t limit_ms = 60000);

    Errc create_topic(const std::string& name, std::int32_t partitions, std::int16_t rf,
                      ConfigOverrides configs = {});
    ProduceResult produce(const TopicPartition& tp, std::vector<std::string> values);
    FetchResult fetch(const TopicPartition& tp, Offset offset);
    // Waits until every broker is registered and unfenced in the controller's image.
    bool wait_for_brokers(std::int64_t limit_ms = 60000);
    // Waits until `tp` has a leader in the client's metadata (refreshing it).
    bool wait_for_leader(const TopicPartition& tp, std::int64_t limit_ms = 60000);

    // Produces one record with the unique value `value` and writes its outcome into `history`.
    ProduceResult produce_recorded(check::History& history, const TopicPartition& tp, const std::string& value);
    // Observer views: `tp`'s replica on broker `b` (nullptr while down or not a replica), and
    // its registration in the controller's image (nullptr while the controller is down).
    const broker::Partition* replica(BrokerId b, const TopicPartition& tp) const;
    const metadata::PartitionRegistration* registration(const TopicPartition& tp) const;
    BrokerId controller_leader(const TopicPartition& tp) const;
};

// Kafka's broker.session.timeout.ms default: fault sweeps leave at least this long after a
// fault heals, so the controller has seen the broker come back before the next fault.
constexpr std::int64_t broker_session_timeout_ms = 9000;

// Cluster options with a seed and a broker count, the rest Kafka's defaults.
cluster::ClusterOptions cluster_options(std::uint64_t seed, std::int32_t brokers = 3);
// {prefix+from, …, prefix+(from+count-1)}: unique record values.
std::vector<std::string> numbered(const std::string& prefix, int from, int count);

// The values of every record in `batches`, in order.
std::vector<std::string> values_of(const std::vector<RecordBatch>& batches);

}  // namespace kafkasim::testing
