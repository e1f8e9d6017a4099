// The leader-epoch cache inside PartitionLog: it follows leader and follower appends,
// truncation and retention; its checkpoint file follows it; recovery after crashes and power
// losses reconciles the file with the recovered batches.
#include <doctest/doctest.h>

#include <string>

#include "sim/log/leader_epoch_checkpoint.h"
#include "sim/log/leader_epoch_recovery.h"
#include "sim/log/log_files.h"
#include "tests/sim/log/log_harness.h"

using namespace kafkasim;
using namespace kafkasim::log;
using kafkasim::testing::check_replays;
using kafkasim::testing::epochs_text;
using kafkasim::testing::LogMachine;
using kafkasim::testing::make_batch;

namespace {

const std::string epoch_file = leader_epoch_file("orders-0/");

std::string entries(LogMachine& m) { return epochs_text(m.log().leader_epoch_cache().entries()); }

// The checkpoint file as the process sees it, decoded; "missing" or "unreadable" otherwise.
std::string file_entries(LogMachine& m) {
    const EpochCheckpointFile f = read_leader_epoch_checkpoint(m.disk().disk(), epoch_file);
    if (f.state != EpochCheckpointState::found) return std::string(to_string(f.state));
    return epochs_text(f.entries);
}

void lead(LogMachine& m, std::int32_t epoch, int batches) {
    for (int i = 0; i < batches; ++i)
        REQUIRE(m.leader_append(make_batch(1), LeaderEpoch{epoch}).outcome == AppendOutcome::appended);
}

RecordBatch from_leader(std::int64_t base, std::int32_t epoch, int records = 1) {
    RecordBatch b = make_batch(records);
    b.base_offset = Offset{base};
    b.partition_leader_epoch = LeaderEpoch{epoch};
    return b;
}

std::string end_of(LogMachine& m, std::int32_t epoch) {
    const EpochEndOffset r = m.log().end_offset_for_epoch(LeaderEpoch{epoch});
    return epochs_text({{r.first, r.second}});
}

engine::TraceRecord last(const std::vector<engine::TraceRecord>& records) {
    REQUIRE_FALSE(records.empty());
    return records.back();
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("leader appends assign the first offset of each new epoch") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        CHECK(m.log().latest_epoch() == undefined_epoch);
        CHECK(end_of(m, 0) == "(-1,-1)");
        lead(m, 0, 3);
        lead(m, 2, 2);
        lead(m, 5, 1);
        CHECK(entries(m) == "(0,0) (2,3) (5,5)");
        CHECK(m.log().latest_epoch() == LeaderEpoch{5});
        CHECK(end_of(m, 0) == "(0,3)");
        CHECK(end_of(m, 1) == "(0,3)");
        CHECK(end_of(m, 2) == "(2,5)");
        CHECK(end_of(m, 5) == "(5,6)");
        CHECK(end_of(m, 6) == "(-1,-1)");
        const auto assigns = m.records("log.epoch_assign");
        REQUIRE(assigns.size() == 3);
        CHECK(assigns[1].field("epoch")->int_value == 2);
        CHECK(assigns[1].field("start_offset")->int_value == 3);
        CHECK(assigns[1].field("reason")->string_value == "leader_append");
        CHECK(assigns[1].field("previous_epoch")->int_value == 0);
        CHECK(assigns[0].field("previous_epoch")->int_value == -1);
        m.settle();
        CHECK(file_entries(m) == "(0,0) (2,3) (5,5)");
        const auto file = m.disk().disk().read_now(epoch_file);
        REQUIRE(file.ok());
        CHECK(std::string(file.value().begin(), file.value().end()) == "0\n3\n0 0\n2 3\n5 5\n");
        CHECK(last(m.records("log.epoch_checkpoint")).field("entries")->int_value == 3);
        CHECK_FALSE(m.disk().disk().read_now(epoch_file + ".tmp").ok());
        return m.trace_hash();
    });
}

TEST_CASE("a new leader assigns its epoch at the log end before it appends") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 0, 2);
        m.log().assign_epoch_start_offset(LeaderEpoch{3}, m.log().log_end_offset());
        CHECK(entries(m) == "(0,0) (3,2)");
        CHECK(last(m.records("log.epoch_assign")).field("reason")->string_value == "become_leader");
        // The epoch's own appends change nothing, and a repeated assign neither.
        lead(m, 3, 2);
        m.log().assign_epoch_start_offset(LeaderEpoch{3}, m.log().log_end_offset());
        CHECK(entries(m) == "(0,0) (3,2)");
        CHECK(m.records("log.epoch_assign").size() == 2);
        CHECK(end_of(m, 0) == "(0,2)");
        CHECK(end_of(m, 3) == "(3,4)");
        return m.trace_hash();
    });
}

TEST_CASE("follower appends assign each batch's epoch at its base offset") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        CHECK(m.follower_append(from_leader(0, 1, 3)).outcome == AppendOutcome::appended);
        CHECK(m.follower_append(from_leader(3, 1, 2)).outcome == AppendOutcome::appended);
        CHECK(m.follower_append(from_leader(5, 4, 1)).outcome == AppendOutcome::appended);
        CHECK(entries(m) == "(1,0) (4,5)");
        CHECK(last(m.records("log.epoch_assign")).field("reason")->string_value == "follower_append");
        // This replica led epoch 6 without writing. Becoming a follower, its fetcher truncates
        // (here to the log end), which drops the unused epoch; the new leader's log goes on in
        // epoch 4 and the cache stays as the batches say.
        m.log().assign_epoch_start_offset(LeaderEpoch{6}, Offset{6});
        CHECK(entries(m) == "(1,0) (4,5) (6,6)");
        CHECK_FALSE(m.log().truncate_to(Offset{6}));
        CHECK(entries(m) == "(1,0) (4,5)");
        const std::size_t assigns = m.records("log.epoch_assign").size();
        CHECK(m.follower_append(from_leader(6, 4, 1)).outcome == AppendOutcome::appended);
        CHECK(m.records("log.epoch_assign").size() == assigns);
        m.settle();
        CHECK(file_entries(m) == "(1,0) (4,5)");
        return m.trace_hash();
    });
}

TEST_CASE("without that truncation Kafka's assign rule moves a lower epoch's start") {
    check_replays([](std::uint64_t seed) {
        // maybeTruncateNonMonotonicEntries drops every trailing entry whose epoch is >= the new
        // one, the new epoch's own entry included: epoch 4 then "starts" at 6, not 5.
        LogMachine m(seed);
        CHECK(m.follower_append(from_leader(0, 1, 5)).outcome == AppendOutcome::appended);
        CHECK(m.follower_append(from_leader(5, 4, 1)).outcome == AppendOutcome::appended);
        m.log().assign_epoch_start_offset(LeaderEpoch{6}, Offset{6});
        CHECK(m.follower_append(from_leader(6, 4, 1)).outcome == AppendOutcome::appended);
        CHECK(entries(m) == "(1,0) (4,6)");
        const engine::TraceRecord dropped = last(m.records("log.epoch_assign"));
        CHECK(dropped.field("epoch")->int_value == 4);
        CHECK(dropped.field("dropped")->int_value == 2);
        CHECK(dropped.field("previous_epoch")->int_value == 6);
        return m.trace_hash();
    });
}

TEST_CASE("batches without a leader epoch leave the cache alone") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        CHECK(m.follower_append(from_leader(0, -1, 2)).outcome == AppendOutcome::appended);
        CHECK(m.leader_append(make_batch(1), LeaderEpoch{-1}).outcome == AppendOutcome::appended);
        CHECK(m.log().leader_epoch_cache().empty());
        CHECK(m.records("log.epoch_assign").empty());
        m.settle();
        CHECK(file_entries(m) == "missing");
        return m.trace_hash();
    });
}

TEST_CASE("truncate_to drops the epochs past the new log end") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 0, 2);
        lead(m, 1, 2);
        lead(m, 2, 2);
        m.settle();
        CHECK(entries(m) == "(0,0) (1,2) (2,4)");
        CHECK(m.log().truncate_to(Offset{5}));
        CHECK(entries(m) == "(0,0) (1,2) (2,4)");
        CHECK(m.records("log.epoch_truncate").empty());
        CHECK(m.log().truncate_to(Offset{3}));
        CHECK(entries(m) == "(0,0) (1,2)");
        const engine::TraceRecord t = last(m.records("log.epoch_truncate"));
        CHECK(t.field("mode")->string_value == "end");
        CHECK(t.field("offset")->int_value == 3);
        CHECK(t.field("removed")->int_value == 1);
        CHECK(t.field("latest_epoch")->int_value == 1);
        // The old file went at once, before anything else was written.
        CHECK(file_entries(m) == "missing");
        m.settle();
        CHECK(file_entries(m) == "(0,0) (1,2)");
        CHECK(end_of(m, 0) == "(0,2)");
        CHECK(end_of(m, 1) == "(1,3)");
        CHECK(end_of(m, 2) == "(-1,-1)");
        return m.trace_hash();
    });
}

TEST_CASE("truncate_to at the log end still drops an epoch assigned there") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 0, 2);
        m.log().assign_epoch_start_offset(LeaderEpoch{1}, Offset{2});
        CHECK(entries(m) == "(0,0) (1,2)");
        CHECK_FALSE(m.log().truncate_to(Offset{2}));
        CHECK(entries(m) == "(0,0)");
        CHECK(m.records("log.truncate").empty());
        CHECK(m.records("log.epoch_truncate").size() == 1);
        m.settle();
        CHECK(file_entries(m) == "(0,0)");
        return m.trace_hash();
    });
}

TEST_CASE("truncate_fully_and_start_at clears the cache and followers fill it again") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 0, 2);
        lead(m, 3, 2);
        m.log().truncate_fully_and_start_at(Offset{50});
        CHECK(m.log().leader_epoch_cache().empty());
        CHECK(last(m.records("log.epoch_truncate")).field("mode")->string_value == "clear");
        m.settle();
        CHECK(file_entries(m) == "");
        CHECK(m.follower_append(from_leader(50, 7)).outcome == AppendOutcome::appended);
        CHECK(entries(m) == "(7,50)");
        m.settle();
        CHECK(file_entries(m) == "(7,50)");
        // Below the first segment truncate_to truncates fully too.
        CHECK(m.log().truncate_to(Offset{10}));
        CHECK(m.log().leader_epoch_cache().empty());
        return m.trace_hash();
    });
}

TEST_CASE("retention moves the first epoch up to the new log start") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = LogMachine::default_options();
        const std::int64_t batch = make_batch(1).size_bytes();
        o.config.segment_bytes = 2 * batch;
        o.retention_check_interval = engine::Duration::max();
        LogMachine m(seed, o);
        lead(m, 0, 3);
        lead(m, 1, 3);
        CHECK(entries(m) == "(0,0) (1,3)");
        m.log().update_high_watermark(m.log().log_end_offset());
        LogConfig c = o.config;
        c.retention_bytes = 2 * batch;
        m.log().set_config(c);
        CHECK(m.log().delete_old_segments() == 2);
        CHECK(m.log().log_start_offset() == Offset{4});
        CHECK(entries(m) == "(1,4)");
        const engine::TraceRecord t = last(m.records("log.epoch_truncate"));
        CHECK(t.field("mode")->string_value == "start");
        CHECK(t.field("removed")->int_value == 1);
        // An epoch below the first entry: its data is gone; the answer is the log start.
        CHECK(end_of(m, 0) == "(0,4)");
        m.settle();
        CHECK(file_entries(m) == "(1,4)");
        return m.trace_hash();
    });
}

TEST_CASE("the cache checkpoint survives a crash") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 0, 2);
        lead(m, 4, 2);
        m.settle();
        m.crash_and_restart();
        CHECK(entries(m) == "(0,0) (4,2)");
        const engine::TraceRecord r = last(m.records("log.epoch_recover"));
        CHECK(r.field("checkpoint")->string_value == "found");
        CHECK(r.field("checkpoint_entries")->int_value == 2);
        CHECK(r.field("added_from_batches")->int_value == 0);
        CHECK(r.field("dropped_past_end")->int_value == 0);
        CHECK(r.field("rebuilt")->int_value == 0);
        CHECK(r.field("latest_epoch")->int_value == 4);
        // Nothing to rewrite.
        const std::size_t writes = m.records("log.epoch_checkpoint").size();
        m.settle();
        CHECK(m.records("log.epoch_checkpoint").size() == writes);
        return m.trace_hash();
    });
}

TEST_CASE("a crash before the checkpoint rewrite finished adds the epoch from the batches") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 0, 2);
        m.settle();
        lead(m, 1, 1);  // its checkpoint rewrite is still under way
        CHECK(file_entries(m) == "(0,0)");
        m.crash_and_restart();
        CHECK(entries(m) == "(0,0) (1,2)");
        CHECK(last(m.records("log.epoch_recover")).field("added_from_batches")->int_value == 1);
        m.settle();
        CHECK(file_entries(m) == "(0,0) (1,2)");
        return m.trace_hash();
    });
}

TEST_CASE("a power loss that lost the tail drops the epoch that started in it") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 0, 3);
        m.log().flush({});
        m.settle();
        // Leader of epoch 2 at offset 3: the assign's checkpoint is durable once settled ...
        m.log().assign_epoch_start_offset(LeaderEpoch{2}, Offset{3});
        m.settle();
        CHECK(file_entries(m) == "(0,0) (2,3)");
        // ... but its batches are not: nothing syncs them.
        lead(m, 2, 3);
        m.power_loss_and_restart();
        CHECK(m.log().log_end_offset() == Offset{3});
        CHECK(entries(m) == "(0,0)");
        const engine::TraceRecord r = last(m.records("log.epoch_recover"));
        CHECK(r.field("checkpoint_entries")->int_value == 2);
        CHECK(r.field("dropped_past_end")->int_value == 1);
        CHECK(r.field("rebuilt")->int_value == 0);
        // The stale file is deleted before anything else is written, then rewritten.
        CHECK(file_entries(m) == "missing");
        m.settle();
        CHECK(file_entries(m) == "(0,0)");
        CHECK(end_of(m, 0) == "(0,3)");
        return m.trace_hash();
    });
}

TEST_CASE("a power loss that kept a batch but lost its checkpoint rewrite recovers the epoch") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = LogMachine::default_options();
        o.config.flush_messages = 1;  // every append is durable when acknowledged
        LogMachine m(seed, o);
        lead(m, 0, 2);
        m.settle();
        lead(m, 1, 1);  // acknowledged after its flush; the rewrite's rename comes later
        m.power_loss_and_restart();
        CHECK(m.log().log_end_offset() == Offset{3});
        CHECK(entries(m) == "(0,0) (1,2)");
        const engine::TraceRecord r = last(m.records("log.epoch_recover"));
        CHECK(r.field("checkpoint_entries")->int_value == 1);
        CHECK(r.field("added_from_batches")->int_value == 1);
        CHECK(r.field("rebuilt")->int_value == 0);
        return m.trace_hash();
    });
}

TEST_CASE("a missing checkpoint is rebuilt from the batches") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 0, 2);
        lead(m, 3, 1);
        lead(m, 5, 2);
        m.settle();
        m.disk().disk().remove(epoch_file, {});
        m.settle();
        m.crash_and_restart();
        CHECK(entries(m) == "(0,0) (3,2) (5,3)");
        const engine::TraceRecord r = last(m.records("log.epoch_recover"));
        CHECK(r.field("checkpoint")->string_value == "missing");
        CHECK(r.field("added_from_batches")->int_value == 3);
        m.settle();
        CHECK(file_entries(m) == "(0,0) (3,2) (5,3)");
        return m.trace_hash();
    });
}

TEST_CASE("an unreadable checkpoint is rebuilt from the batches") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 2, 2);
        m.settle();
        m.disk().disk().remove(epoch_file, {});
        m.disk().disk().create(epoch_file, {});
        const std::string junk = "0\n5\n2 0\n";
        m.disk().disk().append(epoch_file, engine::Bytes(junk.begin(), junk.end()), {});
        m.settle();
        m.crash_and_restart();
        CHECK(last(m.records("log.epoch_recover")).field("checkpoint")->string_value == "unreadable");
        CHECK(entries(m) == "(2,0)");
        return m.trace_hash();
    });
}

TEST_CASE("a checkpoint that disagrees with the batches is replaced by what the batches say") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        lead(m, 0, 4);
        m.settle();
        // A stale file claiming that epoch 1 began at 2, where the batches are epoch 0.
        m.disk().disk().remove(epoch_file, {});
        m.disk().disk().create(epoch_file, {});
        const std::string stale = encode_leader_epoch_checkpoint({{LeaderEpoch{0}, Offset{0}}, {LeaderEpoch{1}, Offset{2}}});
        m.disk().disk().append(epoch_file, engine::Bytes(stale.begin(), stale.end()), {});
        m.settle();
        m.crash_and_restart();
        CHECK(entries(m) == "(0,0)");
        CHECK(last(m.records("log.epoch_recover")).field("rebuilt")->int_value == 1);
        m.settle();
        CHECK(file_entries(m) == "(0,0)");
        return m.trace_hash();
    });
}

TEST_CASE("an empty log keeps no epoch at its end after a restart") {
    // Kafka's LogLoader truncates from the end before it truncates from the start, which would
    // leave (1, 8) here; the other order leaves what the (no) batches say.
    std::map<Offset, Segment> segments;
    segments.emplace(Offset{8}, Segment(Offset{8}, engine::Instant{}));
    EpochCheckpointFile file{EpochCheckpointState::found, {{LeaderEpoch{0}, Offset{0}}, {LeaderEpoch{1}, Offset{5}}}};
    const RecoveredEpochs r = recover_leader_epochs(file, segments);
    CHECK(r.cache.empty());
    CHECK(r.start_moved);
    CHECK(r.dropped_past_end == 1);
    CHECK_FALSE(r.rebuilt);
    CHECK(r.rewrite);
}

}  // TEST_SUITE
