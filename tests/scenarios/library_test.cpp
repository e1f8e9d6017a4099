// The scenario library's harness (issue 20). Every bundled scenarios/NAME.json is checked the
// same way, so a scenario added to the folder is covered without a line of C++:
//   - on its own seed every expectation holds, and a second run gives the same trace hash;
//   - its safety expectations hold on 20 other seeds (a sweep: "safety" means any seed);
//   - each knob value other than the default makes a lesson (non-safety) expectation fail:
//     the scenario proves its point both ways;
//   - its description, knob descriptions and captions come in English and Korean, the Korean
//     in Hangul and not a copy of the English; it has a docs page listed in the index.
// CMake adds one CTest test per scenario and check, naming the scenario in KAFKASIM_SCENARIO;
// without it each check runs over the whole library.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/loader/json_reader.h"
#include "scenarios/loader/knobs.h"
#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/scenario_run.h"

using namespace kafkasim;
using namespace kafkasim::scenarios;

namespace {

constexpr std::uint64_t sweep_seeds = 20;

struct Bundled {
    std::string name;
    std::string path;
};

// The scenario named by KAFKASIM_SCENARIO, or every one in the library.
std::vector<Bundled> selected() {
    const char* only = std::getenv("KAFKASIM_SCENARIO");
    std::vector<Bundled> out;
    for (const auto& [name, path] : library_scenarios())
        if (only == nullptr || *only == '\0' || name == only) out.push_back({name, path});
    REQUIRE_MESSAGE(!out.empty(), "no bundled scenario" << (only != nullptr ? std::string(" named ") + only : ""));
    return out;
}

ScenarioSpec load(const Bundled& b, const std::vector<std::pair<std::string, std::string>>& knobs = {}) {
    const LoadResult r = load_scenario_file(b.path, knobs);
    for (const std::string& e : r.errors) MESSAGE(e);
    REQUIRE(r.errors.empty());
    return *r.spec;
}

RunResult run(const ScenarioSpec& spec, std::optional<std::uint64_t> seed = std::nullopt) {
    RunOptions options;
    options.seed = seed;
    return run_scenario(spec, options);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// True if `text` (valid UTF-8: the loader checked it) holds a Hangul syllable, U+AC00–U+D7A3.
bool has_hangul(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xF0) != 0xE0 || i + 2 >= text.size()) continue;  // syllables take three bytes
        const char32_t cp = (char32_t{c} & 0x0F) << 12 | (char32_t{static_cast<unsigned char>(text[i + 1])} & 0x3F) << 6 |
                            (char32_t{static_cast<unsigned char>(text[i + 2])} & 0x3F);
        if (cp >= 0xAC00 && cp <= 0xD7A3) return true;
    }
    return false;
}

void check_bilingual(const Bilingual& text, const std::string& where) {
    INFO(where << ": en \"" << text.en << "\", ko \"" << text.ko << "\"");
    CHECK(!text.en.empty());
    CHECK(has_hangul(text.ko));
    CHECK(text.ko != text.en);
}

}  // namespace

TEST_SUITE("library") {

TEST_CASE("library: every expectation holds on the bundled seed and the hash repeats") {
    for (const Bundled& b : selected()) {
        const ScenarioSpec spec = load(b);
        const RunResult first = run(spec);
        for (const ExpectationResult& e : first.expectations) {
            INFO(b.name << " seed " << first.seed << ": " << e.name << ": " << e.detail);
            CHECK(e.ok == std::optional<bool>(true));
        }
        CHECK_MESSAGE(run(spec).trace_hash == first.trace_hash, b.name << ": two runs of one seed differ");
    }
}

TEST_CASE("library: each knob value other than the default makes a lesson expectation fail") {
    for (const Bundled& b : selected()) {
        const ScenarioSpec spec = load(b);
        REQUIRE_MESSAGE(!spec.knobs.empty(), b.name << " declares no knob");
        for (const KnobSpec& knob : spec.knobs) {
            for (const std::string& value : knob.values) {
                if (value == knob.default_value) continue;
                const RunResult r = run(load(b, {{knob.name, value}}));
                std::string lessons, safety;
                for (const ExpectationResult& e : r.expectations)
                    if (e.ok == std::optional<bool>(false)) (e.safety ? safety : lessons) += "\n  " + e.name + ": " + e.detail;
                // Safety expectations may fail too where the knob is what keeps them safe
                // (acks, unclean elections, truncation): docs/scenarios/README.md.
                MESSAGE(b.name << " with " << knob.name << "=" << value << ": lessons failing:" << lessons
                               << "\nsafety failing:" << (safety.empty() ? " none" : safety));
                CHECK_MESSAGE(!lessons.empty(), b.name << " with " << knob.name << "=" << value
                                                       << ": every lesson expectation still holds");
            }
        }
    }
}

}  // TEST_SUITE

TEST_SUITE("sweep") {

TEST_CASE("library: safety expectations hold over 20 seeds") {
    for (const Bundled& b : selected()) {
        const ScenarioSpec spec = load(b);
        const auto safety = std::count_if(spec.expectations.begin(), spec.expectations.end(),
                                          [](const ExpectationSpec& e) { return e.safety; });
        REQUIRE_MESSAGE(safety > 0, b.name << " has no safety expectation");
        for (std::uint64_t seed = spec.seed + 1; seed <= spec.seed + sweep_seeds; ++seed) {
            const RunResult r = run(spec, seed);
            for (const ExpectationResult& e : r.expectations) {
                if (!e.safety) continue;
                INFO(b.name << " seed " << seed << ": " << e.name << ": " << e.detail);
                CHECK(e.ok == std::optional<bool>(true));
            }
        }
    }
}

}  // TEST_SUITE

TEST_SUITE("quick") {

TEST_CASE("library: a scenario is a bilingual lesson with a knob and a docs page") {
    const std::string docs = std::string(KAFKASIM_SOURCE_DIR) + "/docs/scenarios/";
    const std::string index = read_text(docs + "README.md");
    for (const Bundled& b : selected()) {
        const ScenarioSpec spec = load(b);
        check_bilingual(spec.description, b.name + " description");
        CHECK_MESSAGE(!spec.narration.empty(), b.name << " has no narration");
        for (const Caption& c : spec.narration)
            check_bilingual(c.text, b.name + " caption at " + std::to_string(c.at.count_ms()) + " ms");
        CHECK_MESSAGE(!spec.knobs.empty(), b.name << " declares no knob");
        for (const KnobSpec& k : spec.knobs) check_bilingual(k.description, b.name + " knob " + k.name);
        const auto lessons = std::count_if(spec.expectations.begin(), spec.expectations.end(),
                                           [](const ExpectationSpec& e) { return !e.safety; });
        CHECK_MESSAGE(lessons > 0, b.name << " has no lesson (non-safety) expectation for its knob to turn around");

        // The default a knob declares must be what the file says as written.
        const auto parsed = read_json(read_text(b.path));
        REQUIRE(std::holds_alternative<ParsedDocument>(parsed));
        const Json& doc = std::get<ParsedDocument>(parsed).value;
        for (const KnobSpec& k : spec.knobs) {
            Json with_default = doc;
            Errors errors;
            apply_knob(errors, with_default, k.name, k.default_value);
            CHECK(errors.empty());
            CHECK_MESSAGE(with_default == doc, b.name << ": knob " << k.name << "=" << k.default_value
                                                      << " (its default) changes the file");
        }
        CHECK_MESSAGE(std::filesystem::is_regular_file(docs + b.name + ".md"), "docs/scenarios/" << b.name << ".md is missing");
        CHECK_MESSAGE(index.find("(" + b.name + ".md)") != std::string::npos,
                      "docs/scenarios/README.md does not link " << b.name << ".md");
    }
}

}  // TEST_SUITE
