// The consumer checkers on hand-made histories: each counts what design.md's table says and
// nothing else.
#include <doctest/doctest.h>

#include "sim/check/committed_offset_regressions.h"
#include "sim/check/consumer_skips.h"
#include "sim/check/exclusivity_violations.h"
#include "sim/check/key_reordered.h"
#include "sim/check/redeliveries.h"
#include "sim/check/reordered.h"

using namespace kafkasim;
using namespace kafkasim::check;

namespace {

const TopicPartition tp{"t", 0};

ConsumerRef member(const std::string& name, std::uint64_t incarnation = 1, const std::string& group = "g") {
    return ConsumerRef{name, incarnation, group, no_generation};
}

engine::Instant at(std::int64_t ms) { return engine::Instant::zero() + engine::Duration::ms(ms); }

ConsumedRecord rec(std::int64_t offset, std::optional<std::string> key = std::nullopt) {
    return ConsumedRecord{Offset{offset}, std::move(key), "v" + std::to_string(offset)};
}

void processed(History& h, const ConsumerRef& c, std::int64_t offset, std::int64_t when,
               std::optional<std::string> key = std::nullopt) {
    h.on_process(ProcessEvent{c, tp, rec(offset, std::move(key)), at(when)});
}

ReplicaSnapshot log_of(std::int64_t count) {
    ReplicaLog leader;
    leader.broker = BrokerId{1};
    leader.leader = true;
    leader.log_end = Offset{count};
    leader.high_watermark = Offset{count};
    for (std::int64_t o = 0; o < count; ++o) leader.values[Offset{o}] = "v" + std::to_string(o);
    return ReplicaSnapshot{{tp, {leader}}};
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("redeliveries counts each record a group processed more than once") {
    History h;
    processed(h, member("a"), 0, 1);
    processed(h, member("a"), 1, 2);
    processed(h, member("a", 2), 1, 3);
    processed(h, member("a", 2), 1, 4);
    processed(h, member("b", 1, "other"), 0, 5);  // another group reading the same record
    const CheckResult r = check_redeliveries(h);
    CHECK(r.count == 1);
    REQUIRE(r.examples.size() == 1);
    CHECK(r.examples[0].find("processed 3 times") != std::string::npos);
}

TEST_CASE("consumer_skips counts unprocessed records below the highest acknowledged commit") {
    History h;
    h.on_position(PositionEvent{member("a"), tp, Offset{-1}, Offset{2}, PositionSource::reset_earliest, at(0)});
    for (std::int64_t o : {2, 3, 6}) processed(h, member("a"), o, 10 + o);
    h.on_commit(CommitEvent{member("a"), tp, Offset{8}, Errc::none, at(20)});
    h.on_commit(CommitEvent{member("a"), tp, Offset{10}, Errc::not_coordinator, at(21)});  // not acknowledged
    // Offsets 0 and 1 lie before the group's first start and 8, 9 beyond its commit: only
    // 4, 5 and 7 were skipped.
    const CheckResult r = check_consumer_skips(h, log_of(10));
    CHECK(r.count == 3);
    CHECK(check_consumer_skips(History{}, log_of(10)).count == 0);
}

TEST_CASE("reordered counts records at or below an offset the same assignment already saw") {
    History h;
    h.on_poll(PollEvent{member("a"), tp, {rec(0), rec(1), rec(2)}, at(1)});
    h.on_poll(PollEvent{member("a"), tp, {rec(1), rec(3)}, at(2)});  // 1 again in one assignment
    h.on_poll(PollEvent{member("a", 2), tp, {rec(0), rec(1)}, at(3)});  // after a restart: a new assignment
    h.on_poll(PollEvent{member("b"), tp, {rec(5), rec(4)}, at(4)});
    CHECK(check_reordered(h).count == 2);
}

TEST_CASE("committed_offset_regressions sees lower commits and committed offsets that were lost") {
    History h;
    h.on_commit(CommitEvent{member("a"), tp, Offset{5}, Errc::none, at(1)});
    h.on_commit(CommitEvent{member("a"), tp, Offset{3}, Errc::request_timed_out, at(2)});  // failed: not counted
    h.on_commit(CommitEvent{member("a"), tp, Offset{7}, Errc::none, at(3)});
    CHECK(check_committed_offset_regressions(h).count == 0);
    h.on_commit(CommitEvent{member("a"), tp, Offset{6}, Errc::none, at(4)});
    CHECK(check_committed_offset_regressions(h).count == 1);
    // A restarted consumer reads nothing committed: the coordinator lost the offsets.
    h.on_position(PositionEvent{member("a", 2), tp, Offset{-1}, Offset{0}, PositionSource::reset_earliest, at(5)});
    // A reset after OFFSET_OUT_OF_RANGE is no committed-offset read.
    h.on_position(PositionEvent{member("a", 2), tp, std::nullopt, Offset{0}, PositionSource::reset_earliest, at(6)});
    CHECK(check_committed_offset_regressions(h).count == 2);
}

TEST_CASE("committed_offset_regressions orders by real time: a commit answered late is no regression") {
    // The swarm's safe-fsync seed 410: a member commits 306 and is paused (a long GC) before the
    // answer arrives; the coordinator commits it then, the group moves on and another member
    // commits 590; the paused member reads its answer 14 s later. Its commit began before 590
    // was acknowledged: the two overlap, and nothing says 306 was committed after 590.
    History h;
    CommitEvent late{member("a"), tp, Offset{306}, Errc::none, at(29520)};
    late.sent = at(15290);
    h.on_commit(CommitEvent{member("b"), tp, Offset{590}, Errc::none, at(29000)});
    h.on_commit(late);
    CHECK(check_committed_offset_regressions(h).count == 0);
    // One that began after 590 was acknowledged is a regression.
    CommitEvent after{member("a"), tp, Offset{300}, Errc::none, at(29600)};
    after.sent = at(29590);
    h.on_commit(after);
    CHECK(check_committed_offset_regressions(h).count == 1);
    // The same for a committed offset read: the OffsetFetch asked before 590 was acknowledged.
    History r;
    r.on_commit(CommitEvent{member("b"), tp, Offset{590}, Errc::none, at(100)});
    PositionEvent read{member("c"), tp, Offset{306}, Offset{306}, PositionSource::committed, at(150)};
    read.asked = at(90);
    r.on_position(read);
    CHECK(check_committed_offset_regressions(r).count == 0);
}

TEST_CASE("key_reordered compares a key's first processings with the send order") {
    History h;
    for (std::int64_t o = 0; o < 4; ++o) h.on_send(SendEvent{"p", "v" + std::to_string(o), tp, at(o)});
    processed(h, member("a"), 0, 10, "x");
    processed(h, member("a"), 2, 11, "x");
    processed(h, member("a"), 1, 12, "x");  // sent before v2, processed after it
    processed(h, member("a"), 3, 13, "y");
    processed(h, member("a"), 0, 14, "x");  // a redelivery is not a first processing
    processed(h, member("a"), 1, 15);       // no key
    CHECK(check_key_reordered(h).count == 1);
}

TEST_CASE("key_reordered orders a key within one producer and one topic only") {
    // Issue 29: one key string sent by two producers, or to two topics, has no send order to keep.
    History h;
    const TopicPartition other{"payments", 0};
    h.on_send(SendEvent{"p", "v0", tp, at(0)});
    h.on_send(SendEvent{"q", "v1", tp, at(1)});
    h.on_send(SendEvent{"p", "v2", other, at(2)});
    processed(h, member("a"), 1, 10, "x");                                 // q's record of key x
    h.on_process(ProcessEvent{member("a"), other, rec(2, "x"), at(11)});  // p's, to another topic
    processed(h, member("a"), 0, 12, "x");  // p's first, processed last: no order binds it to either
    CHECK(check_key_reordered(h).count == 0);
}

TEST_CASE("key_reordered orders a key within one producer process only") {
    // A restarted producer is a new producer id: the dead process's records still in flight may
    // land after the new process's (the swarm's seed 889 of safe-fsync), as Kafka allows.
    History h;
    h.on_send(SendEvent{"p", "v0", tp, at(0), 1});
    h.on_send(SendEvent{"p", "v1", tp, at(1), 2});
    h.on_send(SendEvent{"p", "v2", tp, at(2), 2});
    processed(h, member("a"), 1, 10, "x");
    processed(h, member("a"), 0, 11, "x");  // the first process's record, after the second's
    CHECK(check_key_reordered(h).count == 0);
    processed(h, member("b", 1, "other"), 2, 10, "x");
    processed(h, member("b", 1, "other"), 1, 11, "x");  // within the second process: out of order
    CHECK(check_key_reordered(h).count == 1);
}

TEST_CASE("exclusivity_violations counts overlapping runs of different members on one partition") {
    History h;
    ConsumerRef a = member("a");
    a.generation = GenerationId{1};
    ConsumerRef b = member("b");
    b.generation = GenerationId{2};
    processed(h, a, 0, 100);
    processed(h, a, 1, 200);
    processed(h, b, 2, 300);  // a handed over cleanly: no overlap
    CHECK(check_exclusivity_violations(h).count == 0);
    processed(h, a, 2, 400);  // a goes on after b started: the zombie
    const CheckResult r = check_exclusivity_violations(h);
    CHECK(r.count == 1);
    CHECK(r.examples.size() == 1);
    ConsumerRef a_later = a;
    a_later.generation = GenerationId{3};
    processed(h, a_later, 3, 350);  // a run of its own, overlapping a's earlier run only
    CHECK(check_exclusivity_violations(h).count == 1);
    ConsumerRef other_group = member("c", 1, "h");
    processed(h, other_group, 0, 300);  // another group reads independently
    CHECK(check_exclusivity_violations(h).count == 1);
}

}  // TEST_SUITE
