// What `kafkasim shrink --check` keeps failing (docs/cli.md): a history checker by its name
// (`lost_acked`: the run fails when its count is above 0), or one of the file's expectations
// (`expectation:NAME`: the run fails when that expectation does not hold). Either way the
// shrunk file carries exactly one expectation, named "the failure this file reproduces", that
// holds while the failure reproduces: `lost_acked > 0`, or the named expectation with its
// comparison turned around (`lost_acked == 0` becomes `lost_acked != 0`, at the same at_ms).
// Every candidate is run with that expectation, so an expectation that fails only because it
// selects no sample (which fails either way round) does not count as reproducing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "scenarios/runner/scenario_run.h"

namespace kafkasim::shrink {

using Doc = nlohmann::ordered_json;

inline constexpr std::string_view expectation_prefix = "expectation:";
inline constexpr std::string_view reproduced_name = "the failure this file reproduces";

struct FailureCheck {
    enum class Kind : std::uint8_t { checker, expectation };
    Kind kind = Kind::checker;
    std::string name;  // the checker's, or the expectation's
    Doc expectation;   // the one expectation every candidate and the shrunk file carry

    // As --check takes it: "lost_acked", "expectation:NAME".
    std::string flag() const;
};

// --check's value against the file's `expectations` array (possibly null). On a mistake, the
// one-line message (without the program's name), with the closest name when one is near.
std::variant<FailureCheck, std::string> parse_failure_check(const std::string& text, const Doc& expectations);

// How much `result` fails the check: the checker's count, or 1 when the turned expectation
// holds (0 when it does not, or was not reached). Above 0: the run fails the check.
std::int64_t failure_count(const FailureCheck& check, const scenarios::RunResult& result);

// `text` with its comparison turned around ("a == b" → "a != b", "a <= b" → "a > b"). `text`
// must be a valid expectation (expectation.h): the operator is the first `= ! < >` outside
// braces.
std::string inverted_expectation(std::string_view text);

}  // namespace kafkasim::shrink
