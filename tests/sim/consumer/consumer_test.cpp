// The consumer against a whole cluster: it reads every record of its partitions in order,
// auto.offset.reset picks where a group without a committed offset starts, a key spread over
// two partitions loses its order, and one seed always gives one trace.
#include <doctest/doctest.h>

#include "tests/sim/consumer/consumer_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_SUITE("quick") {

TEST_CASE("a consumer reads every record of its partitions once and in order") {
    ConsumerWorld w(11);
    w.create_topic("t", 3);
    w.send("t", "r-", 0, 600, 7);
    REQUIRE(w.drain_producer());
    consumer::ConsumerWorkload work;
    work.assignment = {{"t", 0}, {"t", 1}, {"t", 2}};
    work.processing_time = engine::Duration::ms(1);
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::unset);
    config.max_poll_records = 50;
    engine::Node& node = w.add_consumer("consumer-1", config, work);
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() == 600; }, 60000));
    w.world.run_ms(6000);  // an auto-commit after the last poll
    const consumer::Consumer& c = *ConsumerWorld::consumer(node);
    CHECK(c.stats().records_processed == 600);
    CHECK(c.stats().polls >= 12);
    CHECK(w.reordered().count == 0);
    CHECK(w.redeliveries().count == 0);
    CHECK(w.key_reordered().count == 0);
    CHECK(w.skips().count == 0);
    CHECK(w.regressions().count == 0);
    std::int64_t end = 0;
    for (std::int32_t p = 0; p < 3; ++p) {
        CHECK(c.committed({"t", p}) == c.position({"t", p}));
        end += c.position({"t", p}).value;
    }
    CHECK(end == 600);
    // The coordinator created __consumer_offsets on first use and served the group from it.
    CHECK(!w.records("coordinator.create_offsets_topic").empty());
    CHECK(!w.records("coordinator.loaded").empty());
    CHECK(!w.records("consumer.coordinator").empty());
}

TEST_CASE("auto.offset.reset latest reads only what arrives after the start and earliest reads everything") {
    for (const auto reset : {consumer::AutoOffsetReset::latest, consumer::AutoOffsetReset::earliest}) {
        ConsumerWorld w(12);
        w.create_topic("t", 1);
        w.send("t", "old-", 0, 50);
        REQUIRE(w.drain_producer());
        consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::unset);
        config.auto_offset_reset = reset;
        consumer::ConsumerWorkload work;
        work.assignment = {{"t", 0}};
        engine::Node& node = w.add_consumer("consumer-1", config, work);
        REQUIRE(w.world.run_until([&] { return ConsumerWorld::consumer(node)->position({"t", 0}).value >= 0; }));
        w.send("t", "new-", 0, 20);
        REQUIRE(w.run_until_processed("g", "new-19"));
        const auto seen = w.processed("g");
        if (reset == consumer::AutoOffsetReset::latest) {
            CHECK(seen.size() == 20);
            CHECK(seen.count("old-49") == 0);
        } else {
            CHECK(seen.size() == 70);
            CHECK(seen.count("old-0") == 1);
        }
        REQUIRE(!w.history.positions().empty());
        CHECK(w.history.positions().front().source == (reset == consumer::AutoOffsetReset::latest
                                                            ? check::PositionSource::reset_latest
                                                            : check::PositionSource::reset_earliest));
    }
}

TEST_CASE("auto.offset.reset none leaves a partition without a committed offset unread") {
    ConsumerWorld w(13);
    w.create_topic("t", 1);
    w.send("t", "r-", 0, 10);
    REQUIRE(w.drain_producer());
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::unset);
    config.auto_offset_reset = consumer::AutoOffsetReset::none;
    consumer::ConsumerWorkload work;
    work.assignment = {{"t", 0}};
    w.add_consumer("consumer-1", config, work);
    w.world.run_ms(5000);
    CHECK(w.processed("g").empty());
    CHECK(w.records("consumer.no_offset").size() == 1);
}

TEST_CASE("auto-commit comes every auto.commit.interval.ms even while a long poll waits") {
    ConsumerWorld w(15);
    w.create_topic("t", 1);
    w.send("t", "r-", 0, 30);
    REQUIRE(w.drain_producer());
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::unset);
    config.auto_commit_interval = engine::Duration::ms(1000);
    consumer::ConsumerWorkload work;
    work.assignment = {{"t", 0}};
    work.poll_timeout = engine::Duration::ms(3000);
    w.add_consumer("consumer-1", config, work);
    REQUIRE(w.run_until_processed("g", "r-29"));
    w.world.run_ms(10000);
    const auto commits = w.records("consumer.commit");
    REQUIRE(commits.size() >= 9);
    for (std::size_t i = 1; i < commits.size(); ++i) {
        CHECK(commits[i].field("kind")->string_value == "auto");
        CHECK(commits[i].time - commits[i - 1].time == engine::Duration::ms(1000));
    }
    CHECK(commits.back().field("first_offset")->int_value == 30);
}

TEST_CASE("a key spread over two partitions read by two consumers is processed out of send order") {
    ConsumerWorld w(14);
    w.create_topic("t", 2);
    // One key, sent alternately to partitions 0 and 1 (as a custom partitioner might).
    for (int i = 0; i < 40; ++i)
        w.producer().send(producer::ProducerRecord{"t", i % 2, "k", "r-" + std::to_string(i), {}});
    REQUIRE(w.drain_producer());
    consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::unset);
    consumer::ConsumerWorkload fast;
    fast.assignment = {{"t", 0}};
    fast.processing_time = engine::Duration::ms(1);
    consumer::ConsumerWorkload slow = fast;
    slow.assignment = {{"t", 1}};
    slow.processing_time = engine::Duration::ms(20);
    w.add_consumer("consumer-1", config, fast);
    w.add_consumer("consumer-2", config, slow);
    REQUIRE(w.world.run_until([&] { return w.processed("g").size() == 40; }));
    CHECK(w.key_reordered().count > 0);
    CHECK(w.reordered().count == 0);  // each consumer still read its partition in order
}

TEST_CASE("the same seed gives the same consumer trace and another seed another") {
    auto run = [](std::uint64_t seed) {
        ConsumerWorld w(seed);
        w.create_topic("t", 2);
        w.send("t", "r-", 0, 200, 5);
        consumer::ConsumerWorkload work;
        work.assignment = {{"t", 0}, {"t", 1}};
        work.processing_time = engine::Duration::ms(2);
        consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::unset);
        config.auto_commit_interval = engine::Duration::ms(500);
        engine::Node& node = w.add_consumer("consumer-1", config, work);
        w.world.run_ms(400);
        w.world.cluster.faults().inject(engine::CrashFault{node.id()});
        w.world.run_ms(200);
        node.start();
        REQUIRE(w.world.run_until([&] { return w.processed("g").size() == 200; }, 60000));
        return w.sim().trace().hash_hex();
    };
    const std::string a = run(21);
    CHECK(run(21) == a);
    CHECK(run(22) != a);
}

// Without a history the consumer decodes only the batches' headers: it must still read from the
// same offsets, skip the same records below its position and process and commit the same.
TEST_CASE("a consumer without a history reads processes and commits as one with a history") {
    struct Outcome {
        std::string trace_hash;
        std::int64_t processed = 0;
        std::int64_t polls = 0;
        std::int64_t committed = 0;
    };
    enum class Sink : std::uint8_t { history, none };
    const auto run = [](Sink sink) {
        ConsumerWorld w(23);
        w.create_topic("t", 2);
        w.send("t", "r-", 0, 300, 5);
        REQUIRE(w.drain_producer());
        consumer::ConsumerWorkload work;
        work.assignment = {{"t", 0}, {"t", 1}};
        work.commit = consumer::CommitMode::sync_after_processing;
        consumer::ConsumerConfig config = consumer_config(w, consumer::AutoCommit::disabled);
        config.max_poll_records = 40;
        engine::Node& node = sink == Sink::history ? w.add_consumer("consumer-1", config, work)
                                          : w.add_consumer_without_history("consumer-1", config, work);
        // A restart in the middle resumes from the committed offset, inside a batch: the
        // records below the position are skipped by offset alone.
        const auto committed = [&node] {
            const consumer::Consumer* c = ConsumerWorld::consumer(node);
            return c == nullptr ? 0 : c->committed({"t", 0}).value + c->committed({"t", 1}).value;
        };
        REQUIRE(w.world.run_until([&] { return committed() >= 100; }, 60000));
        w.world.cluster.faults().inject(engine::CrashFault{node.id()});
        w.world.run_ms(100);
        node.start();
        REQUIRE(w.world.run_until([&] { return committed() == 300; }, 60000));
        const consumer::Consumer& c = *ConsumerWorld::consumer(node);
        return Outcome{w.sim().trace().hash_hex(), c.stats().records_processed, c.stats().polls,
                       c.committed({"t", 0}).value};
    };
    const Outcome with = run(Sink::history);
    const Outcome without = run(Sink::none);
    CHECK(without.trace_hash == with.trace_hash);
    CHECK(without.processed == with.processed);
    CHECK(without.polls == with.polls);
    CHECK(without.committed == with.committed);
    CHECK(with.processed > 0);
    CHECK(with.processed < 300);  // the restarted process read from the committed offset on
}

}  // TEST_SUITE
