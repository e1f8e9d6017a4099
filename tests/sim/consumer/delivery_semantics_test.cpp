// The guide's warning about the two offsets, shown with a crash: committing before processing
// loses records (consumer_skips), committing after processing reads them again (redeliveries);
// auto-commit commits what poll returned, so with processing in the loop it can only
// duplicate and with a hand-off queue it can lose (kafka-semantics.md §e).
#include <doctest/doctest.h>

#include "tests/sim/consumer/consumer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr int records = 400;

struct CrashRun {
    std::int64_t redeliveries = 0;
    std::int64_t skips = 0;
    std::int64_t reordered = 0;
    std::int64_t regressions = 0;
    std::size_t processed = 0;  // distinct records the group processed
};

// One partition of 400 records; a consumer processing 10 ms per record, 50 records per poll,
// auto-commit (where on) every second. The consumer node crashes once the group has processed
// 175 records (in the middle of a poll's batch), restarts a second later and runs on.
CrashRun crash_run(consumer::ProcessingMode processing, consumer::CommitMode commit, consumer::AutoCommit auto_commit) {
    ConsumerWorld w(31);
    w.create_topic("t", 1);
    w.send("t", "r-", 0, records);
    REQUIRE(w.drain_producer());
    consumer::ConsumerConfig config = consumer_config(w, auto_commit);
    config.max_poll_records = 50;
    config.auto_commit_interval = engine::Duration::ms(1000);
    consumer::ConsumerWorkload work;
    work.assignment = {{"t", 0}};
    work.processing_time = engine::Duration::ms(10);
    work.processing = processing;
    work.commit = commit;
    engine::Node& node = w.add_consumer("consumer-1", config, work);
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() >= 175; }));
    w.world.cluster.faults().inject(engine::CrashFault{node.id()});
    w.world.run_ms(1000);
    node.start();
    w.run_until_processed("g", "r-" + std::to_string(records - 1), 20000);
    w.world.run_ms(3000);
    return CrashRun{w.redeliveries().count, w.skips().count, w.reordered().count, w.regressions().count,
                    w.processed("g").size()};
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("committing before processing loses the records in hand when the consumer crashes") {
    const CrashRun r = crash_run(consumer::ProcessingMode::in_loop, consumer::CommitMode::sync_before_processing,
                                 consumer::AutoCommit::disabled);
    CHECK(r.skips > 0);
    CHECK(r.processed == static_cast<std::size_t>(records - r.skips));
    CHECK(r.redeliveries == 0);
    CHECK(r.reordered == 0);
    CHECK(r.regressions == 0);
}

TEST_CASE("committing after processing reads the uncommitted records again after a crash") {
    const CrashRun r = crash_run(consumer::ProcessingMode::in_loop, consumer::CommitMode::sync_after_processing,
                                 consumer::AutoCommit::disabled);
    CHECK(r.redeliveries > 0);
    CHECK(r.skips == 0);
    CHECK(r.processed == records);
    CHECK(r.reordered == 0);
    CHECK(r.regressions == 0);
}

TEST_CASE("async commits after processing also only duplicate") {
    const CrashRun r = crash_run(consumer::ProcessingMode::in_loop, consumer::CommitMode::async_after_processing,
                                 consumer::AutoCommit::disabled);
    CHECK(r.redeliveries > 0);
    CHECK(r.skips == 0);
    CHECK(r.processed == records);
}

TEST_CASE("auto-commit with processing in the poll loop duplicates and never skips") {
    const CrashRun r =
        crash_run(consumer::ProcessingMode::in_loop, consumer::CommitMode::automatic, consumer::AutoCommit::unset);
    CHECK(r.redeliveries > 0);
    CHECK(r.skips == 0);
    CHECK(r.processed == records);
    CHECK(r.regressions == 0);
}

TEST_CASE("auto-commit with a hand-off queue commits records not yet processed and a crash skips them") {
    const CrashRun r =
        crash_run(consumer::ProcessingMode::hand_off, consumer::CommitMode::automatic, consumer::AutoCommit::unset);
    CHECK(r.skips > 0);
    CHECK(r.processed < static_cast<std::size_t>(records));
    CHECK(r.reordered == 0);
}

TEST_CASE("a hand-off worker whose progress the loop commits after processing only duplicates") {
    const CrashRun r = crash_run(consumer::ProcessingMode::hand_off, consumer::CommitMode::sync_after_processing,
                                 consumer::AutoCommit::disabled);
    CHECK(r.skips == 0);
    CHECK(r.redeliveries > 0);
    CHECK(r.processed == records);
}

}  // TEST_SUITE
