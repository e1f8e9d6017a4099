#include "scenarios/shrink/failure_check.h"

#include <algorithm>

#include "engine/assert.h"
#include "scenarios/loader/did_you_mean.h"
#include "scenarios/loader/utf8_text.h"

namespace kafkasim::shrink {

std::string FailureCheck::flag() const {
    return kind == Kind::checker ? name : std::string(expectation_prefix) + name;
}

std::variant<FailureCheck, std::string> parse_failure_check(const std::string& text, const Doc& expectations) {
    const std::vector<std::string>& checkers = scenarios::checker_names();
    if (std::find(checkers.begin(), checkers.end(), text) != checkers.end())
        return FailureCheck{FailureCheck::Kind::checker, text, Doc{{"name", reproduced_name}, {"expect", text + " > 0"}}};
    std::vector<std::string> known = checkers;
    if (expectations.is_array()) {
        for (const Doc& e : expectations) {
            const std::string name = e.value("name", "");
            known.push_back(std::string(expectation_prefix) + name);
            if (text != known.back()) continue;
            Doc turned{{"name", reproduced_name}, {"expect", inverted_expectation(e.value("expect", ""))}};
            if (e.contains("at_ms")) turned["at_ms"] = e["at_ms"];
            return FailureCheck{FailureCheck::Kind::expectation, name, std::move(turned)};
        }
    }
    std::string message = "--check: \"" + scenarios::printable(text) + "\" is neither a checker nor expectation:NAME of an expectation of the file";
    if (const auto near = scenarios::did_you_mean(text, known)) message += "; did you mean \"" + scenarios::printable(*near) + "\"?";
    else {
        std::string list;
        for (const std::string& c : checkers) list += (list.empty() ? "" : ", ") + c;
        message += " (checkers: " + list + ")";
    }
    return message;
}

std::int64_t failure_count(const FailureCheck& check, const scenarios::RunResult& result) {
    if (check.kind == FailureCheck::Kind::checker) return result.checks.at(check.name).count;
    const auto it = std::find_if(result.expectations.begin(), result.expectations.end(),
                                 [](const scenarios::ExpectationResult& e) { return e.name == reproduced_name; });
    return it != result.expectations.end() && it->ok.value_or(false) ? 1 : 0;
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
