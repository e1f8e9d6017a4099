#include "scenarios/shrink/failure_check.h"

#include <algorithm>

#include "engine/assert.h"
#include "scenarios/loader/did_you_mean.h"
#include "scenarios/loader/utf8_text.h"

namespace kafkasim::shrink {

namespace {

// The source tree's root as this build's __FILE__ starts with it (CMakeLists.txt), so that a
// place reads the same in any checkout: "sim/log/log.cpp:42".
constexpr std::string_view source_prefix = KAFKASIM_SOURCE_PREFIX;

}  // namespace

Crash crash_of(const std::exception& e) {
    Crash c;
    c.message = e.what();
    const auto* failed = dynamic_cast<const engine::AssertionFailure*>(&e);
    if (failed == nullptr) return c;
    // engine/assert.cpp words it "FILE:LINE: SIM_ASSERT(CONDITION) failed: HINT".
    c.assertion = true;
    c.condition = failed->condition();
    c.place = c.message.substr(0, c.message.find(": SIM_ASSERT("));
    if (!source_prefix.empty() && c.place.starts_with(source_prefix)) c.place.erase(0, source_prefix.size());
    return c;
}

bool same_crash(const Crash& a, const Crash& b) {
    if (a.assertion != b.assertion) return false;
    return a.assertion ? a.condition == b.condition && a.place == b.place : a.message == b.message;
}

std::string describe_crash(const Crash& c) {
    return c.assertion ? "SIM_ASSERT(" + c.condition + ") at " + c.place : "an exception: " + c.message;
}

std::string FailureCheck::flag() const {
    switch (kind) {
        case Kind::checker: return name;
        case Kind::expectation: return std::string(expectation_prefix) + name;
        case Kind::crash: return std::string(crash_flag);
    }
    return name;
}

std::variant<FailureCheck, std::string> parse_failure_check(const std::string& text, const Doc& expectations) {
    const std::vector<std::string>& checkers = scenarios::checker_names();
    if (std::find(checkers.begin(), checkers.end(), text) != checkers.end())
        return FailureCheck{FailureCheck::Kind::checker, text, Doc{{"name", reproduced_name}, {"expect", text + " > 0"}}, {}};
    if (text == crash_flag) return FailureCheck{FailureCheck::Kind::crash, text, Doc(), {}};
    std::vector<std::string> known = checkers;
    known.emplace_back(crash_flag);
    if (expectations.is_array()) {
        for (const Doc& e : expectations) {
            const std::string name = e.value("name", "");
            known.push_back(std::string(expectation_prefix) + name);
            if (text != known.back()) continue;
            Doc turned{{"name", reproduced_name}, {"expect", inverted_expectation(e.value("expect", ""))}};
            if (e.contains("at_ms")) turned["at_ms"] = e["at_ms"];
            return FailureCheck{FailureCheck::Kind::expectation, name, std::move(turned), {}};
        }
    }
    std::string message = "--check: \"" + scenarios::printable(text) + "\" is not a checker, crash, or expectation:NAME of an expectation of the file";
    if (const auto near = scenarios::did_you_mean(text, known)) message += "; did you mean \"" + scenarios::printable(*near) + "\"?";
    else {
        std::string list;
        for (const std::string& c : checkers) list += (list.empty() ? "" : ", ") + c;
        message += " (checkers: " + list + ")";
    }
    return message;
}

std::int64_t failure_count(const FailureCheck& check, const scenarios::RunResult& result) {
    if (check.kind == FailureCheck::Kind::crash) return 0;
    if (check.kind == FailureCheck::Kind::checker) return result.checks.at(check.name).count;
    const auto it = std::find_if(result.expectations.begin(), result.expectations.end(),
                                 [](const scenarios::ExpectationResult& e) { return e.name == reproduced_name; });
    return it != result.expectations.end() && it->ok.value_or(false) ? 1 : 0;
}

std::int64_t crash_count(const FailureCheck& check, const Crash& crash) {
    return check.kind == FailureCheck::Kind::crash && check.crash && same_crash(*check.crash, crash) ? 1 : 0;
}

void set_check_expectations(Doc& doc, const FailureCheck& check) {
    if (check.kind == FailureCheck::Kind::crash) doc.erase("expectations");
    else doc["expectations"] = Doc::array({check.expectation});
}

std::string inverted_expectation(std::string_view text) {
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{') ++depth;
        else if (c == '}') --depth;
        if (depth != 0 || (c != '=' && c != '!' && c != '<' && c != '>')) continue;
        const bool two = i + 1 < text.size() && text[i + 1] == '=';
        const std::string_view op = text.substr(i, two ? 2 : 1);
        const std::string_view turned = op == "==" ? "!=" : op == "!=" ? "==" : op == "<" ? ">=" : op == "<=" ? ">" : op == ">" ? "<=" : "<";
        return std::string(text.substr(0, i)) + std::string(turned) + std::string(text.substr(i + op.size()));
    }
    SIM_ASSERT(false, "an expectation that loaded has a comparison: pass only a loaded file's");
    return std::string(text);
}

}  // namespace kafkasim::shrink
