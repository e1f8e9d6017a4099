#include <doctest/doctest.h>

#include "sim/log/log_files.h"
#include "tests/sim/log/log_harness.h"

using namespace kafkasim;
using namespace kafkasim::log;
using kafkasim::testing::check_replays;
using kafkasim::testing::idempotent;
using kafkasim::testing::LogMachine;
using kafkasim::testing::make_batch;

namespace {

const std::int64_t one_record_batch = make_batch(1).size_bytes();

// Rolls after `batches_per_segment` one-record batches; checks run only when asked.
PartitionLogOptions small_segments(std::int64_t batches_per_segment) {
    PartitionLogOptions o = LogMachine::default_options();
    o.config.segment_bytes = batches_per_segment * one_record_batch;
    o.retention_check_interval = engine::Duration::max();
    return o;
}

void append_n(LogMachine& m, int n, std::int64_t timestamp_ms = 0) {
    for (int i = 0; i < n; ++i) REQUIRE(m.leader_append(make_batch(1, timestamp_ms)).outcome == AppendOutcome::appended);
}

std::vector<Offset> segment_bases(PartitionLog& log) {
    std::vector<Offset> bases;
    for (const auto& [base, segment] : log.segments()) bases.push_back(base);
    return bases;
}

bool file_exists(LogMachine& m, Offset base) {
    return m.disk().disk().read_now(segment_file("orders-0/", base)).ok();
}

ReadRequest at(Offset offset, std::int64_t max_bytes = 1 << 20, FetchIsolation isolation = FetchIsolation::high_watermark) {
    ReadRequest r;
    r.offset = offset;
    r.max_bytes = max_bytes;
    r.isolation = isolation;
    return r;
}

std::vector<std::int64_t> bases_of(const ReadResult& r) {
    std::vector<std::int64_t> out;
    for (const RecordBatch& b : r.batches) out.push_back(b.base_offset.value);
    return out;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("leader appends take offsets from the log end and carry the leader epoch") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        const AppendResult a = m.leader_append(make_batch(3), LeaderEpoch{2});
        CHECK(a.outcome == AppendOutcome::appended);
        CHECK(a.first_offset == Offset{0});
        CHECK(a.last_offset == Offset{2});
        CHECK(m.last_done() == Errc::none);
        const AppendResult b = m.leader_append(make_batch(2), LeaderEpoch{3});
        CHECK(b.first_offset == Offset{3});
        CHECK(b.last_offset == Offset{4});
        CHECK(m.log().log_end_offset() == Offset{5});
        CHECK(m.log().log_start_offset() == Offset{0});
        const std::vector<RecordBatch> all = m.all_batches();
        REQUIRE(all.size() == 2);
        CHECK(all[0].partition_leader_epoch == LeaderEpoch{2});
        CHECK(all[1].partition_leader_epoch == LeaderEpoch{3});
        CHECK(all[1].base_offset == Offset{3});
        const auto file = m.disk().disk().read_now("orders-0/00000000000000000000.log");
        REQUIRE(file.ok());
        CHECK(static_cast<std::int64_t>(file.value().size()) == m.log().size_bytes());
        CHECK(m.records("log.recover").size() == 1);
        return m.trace_hash();
    });
}

TEST_CASE("a read returns whole batches from the one holding the offset up to the byte limit") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        for (int i = 0; i < 5; ++i) m.leader_append(make_batch(2));  // offsets 0..9 in batches of 2
        const std::int64_t size = make_batch(2).size_bytes();
        PartitionLog& log = m.log();
        CHECK(log.update_high_watermark(Offset{10}) == Offset{10});
        CHECK(bases_of(log.read(at(Offset{3}, 2 * size))) == std::vector<std::int64_t>{2, 4});
        CHECK(bases_of(log.read(at(Offset{3}, 2 * size + 1))) == std::vector<std::int64_t>{2, 4});
        CHECK(bases_of(log.read(at(Offset{0}, 1))) == std::vector<std::int64_t>{0});  // at least one batch
        ReadRequest strict = at(Offset{0}, 1);
        strict.min_one = MinOneBatch::no;
        CHECK(log.read(strict).batches.empty());
        const ReadResult at_end = log.read(at(Offset{10}));
        CHECK(at_end.error == Errc::none);
        CHECK(at_end.batches.empty());
        CHECK(log.read(at(Offset{11})).error == Errc::offset_out_of_range);
        // A consumer reads only below the high watermark; a follower up to the log end.
        log.update_high_watermark(Offset{4});
        CHECK(bases_of(log.read(at(Offset{0}))) == std::vector<std::int64_t>{0, 2});
        CHECK(log.read(at(Offset{4})).batches.empty());
        CHECK(bases_of(log.read(at(Offset{5}, 1 << 20, FetchIsolation::log_end))) == std::vector<std::int64_t>{4, 6, 8});
        CHECK(log.update_high_watermark(Offset{99}) == Offset{10});
        CHECK_FALSE(log.maybe_increment_high_watermark(Offset{3}));
        return m.trace_hash();
    });
}

TEST_CASE("a read stays within one segment as Kafka's LocalLog.read does") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed, small_segments(2));
        append_n(m, 5);
        m.log().update_high_watermark(Offset{5});
        CHECK(segment_bases(m.log()) == std::vector<Offset>{Offset{0}, Offset{2}, Offset{4}});
        CHECK(bases_of(m.log().read(at(Offset{1}))) == std::vector<std::int64_t>{1});
        CHECK(bases_of(m.log().read(at(Offset{2}))) == std::vector<std::int64_t>{2, 3});
        return m.trace_hash();
    });
}

TEST_CASE("an offset's position is its batch's place in its segment and the log end is the active segment's end") {
    // What a waiting fetch measures bytes by (Kafka's LogOffsetMetadata), from the index alone.
    LogMachine m(1, small_segments(2));
    m.leader_append(make_batch(2));  // offsets 0..1 fill segment 0
    append_n(m, 2);                  // offsets 2 and 3 roll into segment 2
    const PartitionLog& log = m.log();
    REQUIRE(segment_bases(m.log()) == std::vector<Offset>{Offset{0}, Offset{2}});
    const auto where = [&log](std::int64_t offset) {
        const OffsetPosition p = log.offset_position(Offset{offset});
        return std::pair{p.segment_base.value, p.position};
    };
    CHECK(where(0) == std::pair<std::int64_t, std::int64_t>{0, 0});
    CHECK(where(1) == std::pair<std::int64_t, std::int64_t>{0, 0});  // inside the batch at 0
    CHECK(where(2) == std::pair<std::int64_t, std::int64_t>{2, 0});  // a rolled segment's end is the next one's start
    CHECK(where(3) == std::pair<std::int64_t, std::int64_t>{2, one_record_batch});
    CHECK(where(4) == std::pair<std::int64_t, std::int64_t>{2, 2 * one_record_batch});  // the log end
}

TEST_CASE("a timestamp lookup finds the first record at or after it as ListOffsets does") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed, small_segments(2));
        for (std::int64_t ts : {100, 300, 200, 500})
            m.leader_append(make_batch(1, ts), LeaderEpoch{static_cast<std::int32_t>(ts / 100)});
        const auto at_250 = m.log().offset_for_timestamp(250);
        REQUIRE(at_250.has_value());
        CHECK(at_250->offset == Offset{1});
        CHECK(at_250->timestamp_ms == 300);
        CHECK(at_250->leader_epoch == LeaderEpoch{3});
        CHECK(m.log().offset_for_timestamp(0)->offset == Offset{0});
        CHECK(m.log().offset_for_timestamp(400)->offset == Offset{3});
        CHECK_FALSE(m.log().offset_for_timestamp(501).has_value());
        return m.trace_hash();
    });
}

TEST_CASE("segments roll by segment.bytes and a rolled segment survives a power loss") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed, small_segments(3));
        // As a broker taking leadership: the epoch is in the cache, and its checkpoint (whose
        // syncs would make earlier appends durable too) is written, before any append.
        m.log().assign_epoch_start_offset(LeaderEpoch{0}, Offset{0});
        m.settle();
        append_n(m, 7);
        CHECK(segment_bases(m.log()) == std::vector<Offset>{Offset{0}, Offset{3}, Offset{6}});
        const auto rolls = m.records("log.roll");
        REQUIRE(rolls.size() == 2);
        CHECK(rolls[0].field("reason")->string_value == "segment.bytes");
        CHECK(rolls[1].field("base_offset")->int_value == 6);
        m.settle();
        CHECK(m.log().recovery_point() == Offset{6});  // the second roll's flush
        m.power_loss_and_restart();
        // Everything before the last roll was synced by it; the active segment's batch was not.
        CHECK(m.log().log_end_offset() == Offset{6});
        CHECK(segment_bases(m.log()) == std::vector<Offset>{Offset{0}, Offset{3}, Offset{6}});
        CHECK(m.all_batches().size() == 6);
        return m.trace_hash();
    });
}

TEST_CASE("segments roll by segment.ms counted in record time") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = LogMachine::default_options();
        o.config.segment_ms = engine::Duration::ms(1000);
        LogMachine m(seed, o);
        for (std::int64_t ts : {0, 500, 1000}) append_n(m, 1, ts);
        CHECK(m.log().segments().size() == 1);
        append_n(m, 1, 1001);
        CHECK(segment_bases(m.log()) == std::vector<Offset>{Offset{0}, Offset{3}});
        const auto rolls = m.records("log.roll");
        REQUIRE(rolls.size() == 1);
        CHECK(rolls[0].field("reason")->string_value == "segment.ms");
        return m.trace_hash();
    });
}

TEST_CASE("retention.bytes deletes the oldest segments and moves the log start offset") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = small_segments(2);
        o.config.retention_bytes = 3 * one_record_batch;
        LogMachine m(seed, o);
        append_n(m, 8);
        CHECK(m.log().segments().size() == 4);
        CHECK(m.log().delete_old_segments() == 0);  // nothing below the high watermark yet
        m.log().update_high_watermark(Offset{8});
        CHECK(m.log().delete_old_segments() == 2);
        CHECK(m.log().log_start_offset() == Offset{4});
        CHECK(m.log().size_bytes() == 4 * one_record_batch);
        CHECK(m.log().read(at(Offset{3})).error == Errc::offset_out_of_range);
        CHECK(m.log().read(at(Offset{4})).batches.size() == 2);
        CHECK_FALSE(file_exists(m, Offset{0}));
        CHECK_FALSE(file_exists(m, Offset{2}));
        const auto deleted = m.records("log.retention");
        REQUIRE(deleted.size() == 1);
        CHECK(deleted[0].field("reason")->string_value == "retention.bytes");
        CHECK(deleted[0].field("log_start_offset")->int_value == 4);
        m.crash_and_restart();
        CHECK(m.log().log_start_offset() == Offset{4});
        CHECK(m.log().log_end_offset() == Offset{8});
        return m.trace_hash();
    });
}

TEST_CASE("retention.ms deletes old segments on the log's own timer and never leaves it without one") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = small_segments(2);
        o.config.retention_ms = engine::Duration::ms(10000);
        o.retention_check_interval = engine::Duration::ms(1000);
        LogMachine m(seed, o);
        append_n(m, 4, 0);
        m.advance(engine::Duration::ms(5000));
        append_n(m, 2, 5000);
        m.log().update_high_watermark(Offset{6});
        m.advance(engine::Duration::ms(6500));  // the check at 11 s finds the segments written at 0 ms expired
        CHECK(m.log().log_start_offset() == Offset{4});
        CHECK(segment_bases(m.log()) == std::vector<Offset>{Offset{4}});
        const auto deleted = m.records("log.retention");
        REQUIRE(deleted.size() == 1);
        CHECK(deleted[0].field("reason")->string_value == "retention.ms");
        CHECK(deleted[0].field("segments")->int_value == 2);
        m.advance(engine::Duration::ms(6000));  // now every record is old: the log rolls, then deletes
        CHECK(m.log().log_start_offset() == Offset{6});
        CHECK(m.log().log_end_offset() == Offset{6});
        CHECK(segment_bases(m.log()) == std::vector<Offset>{Offset{6}});
        CHECK(m.records("log.roll").back().field("reason")->string_value == "retention");
        CHECK(m.leader_append(make_batch(1, 16000)).first_offset == Offset{6});
        return m.trace_hash();
    });
}

TEST_CASE("truncate_to drops batches across segments and their files") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed, small_segments(2));
        append_n(m, 7);
        CHECK(segment_bases(m.log()) == std::vector<Offset>{Offset{0}, Offset{2}, Offset{4}, Offset{6}});
        m.log().update_high_watermark(Offset{7});
        CHECK(m.log().truncate_to(Offset{3}));
        CHECK(m.log().log_end_offset() == Offset{3});
        CHECK(m.log().high_watermark() == Offset{3});
        CHECK(segment_bases(m.log()) == std::vector<Offset>{Offset{0}, Offset{2}});
        CHECK_FALSE(file_exists(m, Offset{4}));
        CHECK_FALSE(file_exists(m, Offset{6}));
        CHECK(m.disk().disk().read_now(segment_file("orders-0/", Offset{2})).value().size() ==
              static_cast<std::size_t>(one_record_batch));
        CHECK_FALSE(m.log().truncate_to(Offset{10}));
        const auto truncations = m.records("log.truncate");
        REQUIRE(truncations.size() == 1);
        CHECK(truncations[0].field("removed_segments")->int_value == 2);
        CHECK(m.leader_append(make_batch(1)).first_offset == Offset{3});
        m.crash_and_restart();
        CHECK(m.log().log_end_offset() == Offset{4});
        CHECK(m.all_batches().size() == 4);
        return m.trace_hash();
    });
}

TEST_CASE("truncate_to drops the whole batch holding the offset") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        m.leader_append(make_batch(3));
        m.leader_append(make_batch(2));
        CHECK(m.log().truncate_to(Offset{4}));
        CHECK(m.log().log_end_offset() == Offset{3});
        CHECK(m.log().truncate_to(Offset{1}));
        CHECK(m.log().log_end_offset() == Offset{0});
        CHECK(m.log().segments().size() == 1);
        return m.trace_hash();
    });
}

TEST_CASE("truncation rebuilds the producer state from what is left") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        const ProducerId pid{7};
        for (int seq = 0; seq < 3; ++seq)
            m.leader_append(idempotent(make_batch(1), pid, ProducerEpoch{0}, Sequence{seq}));
        CHECK(m.leader_append(idempotent(make_batch(1), pid, ProducerEpoch{0}, Sequence{2})).outcome ==
              AppendOutcome::duplicate);
        m.log().truncate_to(Offset{2});
        // Sequence 2 is gone from the log, so its retry is appended again, at offset 2.
        const AppendResult again = m.leader_append(idempotent(make_batch(1), pid, ProducerEpoch{0}, Sequence{2}));
        CHECK(again.outcome == AppendOutcome::appended);
        CHECK(again.first_offset == Offset{2});
        return m.trace_hash();
    });
}

TEST_CASE("truncate_fully_and_start_at empties the log and starts it at the offset") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed, small_segments(2));
        append_n(m, 5);
        m.log().truncate_fully_and_start_at(Offset{100});
        CHECK(m.log().log_start_offset() == Offset{100});
        CHECK(m.log().log_end_offset() == Offset{100});
        CHECK(m.log().high_watermark() == Offset{100});
        CHECK(segment_bases(m.log()) == std::vector<Offset>{Offset{100}});
        for (std::int64_t base : {0, 2, 4}) CHECK_FALSE(file_exists(m, Offset{base}));
        RecordBatch from_leader = make_batch(2);
        from_leader.base_offset = Offset{100};
        from_leader.partition_leader_epoch = LeaderEpoch{4};
        CHECK(m.follower_append(from_leader).outcome == AppendOutcome::appended);
        CHECK(m.log().read(at(Offset{50}, 1 << 20, FetchIsolation::log_end)).error == Errc::offset_out_of_range);
        CHECK(m.records("log.truncate").back().field("mode")->string_value == "fully");
        m.crash_and_restart();
        CHECK(m.log().log_start_offset() == Offset{100});
        CHECK(m.log().log_end_offset() == Offset{102});
        // A target below the first segment truncates fully, as UnifiedLog.truncateTo does.
        CHECK(m.log().truncate_to(Offset{40}));
        CHECK(m.log().log_start_offset() == Offset{40});
        CHECK(m.log().log_end_offset() == Offset{40});
        return m.trace_hash();
    });
}

TEST_CASE("a follower appends the leader's stored bytes as they are - sharing them") {
    LogMachine leader(1);
    leader.leader_append(idempotent(make_batch(3), ProducerId{9}, ProducerEpoch{1}, Sequence{0}), LeaderEpoch{4});
    leader.leader_append(make_batch(2), LeaderEpoch{5});
    const ReadResult got = leader.log().read_encoded(at(Offset{0}, 1 << 20, FetchIsolation::log_end));
    REQUIRE(got.encoded.size() == 2);
    CHECK(got.batches.empty());
    LogMachine follower(2);
    for (const engine::Block& b : got.encoded) CHECK(follower.follower_append(b).outcome == AppendOutcome::appended);
    CHECK(follower.all_batches() == leader.all_batches());
    CHECK(follower.log().latest_epoch() == LeaderEpoch{5});
    CHECK(follower.log().producer_state().find(ProducerId{9})->last_seq() == Sequence{2});
    // The follower's segment file holds the very block the leader's does.
    const std::string segment = segment_file(log_dir(TopicPartition{"orders", 0}), Offset{0});
    const auto file = follower.disk().disk().read_block_now(engine::ReadFile{segment, 0, got.encoded[0].size()});
    REQUIRE(file.ok());
    CHECK(file.value().span().data() == got.encoded[0].span().data());
    // A batch that does not start at the log end, or is cut short, is refused.
    CHECK(follower.follower_append(got.encoded[1]).error == Errc::offset_out_of_range);
    LogMachine short_one(3);
    CHECK(short_one.follower_append(got.encoded[0].slice(0, got.encoded[0].size() - 1)).error == Errc::corrupt_message);
    CHECK(short_one.log().log_end_offset() == Offset{0});
}

TEST_CASE("a follower append keeps the leader's offsets and epoch and must start at the log end") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        RecordBatch b = idempotent(make_batch(3), ProducerId{9}, ProducerEpoch{1}, Sequence{40});
        b.partition_leader_epoch = LeaderEpoch{6};
        const AppendResult r = m.follower_append(b);
        CHECK(r.outcome == AppendOutcome::appended);
        CHECK(r.last_offset == Offset{2});
        CHECK(m.all_batches().at(0) == b);
        CHECK(m.log().producer_state().find(ProducerId{9})->last_seq() == Sequence{42});
        RecordBatch gap = make_batch(1);
        gap.base_offset = Offset{5};
        CHECK(m.follower_append(gap).error == Errc::offset_out_of_range);
        RecordBatch overlap = make_batch(1);
        overlap.base_offset = Offset{2};
        CHECK(m.follower_append(overlap).error == Errc::offset_out_of_range);
        CHECK(m.log().log_end_offset() == Offset{3});
        return m.trace_hash();
    });
}

}  // TEST_SUITE
