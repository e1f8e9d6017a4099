// Random appends, truncations, retention, flushes, crashes, power losses (with torn tails) and
// full disks against one log. After every restart the recovered log must be made only of
// batches that were written at those offsets, keep everything below the recovery point that
// the log had before a power loss, and keep the whole log across a crash.
#include <doctest/doctest.h>

#include <map>

#include "engine/random.h"
#include "tests/sim/log/log_harness.h"

using namespace kafkasim;
using namespace kafkasim::log;
using kafkasim::testing::LogMachine;

namespace {

struct Snapshot {
    Offset log_start;
    Offset recovery_point;
    std::vector<RecordBatch> batches;
};

Snapshot snapshot(LogMachine& m) { return {m.log().log_start_offset(), m.log().recovery_point(), m.all_batches()}; }

class History {
public:
    void record_last_append(LogMachine& m) {
        const log::Segment& last = m.log().segments().rbegin()->second;
        RecordBatch b = std::move(m.log().load(last, last.batches().size() - 1, last.batches().size()).at(0));
        versions_[b.base_offset.value].push_back(std::move(b));
    }
    // Every batch of the log was written at its offset at some point.
    void check_written(LogMachine& m) const {
        for (const RecordBatch& b : m.all_batches()) {
            const auto it = versions_.find(b.base_offset.value);
            REQUIRE(it != versions_.end());
            CHECK(std::find(it->second.begin(), it->second.end(), b) != it->second.end());
        }
    }

private:
    std::map<std::int64_t, std::vector<RecordBatch>> versions_;
};

// Batches of `before` below its recovery point, from its log start on, are in `after` unchanged.
void check_durable(const Snapshot& before, LogMachine& m) {
    std::map<std::int64_t, RecordBatch> now;
    for (RecordBatch& b : m.all_batches()) now.emplace(b.base_offset.value, std::move(b));
    for (const RecordBatch& b : before.batches) {
        if (b.next_offset() > before.recovery_point) break;
        if (b.base_offset < before.log_start) continue;
        const auto it = now.find(b.base_offset.value);
        REQUIRE(it != now.end());
        CHECK(it->second == b);
    }
}

std::uint64_t run(std::uint64_t seed, int steps) {
    PartitionLogOptions o = LogMachine::default_options();
    o.config.segment_bytes = 2000;
    o.config.retention_bytes = 6000;
    o.recovery_point_checkpoint_interval = engine::Duration::ms(1000);
    o.retention_check_interval = engine::Duration::ms(1500);
    engine::NodeDiskOptions d;
    d.durability.writeback = engine::Duration::ms(3000);
    LogMachine m(seed, o, d);
    engine::Random rng = m.sim().random_stream("test").split("workload");
    History history;
    const ProducerId pid{5};
    std::int16_t epoch = 0;
    std::int32_t next_seq = 0;
    for (int step = 0; step < steps; ++step) {
        const std::uint64_t roll = rng.uniform(100);
        PartitionLog& log = m.log();
        if (roll < 60) {
            RecordBatch b = testing::make_batch(static_cast<int>(1 + rng.uniform(4)), m.node().now().ms(),
                                                static_cast<std::size_t>(10 + rng.uniform(300)));
            if (rng.chance(1, 2)) b = testing::idempotent(std::move(b), pid, ProducerEpoch{epoch}, Sequence{next_seq});
            const std::int32_t records = b.count();
            const bool tracked = b.idempotent();
            const AppendResult r = m.leader_append(std::move(b));
            if (r.outcome == AppendOutcome::appended) {
                history.record_last_append(m);
                if (tracked) next_seq += records;
            }
            if (r.outcome == AppendOutcome::rejected && r.error == Errc::out_of_order_sequence_number) {
                ++epoch;  // the log lost our tail: bump the epoch and start over, as a producer resets
                next_seq = 0;
            }
            CHECK(r.outcome != AppendOutcome::duplicate);
            log.update_high_watermark(log.log_end_offset());
        } else if (roll < 65) {
            const std::int64_t span = log.log_end_offset() - log.log_start_offset();
            log.truncate_to(log.log_start_offset() + static_cast<std::int64_t>(rng.uniform(static_cast<std::uint64_t>(span) + 1)));
        } else if (roll < 66) {
            log.truncate_fully_and_start_at(log.log_end_offset() + static_cast<std::int64_t>(rng.uniform(5)));
        } else if (roll < 72) {
            log.flush({});
        } else if (roll < 80) {
            m.advance(engine::Duration::us(static_cast<std::int64_t>(rng.uniform(2000000))));
        } else if (roll < 82) {
            m.disk().capacity().set_capacity(m.disk().disk().used_bytes() + rng.uniform(600));
        } else if (roll < 88) {
            m.disk().capacity().set_capacity(engine::CapacityDisk::unlimited);
        } else if (roll < 94) {
            const Snapshot before = snapshot(m);
            m.crash_and_restart();
            CHECK(m.all_batches() == before.batches);
            CHECK(m.log().log_end_offset() >= before.log_start);
            history.check_written(m);
        } else {
            const Snapshot before = snapshot(m);
            m.power_loss_and_restart(rng.chance(1, 2) ? engine::TornTail::random : engine::TornTail::off);
            check_durable(before, m);
            history.check_written(m);
        }
    }
    return m.trace_hash();
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("random operations and faults always recover a log of written batches") {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        CAPTURE(seed);
        testing::check_replays([](std::uint64_t s) { return run(s, 300); }, seed);
    }
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("random operations and faults over 100 seeds always recover a log of written batches") {
    for (std::uint64_t seed = 100; seed < 200; ++seed) {
        CAPTURE(seed);
        testing::check_replays([](std::uint64_t s) { return run(s, 1000); }, seed);
    }
}

}  // TEST_SUITE
