// What `kafkasim shrink --check` keeps failing (docs/cli.md): a history checker by its name
// (`lost_acked`: the run fails when its count is above 0), one of the file's expectations
// (`expectation:NAME`: the run fails when that expectation does not hold), or `crash`: the run
// ends in an internal error (a failed SIM_ASSERT, or another exception escaping it), the same one
// as the input's. For a checker or an expectation the shrunk file carries exactly one
// expectation, named "the failure this file reproduces", that holds while the failure
// reproduces: `lost_acked > 0`, or the named expectation with its comparison turned around
// (`lost_acked == 0` becomes `lost_acked != 0`, at the same at_ms). Every candidate is run with
// that expectation, so an expectation that fails only because it selects no sample (which fails
// either way round) does not count as reproducing. No expectation can say that a run crashes, so
// a crash's file carries none, and its description names the crash.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "scenarios/runner/scenario_run.h"

namespace kafkasim::shrink {

using Doc = nlohmann::ordered_json;

inline constexpr std::string_view expectation_prefix = "expectation:";
inline constexpr std::string_view reproduced_name = "the failure this file reproduces";
inline constexpr std::string_view crash_flag = "crash";

// An internal error that ended a run. Two are the same bug when both are failed SIM_ASSERTs of
// the same condition at the same place (their hints may carry a run's numbers, so the messages
// are not compared), or both other exceptions with the same message.
struct Crash {
    bool assertion = false;  // a failed SIM_ASSERT
    std::string condition;   // assertion: as written in SIM_ASSERT
    std::string place;       // assertion: FILE:LINE, FILE from the source tree's root
    std::string message;     // what() in full
};

Crash crash_of(const std::exception& e);
bool same_crash(const Crash& a, const Crash& b);
// "SIM_ASSERT(offset >= 0) at sim/log/log.cpp:42", or "an exception: MESSAGE".
std::string describe_crash(const Crash& c);

struct FailureCheck {
    enum class Kind : std::uint8_t { checker, expectation, crash };
    Kind kind = Kind::checker;
    std::string name;  // the checker's, the expectation's, or "crash"
    Doc expectation;   // the one expectation every candidate and the shrunk file carry (crash: null)
    std::optional<Crash> crash;  // crash: the input's, once its first run found it

    // As --check takes it: "lost_acked", "expectation:NAME", "crash".
    std::string flag() const;
};

// --check's value against the file's `expectations` array (possibly null). On a mistake, the
// one-line message (without the program's name), with the closest name when one is near.
std::variant<FailureCheck, std::string> parse_failure_check(const std::string& text, const Doc& expectations);

// How much `result` fails the check: the checker's count, or 1 when the turned expectation
// holds (0 when it does not, or was not reached; always 0 for crash: the run ended). Above 0: the
// run fails the check.
std::int64_t failure_count(const FailureCheck& check, const scenarios::RunResult& result);

// How much a run that ended in `crash` fails the check: 1 when the check is crash and `crash` is
// the same as the input's, else 0.
std::int64_t crash_count(const FailureCheck& check, const Crash& crash);

// `doc` with the check's expectations: exactly its one, or none for crash.
void set_check_expectations(Doc& doc, const FailureCheck& check);

// `text` with its comparison turned around ("a == b" → "a != b", "a <= b" → "a > b"). `text`
// must be a valid expectation (expectation.h): the operator is the first `= ! < >` outside
// braces.
std::string inverted_expectation(std::string_view text);

}  // namespace kafkasim::shrink
