// The steppable run (run_session.h): stepping gives the CLI's trace, a rewind by re-execution
// gives the same view as reaching the event directly, next_interesting stops at the faults,
// and the view at chosen moments holds what the trace says. No display needed.
#include <doctest/doctest.h>

#include <algorithm>

#include "engine/trace_sinks.h"
#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/run_session.h"

using namespace kafkasim;
using namespace kafkasim::scenarios;

namespace {

ScenarioSpec bundled(const std::string& name) {
    const LoadResult r = load_scenario_file(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name + ".json", {});
    REQUIRE(r.errors.empty());
    return *r.spec;
}

// The trace of a plain run up to and including every event at or before `t`.
std::vector<engine::TraceRecord> trace_until(const ScenarioSpec& spec, engine::Instant t) {
    auto sink = std::make_shared<engine::MemoryTraceSink>();
    RunOptions options;
    options.trace_sinks = {sink};
    options.until = t - engine::Instant{};
    run_scenario(spec, options);
    return sink->records();
}

std::string field(const engine::TraceRecord& r, std::string_view key) {
    const engine::TraceRecord::Field* f = r.field(key);
    REQUIRE(f != nullptr);
    return f->type == engine::TraceValue::Type::string ? f->string_value : std::to_string(f->int_value);
}

// The last record of one of `kinds` whose `topic`/`partition` fields name the partition, or nullptr.
const engine::TraceRecord* last_for(const std::vector<engine::TraceRecord>& trace, std::initializer_list<std::string_view> kinds,
                                    const std::string& topic, int partition) {
    const engine::TraceRecord* found = nullptr;
    for (const engine::TraceRecord& r : trace)
        for (std::string_view kind : kinds)
            if (r.kind == kind && field(r, "topic") == topic && field(r, "partition") == std::to_string(partition)) found = &r;
    return found;
}

std::string joined(const std::vector<std::int32_t>& ids) {
    std::string s;
    for (std::int32_t id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
    return s;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("session: stepping a whole scenario gives the CLI's trace hash and result") {
    const ScenarioSpec spec = bundled("unclean-election");
    const RunResult direct = run_scenario(spec);
    RunSession session(spec);
    std::uint64_t steps = 0;
    while (session.step()) ++steps;
    CHECK(session.at_end());
    REQUIRE(session.result() != nullptr);
    CHECK(session.result()->trace_hash == direct.trace_hash);
    CHECK(session.result()->events == direct.events);
    CHECK(steps == direct.events + 1);  // every event, then the end
    CHECK(session.view().finished);
    CHECK(session.view().time.ms() == direct.sim_time_ms);
    CHECK(session.view().checks.size() == checker_names().size());
    CHECK_FALSE(session.step());
}

TEST_CASE("session: a rewind then forward gives the same view and hash as reaching the event directly") {
    const ScenarioSpec spec = bundled("leader-failover");
    SessionOptions options;
    options.window = 8;
    RunSession direct(spec, options);
    direct.run_to_event(3000);
    const ClusterView at_3000 = direct.view();
    const std::uint64_t hash_3000 = direct.trace_hash();

    RunSession rewound(spec, options);
    rewound.run_to_event(9000);
    CHECK(rewound.view().event == 9000);
    rewound.rewind_to(3000);  // far outside the window: a re-execution
    CHECK(rewound.restarts() == 1);
    CHECK(rewound.view() == at_3000);
    CHECK(rewound.trace_hash() == hash_3000);

    // Back inside the window: no re-execution, the kept views.
    for (int i = 0; i < 5; ++i) REQUIRE(rewound.step_back());
    CHECK(rewound.restarts() == 1);
    CHECK(rewound.event() == 2995);
    direct.rewind_to(2995);
    CHECK(rewound.view() == direct.view());

    // Forward again past the window, one event at a time, in both.
    for (int i = 0; i < 40; ++i) {
        REQUIRE(rewound.step());
        REQUIRE(direct.step());
        REQUIRE(rewound.view() == direct.view());
    }
    CHECK(rewound.trace_hash() == direct.trace_hash());
}

TEST_CASE("session: run_until stops at the last event at or before the time going forward and back") {
    const ScenarioSpec spec = bundled("leader-failover");
    RunSession session(spec);
    session.run_until(engine::Instant::from_ms(12000));
    const std::uint64_t at_12s = session.event();
    CHECK(session.time() <= engine::Instant::from_ms(12000));
    REQUIRE(session.step());
    CHECK(session.time() > engine::Instant::from_ms(12000));
    session.run_until(engine::Instant::from_ms(5000));
    CHECK(session.time() <= engine::Instant::from_ms(5000));
    session.run_until(engine::Instant::from_ms(12000));
    CHECK(session.event() == at_12s);
}

TEST_CASE("session: run_until forward in small steps as playback does never runs the scenario again") {
    const ScenarioSpec spec = bundled("leader-failover");
    RunSession direct(spec);
    direct.run_until(engine::Instant::from_ms(3000));
    RunSession played(spec);
    for (std::int64_t ms = 0; ms <= 3000; ms += 6) {
        played.run_until(engine::Instant::from_ms(ms));
        played.view();  // each frame draws the view at its event
        CHECK(played.time() <= engine::Instant::from_ms(ms));
    }
    CHECK(played.restarts() == 0);
    CHECK(played.event() == direct.event());
    CHECK(played.view() == direct.view());
}

TEST_CASE("session: next_interesting stops at the scenario's crash") {
    const ScenarioSpec spec = bundled("leader-failover");
    RunSession session(spec);
    bool crashed = false;
    while (!crashed && session.next_interesting()) {
        CHECK(session.moments().back().event == session.event());
        for (const Moment& m : session.moments())
            if (m.event == session.event() && m.kind == "scenario.fault") {
                crashed = true;
                CHECK(session.time() == engine::Instant::from_ms(10000));
                CHECK(m.label == "fault: crash broker-2");
            }
    }
    REQUIRE(crashed);
    // The leader of orders-0 is down in the view at that very event.
    const ClusterView& v = session.view();
    const PartitionView* p = v.partition("orders", 0);
    REQUIRE(p != nullptr);
    const ServerView* leader = v.broker(p->leader);
    REQUIRE(leader != nullptr);
    CHECK(leader->state == ServerState::crashed);
    // And next_interesting behind the model uses the moments found, without stepping past them.
    const std::uint64_t crash_event = session.event();
    session.rewind_to(0);
    while (session.event() < crash_event) REQUIRE(session.next_interesting());
    CHECK(session.event() == crash_event);
}

TEST_CASE("session: the view after leader-failover's crash holds the trace's leader and ISR") {
    const ScenarioSpec spec = bundled("leader-failover");
    const engine::Instant t = engine::Instant::from_ms(20000);
    RunSession session(spec);
    session.run_until(t);
    const ClusterView& v = session.view();
    const auto trace = trace_until(spec, t);
    for (int p = 0; p < 3; ++p) {
        const PartitionView* view = v.partition("orders", p);
        REQUIRE(view != nullptr);
        // The partition's placement, then its elections and ISR changes.
        const engine::TraceRecord* elect = last_for(trace, {"controller.partition", "controller.elect"}, "orders", p);
        REQUIRE(elect != nullptr);
        CHECK(std::to_string(view->leader) == field(*elect, "leader"));
        if (elect->kind == "controller.elect") CHECK(std::to_string(view->leader_epoch) == field(*elect, "leader_epoch"));
        const engine::TraceRecord* isr = last_for(trace, {"controller.partition", "controller.isr"}, "orders", p);
        REQUIRE(isr != nullptr);
        CHECK(joined(view->isr) == field(*isr, "isr"));
        CHECK(view->copies.size() == 3);
    }
    // The crashed broker is down at 20 s, and no partition's ISR holds it.
    int crashed = 0;
    for (const ServerView& b : v.brokers)
        if (b.state == ServerState::crashed) {
            ++crashed;
            for (const TopicView& topic : v.topics)
                for (const PartitionView& p : topic.partitions)
                    CHECK(std::find(p.isr.begin(), p.isr.end(), b.broker) == p.isr.end());
        }
    CHECK(crashed == 1);
    CHECK(!v.captions.empty());
    CHECK(v.producers.size() == spec.producers.size());
    CHECK(v.producers[0].acked > 0);
}

TEST_CASE("session: leader-failover's producer holds a stale leader until it refreshes and links that talk are in the view") {
    const ScenarioSpec spec = bundled("leader-failover");
    RunSession session(spec);
    const auto known = [](const ProducerView& p, const std::string& partition) {
        for (const KnownLeaderView& k : p.leaders)
            if (k.partition == partition) return k;
        FAIL("no metadata for " << partition);
        return KnownLeaderView{};
    };
    session.run_until(engine::Instant::from_ms(5000));
    REQUIRE(session.view().producers.size() == 1);
    const std::int32_t old_leader = session.view().partition("orders", 0)->leader;
    CHECK(session.view().producers[0].leaders.size() == 3);
    CHECK(known(session.view().producers[0], "orders-0").leader == old_leader);
    // The controller's election for orders-0: the producer still names the crashed broker.
    bool elected = false;
    while (!elected && session.next_interesting())
        for (const Moment& m : session.moments())
            if (m.event == session.event() && m.kind == "controller.elect" && m.label.starts_with("orders-0: broker-"))
                elected = true;
    REQUIRE(elected);
    const ClusterView& at_election = session.view();
    CHECK(at_election.partition("orders", 0)->leader != old_leader);
    CHECK(known(at_election.producers[0], "orders-0").leader == old_leader);
    // Ten seconds on it has refreshed: every leader is the controller's.
    session.run_until(engine::Instant::from_ms(20000));
    const ClusterView& v = session.view();
    for (const KnownLeaderView& k : v.producers[0].leaders) {
        const PartitionView* p = v.partition("orders", std::stoi(k.partition.substr(k.partition.rfind('-') + 1)));
        REQUIRE(p != nullptr);
        CHECK(k.leader == p->leader);
        CHECK(k.leader_epoch == p->leader_epoch);
    }
    // The producer talks to the new leader now; the crashed broker has sent nothing since its crash.
    const std::string new_leader = "broker-" + std::to_string(v.partition("orders", 0)->leader);
    bool talks = false;
    for (const TrafficView& t : v.traffic) {
        CHECK(t.last_sent <= v.time);
        if (t.from == "orders-service" && t.to == new_leader) talks = v.time - t.last_sent < engine::Duration::ms(1000);
        if (t.from == "broker-" + std::to_string(old_leader)) CHECK(t.last_sent <= engine::Instant::from_ms(10000));
    }
    CHECK(talks);
}

TEST_CASE("session: the view of unclean-election shows the cut link and the offline partition") {
    const ScenarioSpec spec = bundled("unclean-election");
    RunSession session(spec);
    session.run_until(engine::Instant::from_ms(15000));
    REQUIRE(!session.view().faulty_links.empty());
    for (const LinkView& l : session.view().faulty_links) CHECK(l.cut);
    session.run_until(engine::Instant::from_ms(40000));
    const ClusterView& v = session.view();
    const auto trace = trace_until(spec, engine::Instant::from_ms(40000));
    const PartitionView* p = v.partition("orders", 0);
    REQUIRE(p != nullptr);
    const engine::TraceRecord* elect = last_for(trace, {"controller.partition", "controller.elect"}, "orders", 0);
    REQUIRE(elect != nullptr);
    CHECK(std::to_string(p->leader) == field(*elect, "leader"));
    CHECK(p->leader == -1);  // unclean election is off: the partition stays offline
    CHECK(p->isr == std::vector<std::int32_t>{1});  // the crashed leader, last in the ISR
    CHECK(v.broker(1)->state == ServerState::crashed);
}

TEST_CASE("session: the view of rebalancing holds the group's state and members and lag") {
    const ScenarioSpec spec = bundled("rebalancing");
    RunSession session(spec);
    session.run_until(engine::Instant::from_ms(15000));
    const ClusterView& v = session.view();
    REQUIRE(v.groups.size() == 1);
    const GroupView& g = v.groups[0];
    const RunResult plain = [&] {
        RunOptions o;
        o.until = engine::Duration::ms(15000);
        return run_scenario(spec, o);
    }();
    REQUIRE(plain.groups.size() == 1);
    CHECK(g.state == plain.groups[0].state);
    CHECK(g.generation == plain.groups[0].generation);
    CHECK(g.offsets == plain.groups[0].offsets);
    int members_in_group = 0;
    std::size_t owned = 0;
    for (const MemberView& m : g.members)
        if (!m.member_id.empty()) {
            ++members_in_group;
            owned += m.partitions.size();
            for (const MemberPartitionView& p : m.partitions)
                if (p.position >= 0 && p.committed >= 0) CHECK(p.position >= p.committed);
        }
    CHECK(members_in_group == static_cast<int>(plain.groups[0].members.size()));
    if (g.state == "Stable") CHECK(owned == 4);
    CHECK(!v.messages.empty());
    for (const MessageView& m : v.messages) CHECK(m.due >= v.time);
}

TEST_CASE("session: the trace log holds each record once in the run's order however often the run went back") {
    const ScenarioSpec spec = bundled("unclean-election");
    auto sink = std::make_shared<engine::MemoryTraceSink>();
    RunOptions options;
    options.trace_sinks = {sink};
    run_scenario(spec, options);
    const std::vector<engine::TraceRecord>& trace = sink->records();

    RunSession session(spec);
    const TraceLog& log = session.trace_log();
    const std::size_t at_start = log.size();
    CHECK(at_start > 0);  // the start writes records (the cluster's nodes come up)
    session.run_to_event(400);
    const std::size_t at_400 = log.size();
    session.rewind_to(20);  // outside the window: the run starts over
    CHECK(session.restarts() == 1);
    CHECK(log.size() == at_400);
    CHECK(log.count_through(20) < at_400);
    session.run_to_event(600);
    session.rewind_to(0);
    while (session.step()) {
    }
    CHECK(session.restarts() == 2);
    REQUIRE(log.size() == trace.size());
    CHECK(log.count_through(*session.end_event()) == trace.size());
    CHECK(log.count_through(0) == at_start);
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const TraceLog::Entry& e = log[i];
        REQUIRE(e.time == trace[i].time);
        REQUIRE(log.node(e) == trace[i].node_name);
        REQUIRE(log.kind(e) == trace[i].kind);
        if (i > 0) REQUIRE(log[i - 1].event <= e.event);
    }
    // Fields as one line; the partition from topic and partition.
    const auto elect = std::find_if(trace.begin(), trace.end(), [](const auto& r) { return r.kind == "controller.elect"; });
    REQUIRE(elect != trace.end());
    const TraceLog::Entry& e = log[static_cast<std::size_t>(elect - trace.begin())];
    CHECK(log.partition(e) == field(*elect, "topic") + "-" + field(*elect, "partition"));
    CHECK(std::string(log.fields(e)).find("leader=" + field(*elect, "leader")) != std::string::npos);
    CHECK_FALSE(log.full());
}

TEST_CASE("session: the charts' series are recorded once per bucket and equal after rewinds") {
    const ScenarioSpec spec = bundled("rebalancing");
    RunSession straight(spec);
    while (straight.step()) {
    }
    RunSession winding(spec);
    winding.run_until(engine::Instant::from_ms(30000));
    winding.rewind_to(10);
    winding.run_until(engine::Instant::from_ms(20000));
    while (winding.step()) {
    }
    CHECK(winding.restarts() >= 1);
    const RunSeries& a = straight.series();
    const RunSeries& b = winding.series();
    REQUIRE(a.ends().size() == b.ends().size());
    CHECK(a.ends() == b.ends());
    // Buckets of 250 ms to the run's end, the last one ending with it.
    CHECK(a.ends().front() == engine::Instant::from_ms(250));
    CHECK(a.ends().back() == straight.end());
    CHECK(a.ends().size() == static_cast<std::size_t>((straight.end().ms() + 249) / 250));
    REQUIRE(a.charts().size() == 5);
    for (std::size_t c = 0; c < a.charts().size(); ++c) {
        CAPTURE(a.charts()[c].title);
        REQUIRE(a.charts()[c].lines.size() == b.charts()[c].lines.size());
        for (std::size_t l = 0; l < a.charts()[c].lines.size(); ++l) {
            CHECK(a.charts()[c].lines[l].name == b.charts()[c].lines[l].name);
            CHECK(a.charts()[c].lines[l].values == b.charts()[c].lines[l].values);
            CHECK(a.charts()[c].lines[l].values.size() == a.ends().size());
        }
    }
    // Acked records/s summed over the buckets give the history's acks (less rounding).
    const std::vector<std::int64_t>& acked = a.charts()[0].lines[0].values;
    std::int64_t acked_total = 0;
    for (std::size_t i = 0; i < acked.size(); ++i) {
        const std::int64_t span_us = (a.ends()[i] - (i == 0 ? engine::Instant{} : a.ends()[i - 1])).count_us();
        acked_total += acked[i] * span_us / 1000000;
    }
    const RunResult& result = *straight.result();
    std::int64_t acks = 0;
    for (const Sample& sample : result.metrics.at("acked")) acks += static_cast<std::int64_t>(sample.value);
    REQUIRE(acks > 1000);
    CHECK(acked_total <= acks);
    CHECK(acked_total >= acks - static_cast<std::int64_t>(acked.size()));
    // The mean latency is at most the max; the group processes and lags; each partition of
    // orders has an ISR line of at most three replicas, three at the end.
    for (std::size_t i = 0; i < acked.size(); ++i) CHECK(a.charts()[1].lines[0].values[i] <= a.charts()[1].lines[1].values[i]);
    REQUIRE(a.charts()[2].lines.size() == 1);
    CHECK(a.charts()[2].lines[0].name == "order-processor");
    CHECK(*std::max_element(a.charts()[2].lines[0].values.begin(), a.charts()[2].lines[0].values.end()) > 0);
    CHECK(*std::max_element(a.charts()[3].lines[0].values.begin(), a.charts()[3].lines[0].values.end()) > 0);
    REQUIRE(a.charts()[4].lines.size() >= 3);
    for (const SeriesLine& l : a.charts()[4].lines) {
        CHECK(l.name.starts_with("orders-"));
        CHECK(l.values.back() == 3);
        CHECK(*std::max_element(l.values.begin(), l.values.end()) == 3);
    }
}

TEST_CASE("session: a trace log past its budget keeps the events before it whole and says it is full") {
    const ScenarioSpec spec = bundled("unclean-election");
    SessionOptions small;
    small.trace_log_bytes = 64 << 10;
    RunSession session(spec, small);
    RunSession whole(spec);
    session.run_to_event(3000);
    whole.run_to_event(3000);
    const TraceLog& log = session.trace_log();
    CHECK(log.full());
    REQUIRE(log.size() > 0);
    CHECK(log.size() < whole.trace_log().size());
    CHECK(log.bytes() <= 2 * (64 << 10));  // capacity may round a vector up once
    // Every event it holds, it holds whole: the last one's records equal the full log's.
    const std::uint64_t last = log[log.size() - 1].event;
    CHECK(log.count_through(last) == whole.trace_log().count_through(last));
    session.rewind_to(0);
    session.run_to_event(3000);
    CHECK(log.count_through(last) == whole.trace_log().count_through(last));
}

}  // TEST_SUITE

TEST_SUITE("library") {

TEST_CASE("session: the trace log of every bundled scenario fits its default budget") {
    for (const auto& [name, path] : library_scenarios()) {
        CAPTURE(name);
        RunSession session(bundled(name));
        while (session.step()) {
        }
        const TraceLog& log = session.trace_log();
        CHECK_FALSE(log.full());
        MESSAGE(name << ": " << log.size() << " records, " << (log.bytes() >> 10) << " KiB");
    }
}

TEST_CASE("session: every bundled scenario stepped event by event gives run_scenario's trace hash") {
    for (const auto& [name, path] : library_scenarios()) {
        CAPTURE(name);
        const ScenarioSpec spec = bundled(name);
        RunSession session(spec);
        while (session.step()) {
        }
        REQUIRE(session.result() != nullptr);
        CHECK(session.result()->trace_hash == run_scenario(spec).trace_hash);
    }
}

}  // TEST_SUITE
