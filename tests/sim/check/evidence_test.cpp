// The evidence the checkers share: every value numbered once, sent values first in send order,
// and each partition's final log (its leader's records below the high watermark) with numbers.
// Edge cases: one value in two partitions, a leader whose log was cut below a follower's, a
// partition whose leader's broker is down, values no producer sent, a partition the history
// never names.
#include <doctest/doctest.h>

#include "sim/check/duplicates_in_log.h"
#include "sim/check/evidence.h"
#include "sim/check/lost_acked.h"
#include "sim/check/redeliveries.h"
#include "sim/check/send_reordered.h"

using namespace kafkasim;
using namespace kafkasim::check;

namespace {

const TopicPartition t0{"t", 0};
const TopicPartition t1{"t", 1};
const TopicPartition u0{"u", 0};

ReplicaLog replica(std::int32_t broker, bool leader, std::int64_t high_watermark, const std::vector<std::string>& values) {
    ReplicaLog r;
    r.broker = BrokerId{broker};
    r.leader = leader;
    r.log_end = Offset{static_cast<std::int64_t>(values.size())};
    r.high_watermark = Offset{high_watermark};
    for (std::size_t i = 0; i < values.size(); ++i) r.values[Offset{static_cast<std::int64_t>(i)}] = values[i];
    return r;
}

void send(History& h, const TopicPartition& tp, const std::string& value, const std::string& producer = "p") {
    h.on_send(SendEvent{producer, value, tp, engine::Instant{}});
}

void ack(History& h, const TopicPartition& tp, const std::string& value, std::int64_t offset) {
    h.on_ack(AckEvent{"p", value, tp, Errc::none, Offset{offset}, -1, engine::Instant{}});
}

std::vector<std::string_view> final_values(const Evidence& e, const TopicPartition& tp) {
    std::vector<std::string_view> out;
    const FinalLog* log = e.final_log(e.partition(tp));
    REQUIRE(log != nullptr);
    for (const FinalRecord& r : log->records) {
        if (r.value_id != no_id) CHECK(e.values[r.value_id] == r.value);
        out.push_back(r.value);
    }
    return out;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("evidence numbers sent values first in send order and the history's other values after them") {
    History h;
    send(h, t0, "b");
    send(h, t1, "a");
    send(h, t0, "b");  // sent again: keeps its first number
    ack(h, t0, "c", 0);  // acknowledged but never sent
    const ReplicaSnapshot snapshot{{t0, {replica(1, true, 3, {"b", "x", "a"})}}};
    const ReplicaViews views = view_replicas(snapshot);
    const Evidence e(h, views);
    CHECK(e.sent_values == 2);
    CHECK(e.values.find("b") == 0);
    CHECK(e.values.find("a") == 1);
    CHECK(e.values.find("c") >= e.sent_values);
    CHECK(e.values.find("c") != no_id);
    // Only in a final log: no checker asks about it by number.
    CHECK(e.values.find("x") == no_id);
    CHECK(final_values(e, t0) == std::vector<std::string_view>{"b", "x", "a"});
    CHECK(e.final_logs[0].records[1].value_id == no_id);
    REQUIRE(e.first_send.size() == 2);
    CHECK(e.first_send[0] == 0);
    CHECK(e.first_send[1] == 1);
    CHECK(e.sends[2].value == 0);
    CHECK(e.sends[2].process == e.sends[0].process);
}

TEST_CASE("one value in two partitions has one number and counts in each partition") {
    History h;
    send(h, t0, "v");
    send(h, t1, "v");
    ack(h, t0, "v", 0);
    ack(h, t1, "v", 0);
    ack(h, u0, "v", 0);  // acknowledged where no log holds it
    const ReplicaSnapshot snapshot{{t0, {replica(1, true, 1, {"v"})}}, {t1, {replica(2, true, 1, {"v"})}}};
    const ReplicaViews views = view_replicas(snapshot);
    const Evidence e(h, views);
    CHECK(final_values(e, t0) == std::vector<std::string_view>{"v"});
    CHECK(final_values(e, t1) == std::vector<std::string_view>{"v"});
    CHECK(e.final_logs[0].records[0].value_id == e.final_logs[1].records[0].value_id);
    // Found in its own partition only: the copy in t1 does not save t0's, nor u0's.
    CHECK(check_lost_acked(e).count == 1);
    CHECK(check_duplicates_in_log(e).count == 0);
    CHECK(check_send_reordered(e).count == 0);
}

TEST_CASE("a final log holds the leader's records below its high watermark and nothing of a follower") {
    History h;
    for (const char* v : {"a", "b", "c", "d"}) send(h, t0, v);
    // The leader's log was cut back to two records (a truncation); a follower still holds more.
    const ReplicaSnapshot snapshot{
        {t0, {replica(1, false, 4, {"a", "b", "c", "d"}), replica(2, true, 1, {"a", "b"})}}};
    const ReplicaViews views = view_replicas(snapshot);
    const Evidence e(h, views);
    CHECK(final_values(e, t0) == std::vector<std::string_view>{"a"});
}

TEST_CASE("a partition whose leader is down has an empty final log and one no log names has none") {
    History h;
    send(h, t0, "a");
    ack(h, t0, "a", 0);
    send(h, u0, "b");
    ack(h, u0, "b", 0);
    // Only a follower of t0 is up: its broker's leader is dead, so nothing of t0 is final.
    const ReplicaSnapshot snapshot{{t0, {replica(3, false, 1, {"a"})}}};
    const ReplicaViews views = view_replicas(snapshot);
    const Evidence e(h, views);
    CHECK(final_values(e, t0).empty());
    REQUIRE(e.partition(u0) != no_id);
    CHECK(e.final_log(e.partition(u0)) == nullptr);
    CHECK(e.partition(TopicPartition{"w", 0}) == no_id);
    CHECK(check_lost_acked(e).count == 2);
}

TEST_CASE("a value no producer sent is numbered but is no producer's duplicate") {
    History h;
    send(h, t0, "a");
    h.on_process(ProcessEvent{ConsumerRef{"c", 1, "g", no_generation}, t0, ConsumedRecord{Offset{0}, std::nullopt, "z"}, engine::Instant{}});
    h.on_process(ProcessEvent{ConsumerRef{"c", 1, "g", no_generation}, t0, ConsumedRecord{Offset{0}, std::nullopt, "z"}, engine::Instant{}});
    const ReplicaSnapshot snapshot{{t0, {replica(1, true, 4, {"a", "z", "z", "a"})}}};
    const ReplicaViews views = view_replicas(snapshot);
    const Evidence e(h, views);
    CHECK(e.values.find("z") >= e.sent_values);
    CHECK(e.processed_values[0] == e.processed_values[1]);
    const CheckResult dup = check_duplicates_in_log(e);
    CHECK(dup.count == 1);  // "a" twice; "z" was never sent
    CHECK(check_redeliveries(e).count == 1);  // processing counts whatever was processed
}

TEST_CASE("a sent value twice in a partition the history never names is a duplicate there") {
    History h;
    send(h, t0, "a");
    const ReplicaSnapshot snapshot{{t0, {replica(1, true, 1, {"a"})}}, {u0, {replica(1, true, 3, {"a", "b", "a"})}}};
    const ReplicaViews views = view_replicas(snapshot);
    const Evidence e(h, views);
    CHECK(final_values(e, u0) == std::vector<std::string_view>{"a", "b", "a"});
    const CheckResult dup = check_duplicates_in_log(e);
    CHECK(dup.count == 1);
    REQUIRE(dup.examples.size() == 1);
    CHECK(dup.examples[0] == "a appended 2 times to u-0 at offsets 0, 2");
}

}  // TEST_SUITE
