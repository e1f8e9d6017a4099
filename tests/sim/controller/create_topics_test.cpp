#include <doctest/doctest.h>

#include "tests/sim/controller/cluster.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using engine::Duration;

namespace {

CreateTopicsRequest with_configs(CreateTopicsRequest r, ConfigOverrides configs) {
    r.configs = std::move(configs);
    return r;
}

CreateTopicsRequest assigned(std::string name, std::vector<std::vector<BrokerId>> assignment) {
    CreateTopicsRequest r = topic(std::move(name));
    r.replica_assignment = std::move(assignment);
    return r;
}

struct Case {
    const char* what;
    RequestBody request;
    Errc expected;
};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("CreateTopics and CreatePartitions answer Kafka's errors and create nothing then") {
    struct Out {
        std::string hash;
        std::vector<std::string> failures;
        metadata::ClusterImage image;
        Errc to_controller = Errc::none;
    };
    const Out out = run_twice([] {
        ClusterOptions o;
        o.seed = 31;
        o.config.num_partitions = 2;
        o.config.default_replication_factor = 2;
        o.config.default_log_config.retention_bytes = 5000;
        o.not_fetching = {4};  // broker 4 registers but stays fenced
        o.brokers = 4;
        Cluster c(o);
        c.run_until_ms(5000);
        CreateTopicsRequest rf_and_assignment = assigned("x", {ids({1})});
        rf_and_assignment.replication_factor = 1;
        CreateTopicsRequest count_and_assignment = assigned("x", {ids({1})});
        count_and_assignment.num_partitions = 1;
        CreatePartitionsRequest grow{"a.b", 5, {}};
        CreatePartitionsRequest grow_assigned{"manual", 3, {ids({3, 2})}};
        const std::vector<Case> cases = {
            {"empty name", topic(""), Errc::invalid_topic_exception},
            {"space in name", topic("a b"), Errc::invalid_topic_exception},
            {"dots only", topic(".."), Errc::invalid_topic_exception},
            {"first a.b", topic("a.b", 3, 3), Errc::none},
            {"a.b again", topic("a.b"), Errc::topic_already_exists},
            {"a_b collides", topic("a_b"), Errc::invalid_topic_exception},
            {"factor above unfenced brokers", topic("x", 1, 4), Errc::invalid_replication_factor},
            {"factor zero", topic("x", 1, 0), Errc::invalid_replication_factor},
            {"factor below -1", topic("x", 1, -2), Errc::invalid_replication_factor},
            {"zero partitions", topic("x", 0, 1), Errc::invalid_partitions},
            {"negative partitions", topic("x", -3, 1), Errc::invalid_partitions},
            {"too many partitions", topic("x", 20000, 1), Errc::policy_violation},
            {"10 000 partitions and the topic record: 10 001 records", topic("x", 10000, 1), Errc::policy_violation},
            {"unknown config", with_configs(topic("x"), {{"cleanup.policy", "compact"}}), Errc::invalid_config},
            {"bad config value", with_configs(topic("x"), {{"min.insync.replicas", "0"}}), Errc::invalid_config},
            {"assignment and factor", rf_and_assignment, Errc::invalid_request},
            {"assignment and count", count_and_assignment, Errc::invalid_request},
            {"broker twice", assigned("x", {ids({1, 1})}), Errc::invalid_replica_assignment},
            {"unknown broker", assigned("x", {ids({1, 9})}), Errc::invalid_replica_assignment},
            {"empty replicas", assigned("x", {ids({})}), Errc::invalid_replica_assignment},
            {"uneven factors", assigned("x", {ids({1, 2}), ids({3})}), Errc::invalid_replica_assignment},
            {"only fenced brokers", assigned("x", {ids({4})}), Errc::invalid_replica_assignment},
            {"defaults", topic("defaults"), Errc::none},
            {"configs", with_configs(topic("configs", 1, 1), {{"retention.ms", "1000"}, {"segment.bytes", "4096"}}), Errc::none},
            {"manual", assigned("manual", {ids({3, 1}), ids({4, 2})}), Errc::none},
            {"grow unknown topic", CreatePartitionsRequest{"nope", 3, {}}, Errc::unknown_topic_or_partition},
            {"grow to same count", CreatePartitionsRequest{"a.b", 3, {}}, Errc::invalid_partitions},
            {"shrink", CreatePartitionsRequest{"a.b", 2, {}}, Errc::invalid_partitions},
            {"grow with too few assignments", CreatePartitionsRequest{"a.b", 6, {ids({1, 2, 3})}}, Errc::invalid_replica_assignment},
            {"grow with wrong factor", CreatePartitionsRequest{"manual", 3, {ids({1})}}, Errc::invalid_replica_assignment},
            {"grow a.b", grow, Errc::none},
            {"grow manual", grow_assigned, Errc::none},
        };
        Out r;
        for (const Case& k : cases) {
            const rpc::RpcResult res = c.call(k.request);
            REQUIRE(res.ok());
            Errc got = Errc::none;
            std::string message;
            if (const auto* t = std::get_if<CreateTopicsResponse>(&res.body)) {
                got = t->error;
                message = t->message;
            } else {
                const auto& p = std::get<CreatePartitionsResponse>(res.body);
                got = p.error;
                message = p.message;
            }
            if (got != k.expected) r.failures.push_back(std::string(k.what) + ": got " + std::string(to_string(got)));
            if (got != Errc::none && message.empty()) r.failures.push_back(std::string(k.what) + ": no message");
        }
        // The controller does not serve a client's Metadata request: it times out.
        const rpc::RpcResult md = c.call(MetadataRequest{{"a.b"}}, Duration::ms(1000));
        r.to_controller = md.transport;
        r.image = c.controller()->image();
        r.hash = c.sim.trace().hash_hex();
        return r;
    });
    for (const std::string& f : out.failures) FAIL_CHECK(f);
    const metadata::ClusterImage& image = out.image;
    CHECK(image.topics().size() == 4);
    CHECK(image.topic("x") == nullptr);

    const auto* ab = image.topic("a.b");
    REQUIRE(ab != nullptr);
    REQUIRE(ab->partitions.size() == 5);
    for (const auto& p : ab->partitions) {
        CHECK(p.replicas.size() == 3);
        CHECK(p.isr == p.replicas);
        CHECK(p.leader == p.replicas.front());
        CHECK(p.leader_epoch == LeaderEpoch{0});
        CHECK_FALSE(p.is_replica(BrokerId{4}));  // only unfenced brokers are placed
    }

    const auto* defaults = image.topic("defaults");
    REQUIRE(defaults != nullptr);
    CHECK(defaults->partitions.size() == 2);  // num.partitions
    CHECK(defaults->partitions[0].replicas.size() == 2);  // default.replication.factor
    CHECK(defaults->config.retention_bytes == 5000);  // the controller's default log config

    const auto* configs = image.topic("configs");
    REQUIRE(configs != nullptr);
    CHECK(configs->config.retention_ms == Duration::ms(1000));
    CHECK(configs->config.segment_bytes == 4096);
    CHECK(configs->config.retention_bytes == 5000);

    const auto* manual = image.topic("manual");
    REQUIRE(manual != nullptr);
    REQUIRE(manual->partitions.size() == 3);
    CHECK(manual->partitions[0].replicas == ids({3, 1}));
    CHECK(manual->partitions[0].leader == BrokerId{3});
    // Fenced broker 4 is a replica but neither in the ISR nor leader, as Kafka does.
    CHECK(manual->partitions[1].replicas == ids({4, 2}));
    CHECK(manual->partitions[1].isr == ids({2}));
    CHECK(manual->partitions[1].leader == BrokerId{2});
    CHECK(manual->partitions[2].replicas == ids({3, 2}));
    CHECK(out.to_controller == Errc::request_timed_out);
}

}  // TEST_SUITE
