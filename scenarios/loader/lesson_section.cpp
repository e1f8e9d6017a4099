// What makes a scenario a lesson: its description, expectations and narration.
#include <algorithm>

#include "scenarios/loader/expectation.h"
#include "scenarios/loader/loader_parts.h"

namespace kafkasim::scenarios {

Bilingual read_bilingual(Errors& errors, const Json& obj, const std::string& path, std::string_view key) {
    Bilingual out;
    const auto it = obj.find(key);
    const std::string at = child(path, key);
    if (it == obj.end()) {
        errors.add(at, "missing; this key is required (an object with \"en\" and \"ko\")");
        return out;
    }
    if (!check_object(errors, *it, at, {"en", "ko"})) return out;
    out.en = read_string(errors, *it, at, "en", true).value_or("");
    out.ko = read_string(errors, *it, at, "ko", true).value_or("");
    return out;
}

std::optional<TopicPartition> parse_partition(std::string_view text) {
    const auto dash = text.find_last_of('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 == text.size() || text.size() - dash > 6) return std::nullopt;
    const std::string_view digits = text.substr(dash + 1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    if (digits.size() > 1 && digits[0] == '0') return std::nullopt;
    return TopicPartition{std::string(text.substr(0, dash)), std::stoi(std::string(digits))};
}

void load_expectations(Errors& errors, const Json& doc, engine::Duration duration,
                       std::vector<ExpectationSpec>& expectations) {
    const auto it = doc.find("expectations");
    if (it == doc.end()) return;
    if (!it->is_array()) {
        errors.add("/expectations", "expected an array of expectations, found " + describe(*it));
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = child("/expectations", i);
        const Json& e = (*it)[i];
        if (!check_object(errors, e, path, {"name", "expect", "safety", "at_ms"}) && !e.is_object()) continue;
        ExpectationSpec spec;
        spec.name = read_string(errors, e, path, "name", true).value_or("");
        for (const ExpectationSpec& other : expectations)
            if (!spec.name.empty() && other.name == spec.name)
                errors.add(child(path, "name"), "a second expectation named \"" + spec.name + "\"");
        spec.safety = read_bool(errors, e, path, "safety").value_or(false);
        spec.at = read_ms(errors, e, path, "at_ms");
        if (spec.at && *spec.at > duration) errors.add(child(path, "at_ms"), "past the scenario's duration_ms");
        if (const auto text = read_string(errors, e, path, "expect", true)) {
            spec.text = *text;
            ParsedExpectation parsed;
            std::string why;
            if (parse_expectation(*text, parsed, why)) {
                spec.left = parsed.left;
                spec.op = parsed.op;
                spec.right = parsed.right;
            } else {
                errors.add(child(path, "expect"), why + " in \"" + *text + "\"");
            }
        }
        expectations.push_back(std::move(spec));
    }
}

void load_narration(Errors& errors, const Json& doc, engine::Duration duration, std::vector<Caption>& narration) {
    const auto it = doc.find("narration");
    if (it == doc.end()) return;
    if (!it->is_array()) {
        errors.add("/narration", "expected an array of captions, found " + describe(*it));
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = child("/narration", i);
        const Json& c = (*it)[i];
        if (!check_object(errors, c, path, {"at_ms", "en", "ko"}) && !c.is_object()) continue;
        Caption caption;
        caption.at = read_ms(errors, c, path, "at_ms", true).value_or(engine::Duration::zero());
        if (caption.at > duration) errors.add(child(path, "at_ms"), "past the scenario's duration_ms");
        caption.text.en = read_string(errors, c, path, "en", true).value_or("");
        caption.text.ko = read_string(errors, c, path, "ko", true).value_or("");
        if (c.contains("en") && caption.text.en.empty()) errors.add(child(path, "en"), "expected a caption, found an empty string");
        if (c.contains("ko") && caption.text.ko.empty()) errors.add(child(path, "ko"), "expected a caption, found an empty string");
        narration.push_back(std::move(caption));
    }
    std::stable_sort(narration.begin(), narration.end(), [](const Caption& a, const Caption& b) { return a.at < b.at; });
}

}  // namespace kafkasim::scenarios
