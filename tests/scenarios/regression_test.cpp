// Regression scenarios (tests/data/regressions/*.json): whole runs that once showed a bug in the
// model. Unlike a lesson, a regression has no knob that turns it around: every expectation, safety
// or not, must hold on every seed of the sweep and for every value of every knob. A knob here
// varies the fault that found the bug (a clog from 0.5 to 5 s, a join a little earlier or later),
// so the file covers the class of the bug and not one instance of it.
// CMake adds one CTest test per file, naming it in KAFKASIM_REGRESSION and the number of seeds in
// KAFKASIM_REGRESSION_SEEDS (seeds from the file's own).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/scenario_run.h"

using namespace kafkasim;
using namespace kafkasim::scenarios;

namespace {

using KnobChoice = std::vector<std::pair<std::string, std::string>>;

std::vector<std::filesystem::path> selected() {
    const std::filesystem::path dir = std::filesystem::path(KAFKASIM_SOURCE_DIR) / "tests/data/regressions";
    const char* only = std::getenv("KAFKASIM_REGRESSION");
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".json" && (only == nullptr || *only == '\0' || entry.path().stem() == only))
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    REQUIRE_MESSAGE(!out.empty(), "no regression scenario" << (only != nullptr ? std::string(" named ") + only : ""));
    return out;
}

std::uint64_t seeds() {
    const char* n = std::getenv("KAFKASIM_REGRESSION_SEEDS");
    return n != nullptr && *n != '\0' ? std::stoull(n) : 10;
}

ScenarioSpec load(const std::filesystem::path& path, const KnobChoice& knobs) {
    const LoadResult r = load_scenario_file(path.string(), knobs);
    for (const std::string& e : r.errors) MESSAGE(e);
    REQUIRE(r.errors.empty());
    return *r.spec;
}

// The file as written, then each other value of each knob on its own.
std::vector<KnobChoice> variants(const ScenarioSpec& spec) {
    std::vector<KnobChoice> out{{}};
    for (const KnobSpec& knob : spec.knobs)
        for (const std::string& value : knob.values)
            if (value != knob.default_value) out.push_back({{knob.name, value}});
    return out;
}

std::string describe(const KnobChoice& choice) {
    if (choice.empty()) return "as written";
    return choice.front().first + "=" + choice.front().second;
}

}  // namespace

TEST_SUITE("sweep") {

TEST_CASE("regression: every expectation holds on every seed and knob value") {
    for (const auto& path : selected()) {
        const ScenarioSpec written = load(path, {});
        REQUIRE_MESSAGE(!written.expectations.empty(), path.stem().string() << " has no expectation");
        for (const KnobChoice& choice : variants(written)) {
            const ScenarioSpec spec = load(path, choice);
            for (std::uint64_t seed = spec.seed; seed < spec.seed + seeds(); ++seed) {
                RunOptions options;
                options.seed = seed;
                const RunResult r = run_scenario(spec, options);
                for (const ExpectationResult& e : r.expectations) {
                    INFO(path.stem().string() << " " << describe(choice) << " seed " << seed << ": " << e.name << ": "
                                              << e.detail);
                    CHECK(e.ok == std::optional<bool>(true));
                }
            }
        }
    }
}

}  // TEST_SUITE
