// Random leader and follower appends across leader epochs, new leaders assigning their epoch,
// followers truncating first as their fetcher does, other truncations, retention, flushes, crashes and power losses (with torn tails or without)
// against one log. At every step the cache must say what the batches say (apart from an epoch
// assigned at the log end and not yet written in); after every restart it must say exactly
// that, a crash must keep it whole, and without torn tails the checkpoint and the batches
// must agree without the last-resort rebuild (leader_epoch_recovery.h, step 5).
#include <doctest/doctest.h>

#include <string>

#include "engine/random.h"
#include "sim/log/leader_epoch_checkpoint.h"
#include "sim/log/leader_epoch_recovery.h"
#include "sim/log/log_files.h"
#include "tests/sim/log/log_harness.h"

using namespace kafkasim;
using namespace kafkasim::log;
using kafkasim::testing::LogMachine;

namespace {

struct Counts {
    std::size_t added_from_batches = 0;  // recoveries that took an epoch from the batches
    std::size_t dropped_past_end = 0;    // recoveries that dropped an entry past the log end
    std::size_t missing_file = 0;        // recoveries without a checkpoint file
    std::size_t rebuilt = 0;             // recoveries that fell back to the batches (torn tails only)
    std::size_t dropping_assigns = 0;    // assigns that dropped a trailing entry
};

std::vector<EpochEntry> from_batches(LogMachine& m) {
    LeaderEpochCache c;
    assign_newer_epochs(c, m.log().segments());
    return c.entries();
}

// The live cache without an entry at the log end, which only a new leader's assign makes.
std::vector<EpochEntry> written(LogMachine& m) {
    LeaderEpochCache c = m.log().leader_epoch_cache();
    c.truncate_from_end(m.log().log_end_offset());
    return c.entries();
}

LeaderEpoch last_batch_epoch(LogMachine& m) {
    for (auto it = m.log().segments().rbegin(); it != m.log().segments().rend(); ++it)
        if (!it->second.empty()) return it->second.batches().back().header.partition_leader_epoch;
    return LeaderEpoch{0};
}

void check_recovery(LogMachine& m, bool torn, Counts& counts) {
    const engine::TraceRecord r = m.records("log.epoch_recover").back();
    CHECK(m.log().leader_epoch_cache().entries() == from_batches(m));
    const bool rebuilt = r.field("rebuilt")->int_value != 0;
    if (!torn) CHECK_FALSE(rebuilt);
    counts.rebuilt += rebuilt ? 1 : 0;
    counts.added_from_batches += r.field("added_from_batches")->int_value > 0 ? 1 : 0;
    counts.dropped_past_end += r.field("dropped_past_end")->int_value > 0 ? 1 : 0;
    counts.missing_file += r.field("checkpoint")->string_value == "missing" ? 1 : 0;
}

std::uint64_t run(std::uint64_t seed, int steps, Counts& counts) {
    PartitionLogOptions o = LogMachine::default_options();
    o.config.segment_bytes = 2000;
    o.config.retention_bytes = 6000;
    o.recovery_point_checkpoint_interval = engine::Duration::ms(1000);
    o.retention_check_interval = engine::Duration::ms(1500);
    engine::NodeDiskOptions d;
    d.durability.writeback = engine::Duration::ms(3000);
    LogMachine m(seed, o, d);
    engine::Random rng = m.sim().random_stream("test").split("epochs");
    std::int32_t epoch = 0;  // the newest epoch any leader had
    bool leader = true;      // else a follower that has truncated as its fetcher would
    for (int step = 0; step < steps; ++step) {
        const std::uint64_t roll = rng.uniform(100);
        PartitionLog& log = m.log();
        if (roll < 45 && leader) {
            RecordBatch b = testing::make_batch(static_cast<int>(1 + rng.uniform(3)), m.node().now().ms(),
                                                static_cast<std::size_t>(10 + rng.uniform(200)));
            REQUIRE(m.leader_append(std::move(b), LeaderEpoch{epoch}).outcome == AppendOutcome::appended);
            log.update_high_watermark(log.log_end_offset());
        } else if (roll < 45) {
            // A batch fetched from the leader: its epoch is at least our newest (the logs agree
            // up to here, and the truncation left no epoch past our last batch).
            RecordBatch b = testing::make_batch(static_cast<int>(1 + rng.uniform(3)), m.node().now().ms(), 50);
            b.base_offset = log.log_end_offset();
            const std::int32_t agreed = std::max(last_batch_epoch(m).value, log.latest_epoch().value);
            b.partition_leader_epoch = LeaderEpoch{agreed + static_cast<std::int32_t>(rng.uniform(3))};
            epoch = std::max(epoch, b.partition_leader_epoch.value);
            REQUIRE(m.follower_append(std::move(b)).outcome == AppendOutcome::appended);
            log.update_high_watermark(log.log_end_offset());
        } else if (roll < 55) {
            epoch += 1 + static_cast<std::int32_t>(rng.uniform(2));
            const std::size_t before = m.records("log.epoch_assign").size();
            log.assign_epoch_start_offset(LeaderEpoch{epoch}, log.log_end_offset());
            const auto assigns = m.records("log.epoch_assign");
            if (assigns.size() > before && assigns.back().field("dropped")->int_value > 0) ++counts.dropping_assigns;
            leader = true;
        } else if (roll < 62) {
            // Becoming a follower: the fetcher truncates to where the logs agree, the log end
            // included (which drops an epoch this replica assigned but never wrote in).
            const std::int64_t span = std::min<std::int64_t>(log.log_end_offset() - log.log_start_offset(), 3);
            log.truncate_to(log.log_end_offset() - static_cast<std::int64_t>(rng.uniform(static_cast<std::uint64_t>(span) + 1)));
            leader = false;
        } else if (roll < 68) {
            const std::int64_t span = log.log_end_offset() - log.log_start_offset();
            log.truncate_to(log.log_start_offset() + static_cast<std::int64_t>(rng.uniform(static_cast<std::uint64_t>(span) + 1)));
        } else if (roll < 69) {
            log.truncate_fully_and_start_at(log.log_end_offset() + static_cast<std::int64_t>(rng.uniform(5)));
        } else if (roll < 74) {
            log.flush({});
        } else if (roll < 86) {
            m.advance(engine::Duration::us(static_cast<std::int64_t>(100000 + rng.uniform(2000000))));
            // Every rewrite has had time to finish: the file holds the cache.
            const EpochCheckpointFile f = read_leader_epoch_checkpoint(m.disk().disk(), leader_epoch_file("orders-0/"));
            if (!m.log().leader_epoch_cache().empty() || f.state == EpochCheckpointState::found) {
                CHECK(f.state == EpochCheckpointState::found);
                CHECK(f.entries == m.log().leader_epoch_cache().entries());
            }
        } else if (roll < 93) {
            const std::vector<EpochEntry> before = written(m);
            m.crash_and_restart();
            CHECK(m.log().leader_epoch_cache().entries() == before);
            check_recovery(m, false, counts);
        } else {
            const bool torn = rng.chance(1, 2);
            m.power_loss_and_restart(torn ? engine::TornTail::random : engine::TornTail::off);
            check_recovery(m, torn, counts);
        }
        CHECK(written(m) == from_batches(m));
    }
    return m.trace_hash();
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("random epochs and faults keep the epoch cache what the batches say") {
    Counts counts;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        CAPTURE(seed);
        testing::check_replays([&](std::uint64_t s) { return run(s, 400, counts); }, seed);
    }
    // Each recovery path ran.
    CHECK(counts.added_from_batches > 0);
    CHECK(counts.dropped_past_end > 0);
    CHECK(counts.dropping_assigns > 0);
    MESSAGE("added ", counts.added_from_batches, " dropped ", counts.dropped_past_end, " missing ", counts.missing_file,
            " rebuilt ", counts.rebuilt, " dropping assigns ", counts.dropping_assigns);
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("random epochs and faults over 100 seeds keep the epoch cache what the batches say") {
    Counts counts;
    for (std::uint64_t seed = 100; seed < 200; ++seed) {
        CAPTURE(seed);
        testing::check_replays([&](std::uint64_t s) { return run(s, 1000, counts); }, seed);
    }
    CHECK(counts.missing_file > 0);
    MESSAGE("added ", counts.added_from_batches, " dropped ", counts.dropped_past_end, " missing ", counts.missing_file,
            " rebuilt ", counts.rebuilt, " dropping assigns ", counts.dropping_assigns);
}

}  // TEST_SUITE
