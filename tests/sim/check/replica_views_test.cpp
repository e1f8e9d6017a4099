// read_replicas reads every live replica as snapshot_replicas does, its values views of the
// logs' own bytes: the same records, from brokers that are up only.
#include <doctest/doctest.h>

#include "sim/check/replica_views.h"
#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_SUITE("quick") {

TEST_CASE("read_replicas reads what snapshot_replicas copies and leaves out a broker that is down") {
    BrokerWorld w(cluster_options(3));
    REQUIRE(w.wait_for_brokers());
    REQUIRE(w.create_topic("orders", 2, 3) == Errc::none);
    const TopicPartition tp{"orders", 0};
    REQUIRE(w.wait_for_leader(tp));
    for (int b = 0; b < 3; ++b) REQUIRE(w.produce(tp, numbered("o", 4 * b, 4)).error == Errc::none);
    w.run_ms(2000);
    w.cluster.broker_node(BrokerId{3}).crash();
    const check::ReplicaViews views = check::read_replicas(w.cluster);
    const check::ReplicaSnapshot snapshot = check::snapshot_replicas(w.cluster);
    REQUIRE(views.partitions.size() == snapshot.size());
    std::size_t records = 0;
    for (const check::PartitionView& p : views.partitions) {
        const std::vector<check::ReplicaLog>& logs = snapshot.at(p.tp);
        REQUIRE(p.replicas.size() == logs.size());
        for (std::size_t i = 0; i < logs.size(); ++i) {
            const check::ReplicaView& v = p.replicas[i];
            CHECK(v.broker == logs[i].broker);
            CHECK(v.broker != BrokerId{3});
            CHECK(v.leader == logs[i].leader);
            CHECK(v.high_watermark == logs[i].high_watermark);
            REQUIRE(v.values.size() == logs[i].values.size());
            auto it = logs[i].values.begin();
            for (const check::ValueAt& at : v.values) {
                CHECK(at.offset == it->first);
                CHECK(at.value == it->second);
                ++it;
            }
            if (p.tp == tp) records += v.values.size();
        }
    }
    CHECK(records == 2 * 12);  // two live replicas of twelve records each
}

}  // TEST_SUITE
