// Running a scenario from its spec: the world it builds, the faults by role, the drained
// phase, the checkers, metrics and expectations, and the same hash for the same seed.
#include <doctest/doctest.h>

#include <algorithm>

#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/scenario_run.h"

using namespace kafkasim;
using namespace kafkasim::scenarios;

namespace {

ScenarioSpec load_fixture(const std::string& name, std::vector<std::pair<std::string, std::string>> knobs = {}) {
    const LoadResult r = load_scenario_file(std::string(KAFKASIM_TEST_DATA_DIR) + "/scenarios/" + name, knobs);
    REQUIRE(r.errors.empty());
    return *r.spec;
}

double metric_sum(const RunResult& r, const std::string& name, const std::string& label = "",
                  const std::string& value = "") {
    double total = 0;
    const auto it = r.metrics.find(name);
    if (it != r.metrics.end())
        for (const Sample& s : it->second)
            if (label.empty() || (s.labels.contains(label) && s.labels.at(label) == value)) total += s.value;
    return total;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a leader failover scenario runs and meets its expectations") {
    const ScenarioSpec spec = load_fixture("failover-basic.json");
    std::vector<std::string> captions;
    RunOptions options;
    options.on_caption = [&captions](const Caption& c) { captions.push_back(c.text.en); };
    const RunResult r = run_scenario(spec, options);
    for (const auto& e : r.expectations) MESSAGE(e.name << ": " << e.detail);
    CHECK(r.all_ok());
    CHECK(r.checks.size() == checker_names().size());
    CHECK(r.checks.at("lost_acked").count == 0);
    CHECK(metric_sum(r, "acked") > 2000);
    CHECK(metric_sum(r, "leaderless_ms") < 1000);  // the controller elects within the session timeout
    // ... but the partitions the crashed broker led took no write until then
    CHECK(metric_sum(r, "unavailable_ms") > 5000);
    CHECK(captions.size() == 2);
    CHECK(r.sim_time_ms == 120000);  // 60 s, then the 60 s drained phase
    CHECK(run_scenario(spec).trace_hash == r.trace_hash);
    RunOptions other;
    other.seed = 8;
    CHECK(run_scenario(spec, other).trace_hash != r.trace_hash);
}

TEST_CASE("a consumer group runs: members join - crash and leave - the coordinator fails over") {
    const ScenarioSpec spec = load_fixture("group-basic.json");
    const RunResult r = run_scenario(spec);
    for (const auto& e : r.expectations) MESSAGE(e.name << ": " << e.detail);
    CHECK(r.all_ok());
    REQUIRE(r.groups.size() == 1);
    const GroupReport& g = r.groups[0];
    CHECK(g.state == "Stable");
    // Generations: two initial members, the third joins, one crashes (its session expires), one
    // leaves: at least four rebalances, whatever the coordinator's failover adds.
    CHECK(g.generation >= 4);
    REQUIRE(g.members.size() == 1);  // consumer-1 crashed, consumer-2 left
    CHECK(g.members[0].member == "payments/consumer-3");
    CHECK(g.members[0].member_id.starts_with("payments/consumer-3-"));
    CHECK(g.members[0].partitions.size() == 6);
    REQUIRE(g.offsets.size() == 6);
    std::int64_t committed = 0;
    for (const GroupOffsetState& o : g.offsets) {
        CHECK(o.lag == 0);
        CHECK(o.committed_offset == o.log_end_offset);
        committed += o.committed_offset;
    }
    CHECK(committed == metric_sum(r, "acked"));
    CHECK(metric_sum(r, "processed") == metric_sum(r, "acked"));
    CHECK(metric_sum(r, "idle_members") == 0);
    CHECK(metric_sum(r, "rebalance_pause_ms") > 0);
    for (const std::string& checker : checker_names()) CHECK_MESSAGE(r.checks.at(checker).count == 0, checker);
    // Consumers go on through the drained phase: every record sent reached the group.
    const auto consumed = std::find_if(r.expectations.begin(), r.expectations.end(), [](const ExpectationResult& e) {
        return e.name == "everything acknowledged was consumed";
    });
    REQUIRE(consumed != r.expectations.end());
    CHECK(consumed->detail == "unconsumed{acks=all} == 0: 0 == 0");
    CHECK(r.checks.at("unconsumed").parts.size() == 3);
    CHECK(run_scenario(spec).trace_hash == r.trace_hash);
}

TEST_CASE("unconsumed counts what a group that joins late at latest never saw - split by acks") {
    // early-all (acks=all) and early-none (acks=0) stop before payments joins with
    // auto.offset.reset=latest; late-one (acks=1) starts after it; no group reads audit.
    const ScenarioSpec spec = load_fixture("group-late-join.json");
    const RunResult r = run_scenario(spec);
    for (const auto& e : r.expectations) MESSAGE(e.name << ": " << e.detail);
    CHECK(r.all_ok());
    const double early_all = metric_sum(r, "acked", "producer", "early-all");
    const double early_none = metric_sum(r, "acked", "producer", "early-none");
    CHECK(early_all > 250);
    CHECK(early_none > 125);
    CHECK(metric_sum(r, "acked", "producer", "late-one") > 0);
    CHECK(metric_sum(r, "acked", "producer", "auditor") > 0);
    const CheckSummary& u = r.checks.at("unconsumed");
    CHECK(u.count == early_all + early_none);
    REQUIRE(u.parts.size() == 3);
    CHECK(u.parts[0].count == early_all);
    CHECK(u.parts[1].count == 0);
    CHECK(u.parts[2].count == early_none);
    REQUIRE(u.examples.size() == 5);
    CHECK(u.examples[0].find("(acks=all) never consumed by group payments") != std::string::npos);
    // The metric: one sample per acks mode, the empty one included; the sum is the count.
    CHECK(r.metrics.at("unconsumed").size() == 3);
    CHECK(metric_sum(r, "unconsumed") == u.count);
    CHECK(metric_sum(r, "unconsumed", "acks", "all") == early_all);
    CHECK(metric_sum(r, "unconsumed", "acks", "1") == 0);
    CHECK(metric_sum(r, "unconsumed", "acks", "0") == early_none);
    CHECK(r.checks.at("lost_acked").count == 0);  // nothing was lost: it was never read
}

TEST_CASE("the coordinator_of role names the leader of the group's __consumer_offsets partition") {
    ScenarioSpec spec = load_fixture("group-basic.json");
    spec.faults.erase(spec.faults.begin());  // only the coordinator's crash
    struct Faults : engine::TraceSink {
        std::vector<std::string> targets;
        std::vector<std::string> crashed;
        void write(const engine::TraceRecordView& record) override {
            if (record.kind == "node.crash") crashed.push_back(std::string(record.node_name));
            if (record.kind != "scenario.fault") return;
            for (const auto& f : record.fields)
                if (f.key == "target") targets.push_back(std::string(f.value.as_string()));
        }
    };
    auto sink = std::make_shared<Faults>();
    RunOptions options;
    options.until = engine::Duration::ms(40000);  // past the broker session timeout (9 s)
    options.trace_sinks.push_back(sink);
    const RunResult r = run_scenario(spec, options);
    REQUIRE(sink->crashed.size() == 1);
    CHECK(sink->crashed[0].starts_with("broker-"));
    CHECK(std::find(sink->targets.begin(), sink->targets.end(), sink->crashed[0]) != sink->targets.end());
    // The partition that holds "payments" now has another leader, which serves the group.
    REQUIRE(r.groups.size() == 1);
    CHECK(r.groups[0].state != "Unknown");
}

TEST_CASE("a partition whose groups share a node when it fires is refused with a warning - not an assertion") {
    // Issue 29: a role that resolves into both groups failed a SIM_ASSERT in engine/net/links.cpp.
    ScenarioSpec spec = load_fixture("failover-basic.json");
    spec.faults.clear();
    PartitionAction a;
    a.groups.push_back({NodeRef{NodeRef::Kind::leader_of, "orders-0", TopicPartition{"orders", 0}}});
    a.groups.push_back({NodeRef{NodeRef::Kind::name, "broker-1", {}}, NodeRef{NodeRef::Kind::name, "broker-2", {}},
                        NodeRef{NodeRef::Kind::name, "broker-3", {}}});
    spec.faults.push_back(FaultSpec{engine::Duration::ms(10000), a, "/faults/0"});
    RunOptions options;
    options.until = engine::Duration::ms(15000);
    const RunResult r = run_scenario(spec, options);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("at 10000 ms: partition refused: broker-") != std::string::npos);
    CHECK(r.warnings[0].find(" is in two of its groups") != std::string::npos);
}

TEST_CASE("a topic of the scenario that the controller refuses fails the run") {
    // Issue 29: the run went on without the topic and exited 0. (The loader refuses this file;
    // the spec is changed here to reach the controller's own check.)
    ScenarioSpec spec = load_fixture("failover-basic.json");
    spec.topics[0].partitions = -1;
    spec.topics[0].replication_factor = -1;
    spec.topics[0].replica_assignment = {{BrokerId{1}, BrokerId{1}}};
    RunOptions options;
    options.until = engine::Duration::ms(5000);
    const RunResult r = run_scenario(spec, options);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].find("the controller refused to create topic orders: INVALID_REPLICA_ASSIGNMENT") != std::string::npos);
    CHECK_FALSE(r.all_ok());
}

TEST_CASE("a run stopped early leaves later expectations not reached") {
    const ScenarioSpec spec = load_fixture("failover-basic.json");
    RunOptions options;
    options.until = engine::Duration::ms(10000);
    const RunResult r = run_scenario(spec, options);
    CHECK(r.sim_time_ms == 10000);
    for (const auto& e : r.expectations) CHECK_FALSE(e.ok.has_value());
    CHECK(r.all_ok());
}

}  // TEST_SUITE
