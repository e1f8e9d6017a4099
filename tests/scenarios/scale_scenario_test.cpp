// bench/scale's generator (issue 30) at a tiny size: what it writes loads without an error,
// splits the partitions into topics the controller accepts, and runs to its end with every
// topic created.
#include <doctest/doctest.h>

#include "bench/scale_scenario.h"
#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/scenario_run.h"

using namespace kafkasim;

TEST_SUITE("quick") {

TEST_CASE("the scale generator splits partitions into topics of at most the given size") {
    bench::ScaleSize size;
    size.partitions = 10001;
    size.max_topic_partitions = 5000;
    CHECK(bench::topic_count(size) == 3);
    const scenarios::Json doc = bench::scale_scenario(size);
    std::int64_t total = 0;
    for (const scenarios::Json& t : doc["topics"]) {
        CHECK(t["partitions"].get<std::int64_t>() <= 5000);
        total += t["partitions"].get<std::int64_t>();
    }
    CHECK(total == 10001);
    CHECK(doc["groups"].size() == 10);
    CHECK(!doc.contains("producers"));  // idle: no producer entry at all
}

TEST_CASE("a tiny scale scenario loads and runs with every topic created") {
    bench::ScaleSize size;
    size.brokers = 4;
    size.partitions = 12;
    size.max_topic_partitions = 5;
    size.groups = 2;
    size.members = 2;
    size.producers = 2;
    size.rate_per_s = 50;
    size.duration_ms = 8000;
    scenarios::Errors errors;
    const scenarios::ScenarioSpec spec = scenarios::load_scenario(bench::scale_scenario(size), "scale", errors);
    REQUIRE(errors.all().empty());
    CHECK(spec.topics.size() == 3);
    const scenarios::RunResult r = scenarios::run_scenario(spec);
    CHECK(r.errors.empty());
    CHECK(r.all_ok());
    std::size_t created = 0;
    for (const scenarios::TopicState& t : r.topics) created += t.name.starts_with("events-") ? 1 : 0;
    CHECK(created == 3);
    double acked = 0;
    for (const scenarios::Sample& s : r.metrics.at("acked")) acked += s.value;
    CHECK(acked > 0);
}

}
