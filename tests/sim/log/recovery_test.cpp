#include <doctest/doctest.h>

#include <set>

#include "sim/log/log_files.h"
#include "sim/log/offset_checkpoint.h"
#include "tests/sim/log/log_harness.h"

using namespace kafkasim;
using namespace kafkasim::log;
using kafkasim::testing::check_replays;
using kafkasim::testing::idempotent;
using kafkasim::testing::LogMachine;
using kafkasim::testing::make_batch;

namespace {

PartitionLogOptions rolling_every(int batches) {
    PartitionLogOptions o = LogMachine::default_options();
    o.config.segment_bytes = batches * make_batch(1, 0, 200).size_bytes();
    return o;
}

std::vector<RecordBatch> append_n(LogMachine& m, int n, std::size_t value_bytes = 200) {
    std::vector<RecordBatch> written;
    for (int i = 0; i < n; ++i) {
        const AppendResult r = m.leader_append(make_batch(1, 0, value_bytes));
        REQUIRE(r.outcome == AppendOutcome::appended);
        written.push_back(m.all_batches().back());
    }
    return written;
}

// `log` is `written` cut somewhere, batch for batch.
bool is_prefix(const std::vector<RecordBatch>& log, const std::vector<RecordBatch>& written) {
    if (log.size() > written.size()) return false;
    for (std::size_t i = 0; i < log.size(); ++i)
        if (!(log[i] == written[i])) return false;
    return true;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("restart after a crash keeps every appended batch synced or not") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed, rolling_every(4));
        const std::vector<RecordBatch> written = append_n(m, 10);
        m.crash_and_restart();
        CHECK(m.all_batches() == written);
        CHECK(m.log().log_end_offset() == Offset{10});
        CHECK(m.log().segments().size() == 3);
        const auto recovered = m.records("log.recover");
        REQUIRE(recovered.size() == 2);
        CHECK(recovered[1].field("truncated_bytes")->int_value == 0);
        CHECK(recovered[1].field("log_end_offset")->int_value == 10);
        return m.trace_hash();
    });
}

TEST_CASE("restart after a power loss loses the unsynced tail") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        const std::vector<RecordBatch> written = append_n(m, 5);
        m.log().flush({});
        m.settle();
        CHECK(m.log().recovery_point() == Offset{5});
        append_n(m, 5);
        m.power_loss_and_restart();
        CHECK(m.all_batches() == written);
        CHECK(m.log().log_end_offset() == Offset{5});
        // The log continues from there.
        CHECK(m.leader_append(make_batch(1)).first_offset == Offset{5});
        return m.trace_hash();
    });
}

TEST_CASE("a power loss that tears a batch leaves the log cut at the last whole batch") {
    int torn = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        CAPTURE(seed);
        check_replays(
            [&](std::uint64_t s) {
                LogMachine m(s);
                std::vector<RecordBatch> written = append_n(m, 3);
                m.log().flush({});
                m.settle();
                const std::vector<RecordBatch> more = append_n(m, 6, 2000);
                written.insert(written.end(), more.begin(), more.end());
                m.power_loss_and_restart(engine::TornTail::random);
                const std::vector<RecordBatch> recovered = m.all_batches();
                CHECK(is_prefix(recovered, written));
                CHECK(recovered.size() >= 3);
                CHECK(m.log().log_end_offset() == Offset{static_cast<std::int64_t>(recovered.size())});
                // The file is cut back to the whole batches, so new appends follow them.
                const auto file = m.disk().disk().read_now(segment_file("orders-0/", Offset{0}));
                CHECK(static_cast<std::int64_t>(file.value().size()) == m.log().size_bytes());
                if (s == seed && m.log().recovery().truncated_bytes > 0) ++torn;
                m.leader_append(make_batch(1));
                m.crash_and_restart();
                CHECK(m.log().log_end_offset() == Offset{static_cast<std::int64_t>(recovered.size() + 1)});
                return m.trace_hash();
            },
            seed);
    }
    CHECK(torn >= 5);  // most seeds cut inside a batch rather than between two
}

TEST_CASE("the recovery-point checkpoint survives a power loss") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = rolling_every(3);
        o.recovery_point_checkpoint_interval = engine::Duration::ms(1000);
        LogMachine m(seed, o);
        append_n(m, 7);
        m.settle();
        CHECK(m.log().recovery_point() == Offset{6});
        m.advance(engine::Duration::ms(1000));
        const auto written = m.records("log.checkpoint");
        REQUIRE(written.size() == 1);
        CHECK(written[0].field("recovery_point")->int_value == 6);
        const auto text = m.disk().disk().read_now("orders-0/recovery-point-offset-checkpoint");
        REQUIRE(text.ok());
        CHECK(std::string(text.value().begin(), text.value().end()) == "0\n1\norders 0 6\n");
        append_n(m, 3);
        m.power_loss_and_restart(engine::TornTail::random);
        CHECK(m.log().recovery().checkpointed_recovery_point == Offset{6});
        CHECK(m.log().recovery_point() == Offset{6});
        CHECK(m.log().log_end_offset() >= Offset{6});
        // Segments 6 and 9 hold offsets at or past the recovery point: Kafka would scan those.
        CHECK(m.log().recovery().unflushed_segments == 2);
        return m.trace_hash();
    });
}

TEST_CASE("a checkpoint write cut by a power loss leaves the old checkpoint whole") {
    PartitionLogOptions o = rolling_every(2);
    o.recovery_point_checkpoint_interval = engine::Duration::ms(1000);
    std::set<std::int64_t> seen;
    for (std::int64_t cut_us : {1000000, 1000030, 1000100, 1003000, 1012000, 1030000}) {
        CAPTURE(cut_us);
        check_replays([&](std::uint64_t seed) {
            LogMachine m(seed, o);
            append_n(m, 3);
            m.settle();
            m.log().checkpoint_recovery_point({});
            m.settle();
            append_n(m, 2);  // rolls again: the recovery point moves to 4
            m.sim().run_until(engine::Instant::from_us(cut_us));
            m.power_loss_and_restart();
            const auto point = m.log().recovery().checkpointed_recovery_point;
            REQUIRE(point.has_value());
            CHECK((*point == Offset{2} || *point == Offset{4}));
            seen.insert(point->value);
            CHECK_FALSE(m.disk().disk().read_now("orders-0/recovery-point-offset-checkpoint.tmp").ok());
            return m.trace_hash();
        });
    }
    CHECK(seen == std::set<std::int64_t>{2, 4});  // the cuts fall both before and after the rename
}

TEST_CASE("flush.messages=1 makes every acknowledged append survive a power loss") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = LogMachine::default_options();
        o.config.flush_messages = 1;
        LogMachine m(seed, o);
        const std::vector<RecordBatch> written = append_n(m, 10);
        CHECK(m.log().recovery_point() == Offset{10});
        CHECK(m.records("log.flush").size() == 10);
        m.power_loss_and_restart(engine::TornTail::random);
        CHECK(m.all_batches() == written);
        return m.trace_hash();
    });
}

TEST_CASE("without flushes a power loss loses acknowledged appends") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        // The epoch's checkpoint is written first, as when a broker takes leadership: its
        // syncs would otherwise make the appends made meanwhile durable.
        m.log().assign_epoch_start_offset(LeaderEpoch{0}, Offset{0});
        m.settle();
        append_n(m, 10);
        CHECK(m.log().recovery_point() == Offset{0});
        m.power_loss_and_restart();
        CHECK(m.log().log_end_offset() == Offset{0});
        return m.trace_hash();
    });
}

TEST_CASE("flush.ms syncs the log once that long has passed since the last flush") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = LogMachine::default_options();
        o.config.flush_ms = engine::Duration::ms(500);
        LogMachine m(seed, o);
        append_n(m, 2);
        m.advance(engine::Duration::ms(400));
        CHECK(m.log().recovery_point() == Offset{0});
        m.advance(engine::Duration::ms(200));
        CHECK(m.log().recovery_point() == Offset{2});
        const auto flushes = m.records("log.flush");
        REQUIRE(flushes.size() == 1);
        CHECK(flushes[0].field("reason")->string_value == "flush.ms");
        m.power_loss_and_restart();
        CHECK(m.log().log_end_offset() == Offset{2});
        return m.trace_hash();
    });
}

TEST_CASE("a full disk fails the append with KAFKA_STORAGE_ERROR and takes the log offline") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = LogMachine::default_options();
        int offline_calls = 0;
        o.on_offline = [&offline_calls] { ++offline_calls; };
        LogMachine m(seed, o);
        const std::vector<RecordBatch> written = append_n(m, 3);
        m.disk().capacity().set_capacity(m.disk().disk().used_bytes() + 100);
        const AppendResult refused = m.leader_append(make_batch(1, 0, 500));
        CHECK(refused.outcome == AppendOutcome::rejected);
        CHECK(to_string(refused.error) == "KAFKA_STORAGE_ERROR");
        CHECK(m.log().offline());
        CHECK(offline_calls == 0);  // told from a timer, outside the append
        m.settle();
        CHECK(offline_calls == 1);
        CHECK(m.log().log_end_offset() == Offset{3});
        // Offline: a batch that would fit fails too, and so does a read.
        CHECK(m.leader_append(make_batch(1, 0, 1)).error == Errc::kafka_storage_error);
        CHECK(m.log().read(ReadRequest{Offset{0}}).error == Errc::kafka_storage_error);
        CHECK(m.records("disk.full").size() == 1);
        CHECK(m.records("log.storage_error").size() == 1);
        m.disk().capacity().set_capacity(engine::CapacityDisk::unlimited);
        m.crash_and_restart();
        CHECK_FALSE(m.log().offline());
        CHECK(m.all_batches() == written);
        CHECK(m.leader_append(make_batch(1)).first_offset == Offset{3});
        return m.trace_hash();
    });
}

TEST_CASE("producer state rebuilt after a restart still rejects a duplicate") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed, rolling_every(2));
        const ProducerId pid{31};
        const auto batch = [&](std::int32_t seq) {
            return idempotent(make_batch(1, 0, 200), pid, ProducerEpoch{2}, Sequence{seq});
        };
        for (std::int32_t seq = 0; seq < 4; ++seq) m.leader_append(batch(seq));
        m.crash_and_restart();
        const AppendResult dup = m.leader_append(batch(2));
        CHECK(dup.outcome == AppendOutcome::duplicate);
        CHECK(dup.first_offset == Offset{2});
        CHECK(m.log().log_end_offset() == Offset{4});
        CHECK(m.leader_append(batch(6)).error == Errc::out_of_order_sequence_number);
        CHECK(m.leader_append(idempotent(make_batch(1), pid, ProducerEpoch{1}, Sequence{4})).error ==
              Errc::invalid_producer_epoch);
        CHECK(m.leader_append(batch(4)).first_offset == Offset{4});
        return m.trace_hash();
    });
}

TEST_CASE("a stale checkpoint temporary file is removed at start") {
    LogMachine m;
    m.disk().disk().create("orders-0/recovery-point-offset-checkpoint.tmp", {});
    m.settle();
    m.crash_and_restart();
    m.settle();
    CHECK_FALSE(m.disk().disk().read_now("orders-0/recovery-point-offset-checkpoint.tmp").ok());
    m.log().checkpoint_recovery_point({});
    m.settle();
    CHECK(m.records("log.checkpoint").size() == 1);
}

}  // TEST_SUITE
