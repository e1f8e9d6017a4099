// replication-offset-checkpoint: written whole, read back at start, and the high watermark a
// restarted log takes from it, clamped to the recovered log.
#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>

#include "sim/log/high_watermark_checkpoint.h"
#include "sim/log/log_files.h"
#include "tests/sim/log/log_harness.h"

using namespace kafkasim;
using namespace kafkasim::log;
using kafkasim::testing::check_replays;
using kafkasim::testing::LogMachine;
using kafkasim::testing::make_batch;

namespace {

const TopicPartition orders0{"orders", 0};

// The high-watermark checkpoint of the machine's disk, written from a node timer as a broker
// does; it must not outlive a crash (a broker's members go with its process).
struct Checkpointer {
    explicit Checkpointer(LogMachine& m) : machine(m), writer(std::make_unique<HighWatermarkCheckpoint>(m.disk().disk())) {}
    void write(const OffsetMap& hws) {
        writer->write(hws, [this](engine::DiskStatus s) { last = s; });
    }
    LogMachine& machine;
    std::unique_ptr<HighWatermarkCheckpoint> writer;
    std::optional<engine::DiskStatus> last;
};

std::string file_text(LogMachine& m) {
    const auto f = m.disk().disk().read_now(high_watermark_file());
    if (!f.ok()) return "missing";
    return std::string(f.value().begin(), f.value().end());
}

void lead(LogMachine& m, int batches) {
    for (int i = 0; i < batches; ++i) REQUIRE(m.leader_append(make_batch(1)).outcome == AppendOutcome::appended);
}

// A broker's start: the log takes its partition's value from the checkpoint, if any.
void restore_from_checkpoint(PartitionLogOptions& o, const engine::Disk& disk) {
    const std::optional<OffsetMap> hws = HighWatermarkCheckpoint::read_now(disk);
    REQUIRE(hws.has_value());
    const auto it = hws->find(o.partition);
    o.initial_high_watermark = it == hws->end() ? std::nullopt : std::optional<Offset>(it->second);
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("the high-watermark checkpoint round trips in Kafka's text") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        CHECK(HighWatermarkCheckpoint::read_now(m.disk().disk()) == OffsetMap{});  // none yet: empty
        Checkpointer c(m);
        const OffsetMap hws{{orders0, Offset{5}}, {TopicPartition{"orders", 1}, Offset{7}}, {TopicPartition{"pay-ments", 0}, Offset{0}}};
        c.write(hws);
        CHECK(c.writer->busy());
        m.settle();
        CHECK(c.last == engine::DiskStatus::ok);
        CHECK(file_text(m) == "0\n3\norders 0 5\norders 1 7\npay-ments 0 0\n");
        CHECK(HighWatermarkCheckpoint::read_now(m.disk().disk()) == hws);
        // A later write replaces the whole file: a partition left out is gone.
        c.write({{orders0, Offset{9}}});
        m.settle();
        CHECK(HighWatermarkCheckpoint::read_now(m.disk().disk()) == OffsetMap{{orders0, Offset{9}}});
        // The file sits at the disk's top level: it names no partition directory.
        CHECK(partitions_on_disk(m.disk().disk()) == std::vector<TopicPartition>{orders0});
        return m.trace_hash();
    });
}

TEST_CASE("a high-watermark checkpoint that is not Kafka's text reads as nothing") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        m.disk().disk().create(high_watermark_file(), {});
        const std::string junk = "0\n2\norders 0 5\n";
        m.disk().disk().append(high_watermark_file(), engine::Bytes(junk.begin(), junk.end()), {});
        m.settle();
        CHECK_FALSE(HighWatermarkCheckpoint::read_now(m.disk().disk()).has_value());
        return m.trace_hash();
    });
}

TEST_CASE("a power loss during a high-watermark checkpoint write leaves the old file whole") {
    std::set<std::int64_t> seen;
    for (std::int64_t cut_us : {0, 30, 100, 3000, 12000, 30000}) {
        CAPTURE(cut_us);
        check_replays([&](std::uint64_t seed) {
            LogMachine m(seed);
            auto c = std::make_unique<Checkpointer>(m);
            c->write({{orders0, Offset{4}}});
            m.settle();
            c->write({{orders0, Offset{8}}});
            m.sim().run_until(m.sim().now() + engine::Duration::us(cut_us));
            c.reset();
            m.power_loss_and_restart();
            const auto hws = HighWatermarkCheckpoint::read_now(m.disk().disk());
            REQUIRE(hws.has_value());
            const Offset hw = hws->at(orders0);
            CHECK((hw == Offset{4} || hw == Offset{8}));
            seen.insert(hw.value);
            // The next writer clears the temporary file the cut write left.
            HighWatermarkCheckpoint next(m.disk().disk());
            m.settle();
            CHECK_FALSE(m.disk().disk().read_now(high_watermark_file() + ".tmp").ok());
            return m.trace_hash();
        });
    }
    CHECK(seen == std::set<std::int64_t>{4, 8});
}

TEST_CASE("a restarted log starts from the checkpointed high watermark clamped to its bounds") {
    check_replays([](std::uint64_t seed) {
        PartitionLogOptions o = LogMachine::default_options();
        o.config.segment_bytes = 2 * make_batch(1).size_bytes();
        o.retention_check_interval = engine::Duration::max();
        LogMachine m(seed, o);
        CHECK(m.log().high_watermark() == Offset{0});
        lead(m, 6);
        m.crash_and_restart();
        CHECK(m.log().high_watermark() == Offset{0});  // none checkpointed: the log start
        CHECK_FALSE(m.log().recovery().checkpointed_high_watermark.has_value());

        m.options().initial_high_watermark = Offset{3};
        m.crash_and_restart();
        CHECK(m.log().high_watermark() == Offset{3});
        CHECK(m.log().recovery().checkpointed_high_watermark == Offset{3});
        CHECK(m.records("log.recover").back().field("high_watermark")->int_value == 3);
        // A consumer reads below it only.
        ReadRequest read;
        read.offset = Offset{2};
        CHECK(m.log().read(read).batches.size() == 1);
        read.offset = Offset{3};
        CHECK(m.log().read(read).batches.empty());

        m.options().initial_high_watermark = Offset{99};  // past the log end: the log end
        m.crash_and_restart();
        CHECK(m.log().high_watermark() == Offset{6});

        m.log().update_high_watermark(Offset{6});
        LogConfig c = o.config;
        c.retention_bytes = 0;
        m.log().set_config(c);
        m.log().delete_old_segments();
        REQUIRE(m.log().log_start_offset() == Offset{6});
        m.options().initial_high_watermark = Offset{1};  // below the log start: the log start
        m.crash_and_restart();
        CHECK(m.log().high_watermark() == Offset{6});
        return m.trace_hash();
    });
}

TEST_CASE("after a power loss the log restarts from the last durable high-watermark checkpoint") {
    check_replays([](std::uint64_t seed) {
        LogMachine m(seed);
        m.set_before_start(restore_from_checkpoint);
        m.crash_and_restart();
        auto c = std::make_unique<Checkpointer>(m);
        lead(m, 5);
        m.log().update_high_watermark(Offset{4});
        m.log().flush({});  // the five batches are durable
        c->write({{orders0, m.log().high_watermark()}});
        m.settle();
        lead(m, 2);
        m.log().update_high_watermark(Offset{7});  // never checkpointed
        c.reset();
        m.power_loss_and_restart();
        CHECK(m.log().log_end_offset() == Offset{5});
        CHECK(m.log().high_watermark() == Offset{4});
        // A newer checkpoint than the log: the high watermark stops at the log end.
        c = std::make_unique<Checkpointer>(m);
        c->write({{orders0, Offset{7}}});
        m.settle();
        c.reset();
        m.crash_and_restart();
        CHECK(m.log().high_watermark() == Offset{5});
        return m.trace_hash();
    });
}

}  // TEST_SUITE
