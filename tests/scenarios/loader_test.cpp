// The scenario loader: a valid file becomes the model's option structs; each kind of mistake
// a user makes is reported at its JSON Pointer with what was expected.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/loader/kafka_configs.h"
#include "scenarios/loader/knobs.h"
#include "scenarios/loader/scenario_loader.h"

using namespace kafkasim;
using namespace kafkasim::scenarios;

namespace {

std::string fixture_path(const std::string& name) { return std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/" + name; }

Json fixture_json(const std::string& name) {
    std::ifstream in(fixture_path(name));
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}

// Loads `doc` and returns its errors as "path: message" lines.
std::vector<std::string> errors_of(const Json& doc) {
    Errors errors;
    load_scenario(doc, "t", errors);
    std::vector<std::string> out;
    for (const LoadError& e : errors.all()) out.push_back(e.path + ": " + e.message);
    return out;
}

bool has_error(const std::vector<std::string>& errors, const std::string& path, const std::string& part) {
    for (const std::string& e : errors)
        if (e.rfind(path + ": ", 0) == 0 && e.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a valid file becomes the model's option structs") {
    const LoadResult r = load_scenario_file(fixture_path("failover-basic.json"));
    REQUIRE(r.errors.empty());
    const ScenarioSpec& s = *r.spec;
    CHECK(s.name == "failover-basic");
    CHECK(s.seed == 7);
    CHECK(s.duration == engine::Duration::ms(60000));
    CHECK(s.description.ko.find("복제") != std::string::npos);
    CHECK(s.cluster.brokers == 3);
    CHECK(s.cluster.controller.default_log_config.min_insync_replicas == 2);
    CHECK(s.cluster.controller.leader_imbalance_check_interval == engine::Duration::s(30));
    CHECK(s.cluster.network.latency.min == engine::Duration::us(500));
    CHECK(s.cluster.network.latency.max == engine::Duration::ms(2));
    REQUIRE(s.topics.size() == 1);
    CHECK(s.topics[0].partitions == 3);
    CHECK(s.topics[0].replication_factor == 3);
    REQUIRE(s.producers.size() == 1);
    CHECK(s.producers[0].config.acks == -1);
    CHECK(s.producers[0].config.linger == engine::Duration::ms(5));
    CHECK(s.producers[0].keys.keys.size() == 12);
    CHECK(s.producers[0].keys.kind == KeySpec::Kind::cycle);
    REQUIRE(s.faults.size() == 2);
    const auto* crash = std::get_if<CrashAction>(&s.faults[0].action);
    REQUIRE(crash != nullptr);
    CHECK(crash->node.kind == NodeRef::Kind::leader_of);
    CHECK(crash->node.partition == TopicPartition{"orders", 0});
    CHECK(s.faults[1].at == engine::Duration::ms(40000));
    REQUIRE(s.expectations.size() == 3);
    CHECK(s.expectations[0].safety);
    CHECK(std::get<MetricRef>(s.expectations[0].left).name == "lost_acked");
    CHECK(std::get<double>(s.expectations[0].right) == 0);
    const auto& acked = std::get<MetricRef>(s.expectations[2].left);
    CHECK(acked.where.size() == 1);
    CHECK(acked.where[0].label == "topic");
    CHECK(s.expectations[2].op == Comparison::gt);
    REQUIRE(s.knobs.size() == 1);
    CHECK(s.knobs[0].values == std::vector<std::string>{"1", "all"});
    CHECK(s.narration.size() == 2);
}

TEST_CASE("the fixture with every key loads") {
    const LoadResult r = load_scenario_file(fixture_path("every-key.json"));
    for (const std::string& e : r.errors) MESSAGE(e);
    REQUIRE(r.errors.empty());
    CHECK(r.spec->faults.size() == 17);
    REQUIRE(r.spec->groups.size() == 2);
    const GroupSpec& payments = r.spec->groups[0];
    REQUIRE(payments.members.size() == 2);
    CHECK(payments.members[1].name == "payments/consumer-2");
    CHECK(payments.members[1].config.group_id == "payments");
    CHECK(payments.members[1].workload.subscription == std::vector<std::string>{"orders"});
    CHECK(payments.members[1].workload.processing_time == engine::Duration::us(1500));
    CHECK(payments.members[1].workload.processing == consumer::ProcessingMode::hand_off);
    CHECK(payments.members[1].config.partition_assignment_strategy ==
          std::vector<assign::Strategy>{assign::Strategy::cooperative_sticky});
    CHECK(payments.members[1].join == engine::Duration::ms(2000));
    const MemberSpec& fast = r.spec->groups[1].members[0];
    CHECK(fast.name == "shipping/fast");
    CHECK(fast.config.group_instance_id == std::optional<std::string>("shipping-fast"));
    CHECK(fast.config.partition_assignment_strategy == std::vector<assign::Strategy>{assign::Strategy::roundrobin});
    CHECK(fast.leave == engine::Duration::ms(50000));
    // The group's settings reach a member that overrides only some of them.
    const MemberSpec& slow = r.spec->groups[1].members[1];
    CHECK(slow.workload.processing_time == engine::Duration::ms(20));
    CHECK_FALSE(slow.config.group_instance_id);
    const auto* coordinator = std::get_if<CrashAction>(&r.spec->faults[15].action);
    REQUIRE(coordinator != nullptr);
    CHECK(coordinator->node.kind == NodeRef::Kind::coordinator_of);
    CHECK(coordinator->node.name == "payments");
    CHECK(r.spec->cluster.replication_truncation == ReplicationTruncation::legacy_hw);
    const auto* loss = std::get_if<PowerLossAction>(&r.spec->faults[3].action);
    REQUIRE(loss != nullptr);
    CHECK(loss->nodes.size() == 5);  // "all": the controller and the four brokers
}

TEST_CASE("the schema names the configs the loader knows") {
    std::ifstream in(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/schema.json");
    std::stringstream text;
    text << in.rdbuf();
    const Json schema = Json::parse(text.str());
    const auto names = [](const Json& e) {
        auto v = e.get<std::vector<std::string>>();
        std::sort(v.begin(), v.end());
        return v;
    };
    auto broker = broker_config_names();
    auto producer = producer_config_names();
    auto consumer = consumer_config_names();
    std::sort(broker.begin(), broker.end());
    std::sort(producer.begin(), producer.end());
    std::sort(consumer.begin(), consumer.end());
    CHECK(names(schema["properties"]["groups"]["items"]["properties"]["configs"]["propertyNames"]["enum"]) == consumer);
    CHECK(names(schema["properties"]["cluster"]["properties"]["configs"]["propertyNames"]["enum"]) == broker);
    CHECK(names(schema["properties"]["producers"]["items"]["properties"]["configs"]["propertyNames"]["enum"]) ==
          producer);
}

TEST_CASE("unknown keys are reported with a suggestion") {
    Json doc = fixture_json("failover-basic.json");
    doc["topics"][0]["partitons"] = doc["topics"][0]["partitions"];
    doc["cluster"]["configs"]["min.insync.replica"] = 2;
    doc["durration_ms"] = 5;
    const auto errors = errors_of(doc);
    CHECK(has_error(errors, "/topics/0/partitons", "did you mean \"partitions\""));
    CHECK(has_error(errors, "/cluster/configs/min.insync.replica", "did you mean \"min.insync.replicas\""));
    CHECK(has_error(errors, "/durration_ms", "did you mean \"duration_ms\""));
}

TEST_CASE("wrong types and out-of-range values say what was expected") {
    Json doc = fixture_json("failover-basic.json");
    doc["seed"] = -1;
    doc["cluster"]["brokers"] = "three";
    doc["topics"][0]["partitions"] = 99999999999;
    doc["producers"][0]["configs"]["linger.ms"] = 1.5;
    doc["cluster"]["configs"]["auto.leader.rebalance.enable"] = "yes";
    const auto errors = errors_of(doc);
    CHECK(has_error(errors, "/seed", "expected an integer from 0 to 9007199254740991, found -1"));
    CHECK(has_error(errors, "/cluster/brokers", "expected an integer from 1 to 1000, found a string"));
    CHECK(has_error(errors, "/topics/0/partitions", "found 99999999999"));
    CHECK(has_error(errors, "/producers/0/configs/linger.ms", "expected an integer"));
    CHECK(has_error(errors, "/cluster/configs/auto.leader.rebalance.enable", "expected true or false"));
}

TEST_CASE("impossible values are refused") {
    Json doc = fixture_json("failover-basic.json");
    doc["topics"][0]["replication_factor"] = 4;
    doc["faults"][1]["restart"] = "broker-9";
    doc["narration"][1]["at_ms"] = 70000;
    doc["faults"].push_back({{"at_ms", 90000}, {"heal", true}});
    doc["producers"][0]["topic"] = "payments";
    const auto errors = errors_of(doc);
    CHECK(has_error(errors, "/topics/0/replication_factor", "larger than the 3 brokers"));
    CHECK(has_error(errors, "/faults/1/restart", "no node named \"broker-9\""));
    CHECK(has_error(errors, "/narration/1/at_ms", "past the scenario's duration_ms"));
    CHECK(has_error(errors, "/faults/2/at_ms", "past the scenario's duration_ms"));
    CHECK(has_error(errors, "/producers/0/topic", "no topic named \"payments\""));
}

TEST_CASE("a broker added by a fault can be named only after it") {
    Json doc = fixture_json("failover-basic.json");
    doc["faults"] = Json::array({{{"at_ms", 5000}, {"crash", "broker-4"}}, {{"at_ms", 10000}, {"add_broker", 1}},
                                 {{"at_ms", 15000}, {"crash", "broker-4"}}});
    const auto errors = errors_of(doc);
    CHECK(has_error(errors, "/faults/0/crash", "no node named \"broker-4\""));
    CHECK_FALSE(has_error(errors, "/faults/2/crash", ""));
}

TEST_CASE("a scenario has at most 1000 brokers - those it starts with and those that join") {
    // Issue 30: the loader capped brokers at 64 and add_broker at 16.
    Json doc = fixture_json("failover-basic.json");
    doc["cluster"]["brokers"] = 990;
    doc["faults"] = Json::array({{{"at_ms", 5000}, {"add_broker", 10}},
                                 {{"at_ms", 6000}, {"crash", "broker-1000"}},
                                 {{"at_ms", 7000}, {"add_broker", 1}}});
    auto errors = errors_of(doc);
    CHECK(!has_error(errors, "/cluster/brokers", ""));
    CHECK(!has_error(errors, "/faults/0/add_broker", ""));
    CHECK(!has_error(errors, "/faults/1/crash", ""));
    CHECK(has_error(errors, "/faults/2/add_broker", "the cluster would have 1001 brokers; a scenario has at most 1000"));
    doc["cluster"]["brokers"] = 1001;
    CHECK(has_error(errors_of(doc), "/cluster/brokers", "expected an integer from 1 to 1000, found 1001"));
    doc["cluster"]["brokers"] = 3;
    doc["faults"] = Json::array({{{"at_ms", 5000}, {"add_broker", 500}}, {{"at_ms", 6000}, {"restart", "broker-503"}}});
    errors = errors_of(doc);
    CHECK(!has_error(errors, "/faults/0/add_broker", ""));
    CHECK(!has_error(errors, "/faults/1/restart", ""));
}

TEST_CASE("add_partitions adds at most 10000 partitions in one operation as Kafka's controller") {
    Json doc = fixture_json("failover-basic.json");  // orders: 3 partitions
    doc["faults"] = Json::array({{{"at_ms", 5000}, {"add_partitions", {{"topic", "orders"}, {"count", 10003}}}},
                                 {{"at_ms", 6000}, {"add_partitions", {{"topic", "orders"}, {"count", 20004}}}}});
    auto errors = errors_of(doc);
    CHECK(!has_error(errors, "/faults/0/add_partitions/count", ""));
    CHECK(has_error(errors, "/faults/1/add_partitions/count",
                    "adds 10001 partitions to the 10003 the topic has then; Kafka's controller adds at most 10000"));
}

TEST_CASE("consumer groups: mistakes in members - configs and references are refused") {
    Json doc = fixture_json("group-basic.json");
    Json& g = doc["groups"][0];
    g["topics"].push_back("payments");
    g["procesing_ms"] = 5;
    g["members"][1]["commit"] = "after";
    g["members"][2]["join_ms"] = 50000;
    g["configs"]["enable.auto.commit"] = false;
    g["configs"]["auto.offset.reset"] = "smallest";
    g["configs"]["group.id"] = "other";
    g["members"][0]["configs"] = {{"session.timeout.ms", 3000}, {"heartbeat.interval.ms", 1000}};
    doc["groups"].push_back({{"group", "payments"}, {"topics", {"orders"}}, {"commit", "auto"},
                             {"configs", {{"enable.auto.commit", "false"}, {"partition.assignment.strategy", "sticky, fair"}}}});
    doc["faults"].push_back({{"at_ms", 5000}, {"crash", "payments/consumer-3"}});
    doc["faults"].push_back({{"at_ms", 6000}, {"crash", {{"coordinator_of", "shipping"}}}});
    const auto errors = errors_of(doc);
    CHECK(has_error(errors, "/groups/0/topics/1", "no topic named \"payments\""));
    CHECK(has_error(errors, "/groups/0/procesing_ms", "did you mean \"processing_ms\""));
    CHECK(has_error(errors, "/groups/0/members/1/commit", "expected \"auto\", \"sync_after_processing\""));
    CHECK(has_error(errors, "/groups/0/members/2/join_ms", "past the scenario's duration_ms"));
    CHECK(has_error(errors, "/groups/0/configs/auto.offset.reset", "expected one of \"latest\", \"earliest\", \"none\""));
    CHECK(has_error(errors, "/groups/0/configs/group.id", "the group's \"group\" is its group.id"));
    CHECK(has_error(errors, "/groups/0/members/0/configs/session.timeout.ms", "INVALID_SESSION_TIMEOUT"));
    CHECK(has_error(errors, "/groups/1/group", "a second group \"payments\""));
    CHECK(has_error(errors, "/groups/1/configs/partition.assignment.strategy", "found \"sticky, fair\""));
    CHECK(has_error(errors, "/faults/2/crash", "no node named \"payments/consumer-3\" at this time"));
    CHECK(has_error(errors, "/faults/3/crash/coordinator_of", "no consumer group named \"shipping\""));
}

TEST_CASE("Kafka's config rules apply to a consumer") {
    Json doc = fixture_json("group-basic.json");
    doc["groups"][0]["commit"] = "auto";  // with enable.auto.commit false
    doc["groups"][0]["configs"]["heartbeat.interval.ms"] = 10000;
    auto errors = errors_of(doc);
    CHECK(has_error(errors, "/groups/0/members/0/configs/heartbeat.interval.ms", "lower than the session timeout"));
    doc["groups"][0]["configs"].erase("heartbeat.interval.ms");
    errors = errors_of(doc);
    CHECK(has_error(errors, "/groups/0/members/0/commit", "\"auto\" commits only through enable.auto.commit"));
    // Without enable.auto.commit, a consumer with a group.id auto-commits (Kafka's default).
    doc["groups"][0]["configs"].erase("enable.auto.commit");
    CHECK(errors_of(doc).empty());
}

TEST_CASE("Kafka's config rules apply to a producer") {
    Json doc = fixture_json("failover-basic.json");
    doc["producers"][0]["configs"]["acks"] = "1";
    CHECK(errors_of(doc).empty());  // idempotence unset: acks=1 turns it off
    doc["producers"][0]["configs"]["enable.idempotence"] = true;
    CHECK(has_error(errors_of(doc), "/producers/0/configs/acks", "Must set acks to all"));
    doc["producers"][0]["configs"]["acks"] = "2";
    CHECK(has_error(errors_of(doc), "/producers/0/configs/acks", "expected one of"));
}

TEST_CASE("a topic config is checked as the controller checks it") {
    Json doc = fixture_json("failover-basic.json");
    doc["topics"][0]["configs"] = {{"min.insync.replicas", 0}};
    CHECK(!errors_of(doc).empty());
    doc["topics"][0]["configs"] = {{"cleanup.policy", "compact"}};
    CHECK(has_error(errors_of(doc), "/topics/0/configs", "cleanup.policy"));
}

TEST_CASE("expectations must name checkers and metrics with their labels") {
    Json doc = fixture_json("failover-basic.json");
    doc["expectations"][0]["expect"] = "lost_ackd == 0";
    doc["expectations"][1]["expect"] = "acked{group=x} > 0";
    doc["expectations"][2]["expect"] = "1 == 1";
    doc["expectations"].push_back({{"name", "nothing lost is lost"}, {"expect", "lost_acked = 0"}});
    doc["expectations"].push_back({{"name", "nothing acknowledged is lost"}, {"expect", "lost_acked == 0"}});
    doc["expectations"].push_back({{"name", "acks=-1 is acks=all"}, {"expect", "unconsumed{acks=-1} == 0"}});
    doc["expectations"].push_back({{"name", "unconsumed per group"}, {"expect", "unconsumed{group=x} == 0"}});
    doc["expectations"].push_back({{"name", "everything consumed"}, {"expect", "unconsumed{acks=all} == 0"}});
    const auto errors = errors_of(doc);
    CHECK(has_error(errors, "/expectations/0/expect", "did you mean \"lost_acked\""));
    CHECK(has_error(errors, "/expectations/1/expect", "selected by producer, topic, partition, not \"group\""));
    CHECK(has_error(errors, "/expectations/2/expect", "a checker or metric on at least one side"));
    CHECK(has_error(errors, "/expectations/3/expect", "one of == != < <= > >="));
    CHECK(has_error(errors, "/expectations/4/name", "a second expectation"));
    // A label with a closed set of values refuses others: a sum over no sample would be 0.
    CHECK(has_error(errors, "/expectations/5/expect", "\"acks\" is all, 1 or 0, not \"-1\""));
    CHECK(has_error(errors, "/expectations/6/expect", "selected by acks, not \"group\""));
    CHECK_FALSE(has_error(errors, "/expectations/7/expect", ""));
}

TEST_CASE("every knob value must give a valid scenario") {
    Json doc = fixture_json("failover-basic.json");
    doc["knobs"][0]["values"]["1"] = {{"/producers/0/configs/acks", "1"}, {"/producers/0/configs/enable.idempotence", true}};
    CHECK(has_error(errors_of(doc), "/producers/0/configs/acks", "with knob acks=1: Must set acks to all"));
    doc["knobs"][0]["values"]["1"] = {{"/nothing/here", 1}};
    CHECK(has_error(errors_of(doc), "/nothing/here", "parent is not in the file"));
    doc["knobs"][0]["values"]["1"] = {{"/producers/5", 1}};
    CHECK(has_error(errors_of(doc), "/producers/5", "index 5 is past the end of an array of 1"));
    doc["knobs"][0]["default"] = "some";
    CHECK(has_error(errors_of(doc), "/knobs/0/default", "not one of the knob's values"));
}

TEST_CASE("a knob's pointer that names no place is an error - never a crash") {
    // Issue 29: an empty array step or an index beyond size_t made nlohmann's json_pointer throw
    // outside the loader's guard (std::terminate).
    for (const std::string ptr : {"/topics//x", "/topics/99999999999999999999999/name", "/topics/-/name", "/topics/01/name",
                                  "/topics/x/name", "/topics/0/replication_factor/x", "/seed/x", "/topics/-", "/~2", "x"}) {
        INFO(ptr);
        Json doc = fixture_json("failover-basic.json");
        doc["knobs"][0]["values"]["1"] = {{ptr, 1}};
        std::vector<std::string> errors;
        CHECK_NOTHROW(errors = errors_of(doc));
        CHECK(!errors.empty());
        Errors applied;
        CHECK_NOTHROW(apply_knob(applied, doc, "acks", "1"));
        if (ptr != "/topics/-") CHECK(!applied.empty());  // "-" appends: the loader then refuses the topic
    }
}

TEST_CASE("a network partition may list a node once") {
    Json doc = fixture_json("failover-basic.json");
    doc["faults"] = Json::array({{{"at_ms", 1000}, {"partition", {{"broker-1"}, {"broker-1", "broker-2"}}}},
                                 {{"at_ms", 2000}, {"partition", {{{{"leader_of", "orders-0"}}, {{"leader_of", "orders-0"}}}}}}});
    const auto errors = errors_of(doc);
    CHECK(has_error(errors, "/faults/0/partition/1/0", "\"broker-1\" is already in this partition's group 1"));
    CHECK(has_error(errors, "/faults/1/partition/0/1", "{\"leader_of\": \"orders-0\"} is already in this partition's group 1"));
}

TEST_CASE("topics the controller would refuse are refused by the loader") {
    // Issue 29: these passed validate, and the run went on without the topic.
    Json doc = fixture_json("failover-basic.json");
    doc["topics"] = Json::array({{{"name", "a"}, {"replica_assignment", {{1, 1}, {2, 3}}}},
                                 {{"name", "b"}, {"replica_assignment", {{1, 2}, {2, 3, 1}}}},
                                 {{"name", "c"}, {"partitions", 10000}, {"replication_factor", 1}}});
    const auto errors = errors_of(doc);
    CHECK(has_error(errors, "/topics/0/replica_assignment/0", "includes the broker 1 more than once"));
    CHECK(has_error(errors, "/topics/1/replica_assignment/1", "a partition with 3 replica(s), but this is not consistent"));
    CHECK(has_error(errors, "/topics/2/partitions", "expected an integer from 1 to 9999, found 10000"));
    doc["topics"] = Json::array({{{"name", "orders"}, {"partitions", 9999}, {"replication_factor", 1}}});
    CHECK(!has_error(errors_of(doc), "/topics/0/partitions", ""));
}

TEST_CASE("a map partitioner may name only partitions its topic has by the end") {
    // Issue 29: a map naming a partition the topic lacks failed every such record at run time.
    Json doc = fixture_json("failover-basic.json");  // orders: 3 partitions
    doc["producers"][0]["partitioner"] = {{"map", {{"alice", 2}, {"bob", 4}, {"carol", 5}}}, {"default_partition", 3}};
    doc["faults"].push_back({{"at_ms", 50000}, {"add_partitions", {{"topic", "orders"}, {"count", 5}}}});
    const auto errors = errors_of(doc);
    CHECK(!has_error(errors, "/producers/0/partitioner/map/alice", ""));
    CHECK(!has_error(errors, "/producers/0/partitioner/map/bob", ""));  // exists once the topic grows
    CHECK(has_error(errors, "/producers/0/partitioner/map/carol", "partition 5 is not in topic orders (partitions 0 to 4)"));
    CHECK(!has_error(errors, "/producers/0/partitioner/default_partition", ""));
}

TEST_CASE("applying a knob changes the places it names") {
    Json doc = fixture_json("failover-basic.json");
    Errors errors;
    apply_knob(errors, doc, "acks", "1");
    CHECK(errors.empty());
    CHECK(doc["producers"][0]["configs"]["acks"] == "1");
    apply_knob(errors, doc, "ack", "1");
    apply_knob(errors, doc, "acks", "2");
    REQUIRE(errors.size() == 2);
    CHECK(errors.all()[0].message.find("did you mean \"acks\"") != std::string::npos);
    CHECK(errors.all()[1].message.find("has no value \"2\"") != std::string::npos);
}

TEST_CASE("a knob that replaces a whole section leaves the other values valid") {
    // Each value is checked against the file as written, not against the file another chosen
    // value has already turned.
    const auto path = std::filesystem::temp_directory_path() / "kafkasim-knob-section.json";
    Json doc = fixture_json("group-basic.json");
    doc["faults"] = Json::array();
    doc["knobs"] = Json::array({{{"name", "groups"},
                                 {"description", {{"en", "Groups"}, {"ko", "그룹"}}},
                                 {"default", "one"},
                                 {"values", {{"one", {{"/groups/0/group", "payments"}}},
                                             {"none", {{"/groups", Json::array()}}}}}}});
    std::ofstream(path) << doc.dump();
    const LoadResult none = load_scenario_file(path.string(), {{"groups", "none"}});
    for (const std::string& e : none.errors) MESSAGE(e);
    REQUIRE(none.spec);
    CHECK(none.spec->groups.empty());
    CHECK(none.spec->knobs.size() == 1);
    const LoadResult one = load_scenario_file(path.string(), {{"groups", "one"}});
    REQUIRE(one.spec);
    CHECK(one.spec->groups.size() == 1);
    std::filesystem::remove(path);
}

TEST_CASE("a directory - a device or a huge file is refused before it is read") {
    // Issue 29: /dev/zero never ended, a 700 MB file aborted with bad_alloc, a directory was
    // "empty".
    const auto one_error = [](const std::string& path, const std::string& part) {
        const LoadResult r = load_scenario_file(path);
        REQUIRE(r.errors.size() == 1);
        CHECK_MESSAGE(r.errors[0].find(part) != std::string::npos, r.errors[0]);
    };
    one_error("/dev/zero", "not a regular file");
    one_error(std::filesystem::temp_directory_path().string(), "is a directory");
    const auto big = std::filesystem::temp_directory_path() / "kafkasim-big-scenario.json";
    {
        std::ofstream out(big, std::ios::binary);
        out.seekp(700 * 1024 * 1024);  // sparse: no disk is filled
        out.put('}');
    }
    one_error(big.string(), "the file is 734003201 bytes; expected at most 1048576 bytes");
    std::filesystem::remove(big);
}

TEST_CASE("an error at a place only a knob creates is shown at the knob's value - not at 1:1") {
    // Issue 29: such errors pointed at the start of the file.
    const auto path = std::filesystem::temp_directory_path() / "kafkasim-knob-place.json";
    Json doc = fixture_json("failover-basic.json");
    doc["knobs"][0]["values"]["1"] = {{"/nothing/here", 1}};
    std::ofstream(path) << doc.dump(1);  // one key per line: the knob's value has a line of its own
    const LoadResult r = load_scenario_file(path.string());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].find("/nothing/here: with knob acks=1: knob \"acks\" cannot set this place") != std::string::npos);
    CHECK(r.errors[0].find(":1:1:") == std::string::npos);
    const std::string dumped = doc.dump(1);
    const auto line = 1 + std::count(dumped.begin(), dumped.begin() + static_cast<std::ptrdiff_t>(dumped.find("\"/nothing/here\"")), '\n');
    CHECK_MESSAGE(r.errors[0].find(":" + std::to_string(line - 1) + ":") != std::string::npos, r.errors[0]);
    std::filesystem::remove(path);
}

TEST_CASE("errors from a file carry the line and column of the value") {
    const LoadResult r = load_scenario_file(fixture_path("bad-unknown-key.json"));
    REQUIRE(r.errors.size() == 2);  // in file order: the object missing "brokers", then the misspelt key
    CHECK(r.errors[0].find("bad-unknown-key.json:5:14: /cluster/brokers: missing") != std::string::npos);
    CHECK(r.errors[1].find("bad-unknown-key.json:6:5: /cluster/brokrs: unknown key \"brokrs\"; did you mean \"brokers\"?") !=
          std::string::npos);
}

TEST_CASE("load_scenario_text is load_scenario_file without the reading") {
    // The fuzz targets (tests/fuzz) feed bytes to load_scenario_text; the file path must be that
    // same code once the file is read.
    for (const std::string name : {"failover-basic.json", "bad-unknown-key.json"}) {
        INFO(name);
        std::ifstream in(fixture_path(name), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        const LoadResult file = load_scenario_file(fixture_path(name), {{"acks", "1"}});
        const LoadResult bytes = load_scenario_text(text.str(), fixture_path(name), {{"acks", "1"}});
        CHECK(file.errors == bytes.errors);
        REQUIRE(file.spec.has_value() == bytes.spec.has_value());
        if (file.spec) CHECK(file.spec->name == bytes.spec->name);
    }
}

TEST_CASE("a path that cannot be read prints on one line") {
    const LoadResult r = load_scenario_file("no\nsuch\x1b[2J.json");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].rfind("no\\nsuch\\u001b[2J.json: ", 0) == 0);
}

}  // TEST_SUITE
