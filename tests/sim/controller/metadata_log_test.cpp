#include <doctest/doctest.h>

#include <memory>

#include "engine/disk/node_disk.h"
#include "sim/controller/metadata_log.h"
#include "sim/controller/record_codec.h"

using namespace kafkasim;
using namespace kafkasim::controller;
using engine::Duration;
using engine::Instant;

namespace {

struct Seen {
    MetadataLog::Recovery recovery;
    std::vector<MetadataEntry> recovered;
    std::vector<Offset> commits;
    std::vector<engine::DiskStatus> failures;
};

// A process that owns only a metadata log, recovered at each start.
struct LogHost : engine::Process {
    LogHost(engine::Disk& disk, Seen& seen)
        : log(disk, [&seen](Offset end) { seen.commits.push_back(end); },
              [&seen](engine::DiskStatus s) { seen.failures.push_back(s); }) {
        seen.recovery = log.recover();
        seen.recovered = log.entries();
    }
    MetadataLog log;
};

struct World {
    engine::Simulation sim;
    engine::Node& node;
    std::unique_ptr<engine::NodeDisk> disk;
    Seen seen;

    World(std::uint64_t seed, engine::NodeDiskOptions options) : sim(seed), node(sim.add_node("controller")) {
        disk = std::make_unique<engine::NodeDisk>(node, options);
        node.set_process_factory([this](engine::Node&) { return std::make_unique<LogHost>(disk->disk(), seen); });
        node.start();
    }
    MetadataLog& log() { return dynamic_cast<LogHost*>(node.process())->log; }
    void restart() {
        seen = Seen{};
        node.start();
    }
    void run_for(Duration d) { sim.run_until(sim.now() + d); }
};

MetadataRecord fence(int broker) { return FenceBrokerRecord{BrokerId{broker}, BrokerEpoch{broker}}; }

// Slow syncs leave a wide window in which appended batches are not yet durable.
engine::NodeDiskOptions slow_sync(engine::TornTail torn) {
    engine::NodeDiskOptions o;
    o.latency.sync = engine::LatencyModel{Duration::ms(50), Duration::ms(60)};
    o.durability.torn_tail = torn;
    return o;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("the metadata log commits a batch once a sync after it completes") {
    World w(1, slow_sync(engine::TornTail::off));
    w.run_for(Duration::ms(100));
    REQUIRE(w.log().recovered());
    CHECK(w.seen.recovery.created);
    CHECK(w.seen.commits == std::vector<Offset>{Offset{0}});
    CHECK(w.log().append({fence(1), fence(2)}) == Offset{0});
    CHECK(w.log().append({fence(3)}) == Offset{2});
    CHECK(w.log().end() == Offset{3});
    CHECK(w.log().committed_end() == Offset{0});
    CHECK(w.log().committed_from(Offset{0}, 10).empty());
    w.run_for(Duration::ms(200));
    // One sync covered the first batch; the second needed the next one (group commit).
    CHECK(w.seen.commits == std::vector<Offset>{Offset{0}, Offset{2}, Offset{3}});
    CHECK(w.log().committed_from(Offset{1}, 10).size() == 2);
    CHECK(w.log().committed_from(Offset{0}, 1).size() == 1);
    CHECK(w.log().committed_from(Offset{3}, 10).empty());
}

TEST_CASE("after a crash the metadata log recovers every whole batch from the page cache") {
    World w(2, slow_sync(engine::TornTail::off));
    w.run_for(Duration::ms(100));
    w.log().append({fence(1)});
    w.run_for(Duration::ms(100));
    w.log().append({fence(2), fence(3)});  // not yet synced when the process crashes
    w.node.crash();
    w.restart();
    CHECK(w.seen.recovery.records == 3);
    CHECK(w.seen.recovery.batches == 2);
    CHECK(w.seen.recovery.truncated_bytes == 0);
    REQUIRE(w.seen.recovered.size() == 3);
    CHECK(w.seen.recovered[2] == MetadataEntry{Offset{2}, fence(3)});
    // Recovered records are committed only after the recovery's own sync.
    CHECK(w.log().committed_end() == Offset{0});
    w.run_for(Duration::ms(100));
    CHECK(w.log().committed_end() == Offset{3});
}

TEST_CASE("a power loss takes back only what was not yet committed") {
    World w(3, slow_sync(engine::TornTail::off));
    w.run_for(Duration::ms(100));
    w.log().append({fence(1)});
    w.run_for(Duration::ms(100));
    REQUIRE(w.log().committed_end() == Offset{1});
    w.log().append({fence(2)});
    w.log().append({fence(3)});
    w.node.power_loss();
    w.restart();
    CHECK(w.seen.recovered == std::vector<MetadataEntry>{MetadataEntry{Offset{0}, fence(1)}});
    w.run_for(Duration::ms(100));
    // The log goes on from the recovered end.
    CHECK(w.log().append({fence(4)}) == Offset{1});
}

TEST_CASE("a torn tail is cut back to the last whole batch") {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        CAPTURE(seed);
        World w(seed, slow_sync(engine::TornTail::random));
        w.run_for(Duration::ms(100));
        w.log().append({fence(1)});
        w.run_for(Duration::ms(100));
        for (int b = 2; b <= 6; ++b) w.log().append({fence(b), fence(b + 10)});
        const std::vector<MetadataEntry> before = w.log().entries();
        w.node.power_loss();
        w.restart();
        // A prefix of whole batches survives, at least the committed one.
        const auto& got = w.seen.recovered;
        REQUIRE(got.size() >= 1);
        CHECK(got.size() % 2 == 1);
        CHECK(std::equal(got.begin(), got.end(), before.begin()));
        const std::uint64_t kept = encode_batch(Offset{0}, std::vector<MetadataRecord>{fence(1)}).size() +
                                   (got.size() - 1) / 2 * encode_batch(Offset{1}, std::vector<MetadataRecord>{fence(2), fence(12)}).size();
        CHECK(w.disk->disk().read_now(MetadataLog::file_name).value().size() == kept);
        w.run_for(Duration::ms(100));
        CHECK(w.log().committed_end() == Offset{static_cast<std::int64_t>(got.size())});
    }
}

TEST_CASE("garbage after the last batch is cut off and reported") {
    World w(4, engine::NodeDiskOptions{});
    w.run_for(Duration::ms(100));
    w.log().append({fence(1)});
    w.run_for(Duration::ms(100));
    w.node.crash();
    w.node.start();  // only to submit the garbage through a running node
    w.disk->disk().append(MetadataLog::file_name, engine::Bytes{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, {});
    w.node.crash();
    w.restart();
    CHECK(w.seen.recovery.records == 1);
    CHECK(w.seen.recovery.truncated_bytes == 13);
    w.run_for(Duration::ms(100));
    CHECK(w.log().committed_end() == Offset{1});
}

TEST_CASE("a refused append fails the log") {
    World w(5, engine::NodeDiskOptions{});
    w.run_for(Duration::ms(100));
    w.disk->capacity().set_capacity(10);
    w.log().append({fence(1)});
    w.run_for(Duration::ms(100));
    CHECK(w.seen.failures == std::vector<engine::DiskStatus>{engine::DiskStatus::disk_full});
    CHECK(w.log().failed());
    CHECK(w.log().committed_end() == Offset{0});
}

}  // TEST_SUITE
