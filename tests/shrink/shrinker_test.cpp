// Whole shrinks (scenarios/shrink/shrinker.h): a padded unclean election that loses acknowledged
// records shrinks to the two faults that lose them, and the result loads and still fails; a run
// made to crash by an injected trace sink shrinks to the fault that crashes it, keeping that
// crash and no other.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "scenarios/loader/scenario_loader.h"
#include "scenarios/shrink/shrink_input.h"
#include "scenarios/shrink/shrinker.h"
#include "tests/support/injected_crash.h"

using namespace kafkasim;
using namespace kafkasim::shrink;

namespace {

const std::string padded = std::string(KAFKASIM_TEST_DATA_DIR) + "/shrink/padded-unclean-election.json";
const std::string small = std::string(KAFKASIM_TEST_DATA_DIR) + "/shrink/small-unclean-election.json";
const std::string crash_faults = std::string(KAFKASIM_TEST_DATA_DIR) + "/shrink/crash-faults.json";
const std::string unclean = std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/unclean-election.json";
const std::pair<std::string, std::string> unclean_on{"unclean.leader.election.enable", "true"};

std::string text_of(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

PreparedInput prepared(const std::string& path, std::vector<std::pair<std::string, std::string>> knobs,
                       std::optional<std::uint64_t> seed = std::nullopt) {
    auto p = prepare_input(text_of(path), path, knobs, seed);
    REQUIRE(std::holds_alternative<PreparedInput>(p));
    return std::get<PreparedInput>(std::move(p));
}

FailureCheck check_of(const std::string& text, const Doc& doc) {
    auto c = parse_failure_check(text, doc.value("expectations", Doc()));
    REQUIRE(std::holds_alternative<FailureCheck>(c));
    return std::get<FailureCheck>(std::move(c));
}

ShrinkResult shrink_file(const std::string& path, const std::string& check, int max_runs) {
    const PreparedInput input = prepared(path, {unclean_on});
    ShrinkOptions options;
    options.max_runs = max_runs;
    return shrink_scenario(input.doc, check_of(check, input.doc), Provenance{"in.json", check, {}}, path, options);
}

// Shrinks crash-faults.json (without the faults at the indices in `dropped`) with --check crash,
// every run carrying both injected sinks.
ShrinkResult shrink_crash(std::vector<std::size_t> dropped = {}) {
    PreparedInput input = prepared(crash_faults, {});
    std::sort(dropped.rbegin(), dropped.rend());
    for (std::size_t i : dropped) input.doc["faults"].erase(i);
    ShrinkOptions options;
    options.max_runs = 200;
    options.trace_sinks = {std::make_shared<testing::LongPauseSink>(), std::make_shared<testing::PowerLossSink>()};
    return shrink_scenario(input.doc, check_of("crash", input.doc), Provenance{"crash-faults.json", "crash", {}}, crash_faults,
                           options);
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("prepare_input writes the knob values in - drops the knobs - sets the seed - keeps the key order") {
    const PreparedInput input = prepared(unclean, {unclean_on}, 99);
    CHECK(input.doc["topics"][0]["configs"]["unclean.leader.election.enable"] == true);
    CHECK_FALSE(input.doc.contains("knobs"));
    CHECK(input.doc["seed"] == 99);
    CHECK(input.spec.seed == 99);
    CHECK(input.doc.begin().key() == "seed");
    CHECK(input.doc.items().begin().key() == "seed");
    CHECK(std::next(input.doc.begin()).key() == "duration_ms");
    const auto bad = prepare_input(text_of(unclean), unclean, {{"unclean.leader.election.enable", "maybe"}}, std::nullopt);
    REQUIRE(std::holds_alternative<std::vector<std::string>>(bad));
    CHECK(std::get<std::vector<std::string>>(bad).front().find("has no value \"maybe\"") != std::string::npos);
}

TEST_CASE("a file that does not fail the check is reported after one run") {
    const PreparedInput input = prepared(small, {});
    const ShrinkResult r = shrink_scenario(input.doc, check_of("lost_acked", input.doc), Provenance{}, small);
    CHECK(r.status == ShrinkStatus::does_not_fail);
    CHECK(r.runs == 1);
    CHECK(r.count_before == 0);
}

TEST_CASE("a spent run budget still gives the finished file - which fails") {
    const ShrinkResult r = shrink_file(small, "expectation:nothing acknowledged is lost", 0);
    CHECK(r.status == ShrinkStatus::shrunk);
    CHECK(r.budget_spent);
    CHECK(r.runs == 2);  // the first run and the final check
    CHECK(r.after == r.before);
    CHECK(r.count_after == 1);
    CHECK(r.scenario["expectations"] == Doc::parse(R"([{"name": "the failure this file reproduces", "expect": "lost_acked != 0"}])"));
    CHECK(r.scenario["narration"].size() == 4);  // 0, the cut at 5000, the clog at 9000 and the crash at 25000
}

TEST_CASE("a small unclean election loses the fault it does not need and still fails") {
    const ShrinkResult r = shrink_file(small, "lost_acked", 100);
    REQUIRE(r.status == ShrinkStatus::shrunk);
    REQUIRE(r.scenario["faults"].size() == 2);
    CHECK(describe_fault(r.scenario["faults"][0]).starts_with("cut "));
    CHECK(describe_fault(r.scenario["faults"][1]).starts_with("crash "));
    CHECK(r.after.duration_ms == 25000);  // the crash's time: the shortest that still fails
    CHECK(r.count_after > 0);
}

TEST_CASE("a crash shrinks to the pause that crashes it - not to another crash") {
    const ShrinkResult r = shrink_crash();
    REQUIRE(r.status == ShrinkStatus::shrunk);
    REQUIRE(r.crash.has_value());
    // The pause at 5000 ms asserts first; the power loss of broker-2 at 8000 ms asserts elsewhere.
    CHECK(r.crash->condition == "pause_us < 2'000'000");
    CHECK(r.crash->place.starts_with("tests/support/injected_crash.h:"));
    CHECK(r.count_before == 1);
    CHECK(r.count_after == 1);
    // Without the pause the power loss crashes: another bug, which the shrink must not take.
    CHECK(r.internal_errors > 0);
    REQUIRE(r.scenario["faults"].size() == 1);
    CHECK(describe_fault(r.scenario["faults"][0]) == "pause broker-1 for_ms 2000");  // 3700 lowered to a round 2 s
    CHECK(r.after.pause_ms == 2000);
    CHECK(r.after.producers == 0);
    CHECK(r.after.brokers < r.before.brokers);
    // One expectation-free file whose description names the assertion.
    CHECK_FALSE(r.scenario.contains("expectations"));
    const std::string description = r.scenario["description"]["en"];
    CHECK(description.find("kafkasim run exits 3 with SIM_ASSERT(pause_us < 2'000'000) at tests/support/injected_crash.h:") !=
          std::string::npos);
    CHECK(description.ends_with("Shrunk from crash-faults.json by kafkasim shrink --check crash"));
    const auto loaded = scenarios::load_scenario_text(format_scenario(r.scenario), "crash-faults-min.json");
    CHECK(loaded.spec.has_value());
}

TEST_CASE("a power loss that crashes keeps only the node whose loss crashes it") {
    const ShrinkResult r = shrink_crash({3});  // without the pause
    REQUIRE(r.status == ShrinkStatus::shrunk);
    REQUIRE(r.crash.has_value());
    CHECK(r.crash->condition == "r.kind != \"node.power_loss\" || r.node_name != \"broker-2\"");
    REQUIRE(r.scenario["faults"].size() == 1);
    CHECK(r.scenario["faults"][0]["power_loss"] == Doc::array({"broker-2"}));
    CHECK(r.before.fault_nodes == 7);  // the partition's four and the power loss's three
    CHECK(r.after.fault_nodes == 1);
}

TEST_CASE("a run that does not crash does not fail crash") {
    const PreparedInput input = prepared(small, {});
    const ShrinkResult r = shrink_scenario(input.doc, check_of("crash", input.doc), Provenance{}, small);
    CHECK(r.status == ShrinkStatus::does_not_fail);
    CHECK(r.runs == 1);
    CHECK_FALSE(r.crash.has_value());
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("a padded unclean election shrinks to the two faults that lose acknowledged records") {
    constexpr int max_runs = 200;
    const ShrinkResult r = shrink_file(padded, "lost_acked", max_runs);
    REQUIRE(r.status == ShrinkStatus::shrunk);
    MESSAGE(r.runs << " runs in " << r.rounds << " rounds");
    CHECK_FALSE(r.budget_spent);
    CHECK(r.runs <= max_runs + 2);
    CHECK(r.count_before > 0);
    CHECK(r.count_after > 0);
    // The cut that drops the follower from the ISR, and the crash that lets it lead uncleanly.
    REQUIRE(r.scenario["faults"].size() == 2);
    CHECK(describe_fault(r.scenario["faults"][0]) == "cut from follower_of orders-0 to leader_of orders-0");
    CHECK(describe_fault(r.scenario["faults"][1]) == "crash leader_of orders-0");
    // Smaller in every dimension the padding added.
    CHECK(r.after.faults < r.before.faults);
    CHECK(r.after.producers < r.before.producers);
    CHECK(r.after.groups < r.before.groups);
    CHECK(r.after.members < r.before.members);
    CHECK(r.after.topics < r.before.topics);
    CHECK(r.after.brokers < r.before.brokers);
    CHECK(r.after.duration_ms < r.before.duration_ms);
    CHECK(r.after.rate_per_s < r.before.rate_per_s);
    CHECK(r.after.duration_ms >= 25000);  // never before the last fault
    CHECK_FALSE(r.scenario.contains("knobs"));
    // The written text loads and still fails, its one expectation holding.
    const auto loaded = scenarios::load_scenario_text(format_scenario(r.scenario), "in-min.json");
    REQUIRE(loaded.spec.has_value());
    const scenarios::RunResult run = scenarios::run_scenario(*loaded.spec);
    CHECK(run.checks.at("lost_acked").count == r.count_after);
    CHECK(run.all_ok());
    // The same input, check and budget give the same file.
    CHECK(shrink_file(padded, "lost_acked", max_runs).scenario == r.scenario);
}

}  // TEST_SUITE
