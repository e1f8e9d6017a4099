#include "scenarios/loader/knobs.h"

#include <algorithm>

#include "scenarios/loader/did_you_mean.h"
#include "scenarios/loader/loader_parts.h"

namespace kafkasim::scenarios {

namespace {

std::optional<Json::json_pointer> pointer(Errors& errors, const std::string& text, const std::string& path) {
    try {
        Json::json_pointer p(text);
        if (p.empty()) {
            errors.add(path, "a knob cannot replace the whole file");
            return std::nullopt;
        }
        return p;
    } catch (const Json::exception&) {
        errors.add(path, "expected a JSON Pointer such as \"/producers/0/configs/acks\", found \"" + text + "\"");
        return std::nullopt;
    }
}

// An array index as RFC 6901 writes it: "0", or digits without a leading zero; nullopt for
// anything else, an index past what an array can hold included.
std::optional<std::size_t> array_index(const std::string& token) {
    if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return std::nullopt;
    std::size_t index = 0;
    for (char c : token) {
        if (c < '0' || c > '9') return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    return index;
}

// Sets the place `tokens` names in `doc` to `value`, walking the tokens ourselves: nlohmann's
// json_pointer throws on an empty array step or a huge index, and fills an array with nulls up
// to an index past its end. An array takes an existing index, or "-" (or its size) to append.
// Returns an error message, or nullopt when the value was set.
std::optional<std::string> set_place(Json& doc, const std::vector<std::string>& tokens, const Json& value) {
    Json* at = &doc;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& token = tokens[i];
        const bool last = i + 1 == tokens.size();
        if (at->is_object()) {
            if (last) {
                (*at)[token] = value;
                return std::nullopt;
            }
            const auto it = at->find(token);
            if (it == at->end()) return "its parent is not in the file (no key \"" + token + "\")";
            at = &*it;
        } else if (at->is_array()) {
            const auto index = token == "-" ? std::optional<std::size_t>(at->size()) : array_index(token);
            if (!index) return "\"" + token + "\" is not an index of an array (0, 1, … or - to append)";
            if (*index > at->size() || (*index == at->size() && !last))
                return "index " + token + " is past the end of an array of " + std::to_string(at->size());
            if (last) {
                if (*index == at->size()) at->push_back(value);
                else (*at)[*index] = value;
                return std::nullopt;
            }
            at = &(*at)[*index];
        } else {
            return "its parent is not in the file (a " + std::string(at->type_name()) + " has no \"" + token + "\")";
        }
    }
    return std::nullopt;
}

// The reference tokens of `p`, unescaped (nlohmann keeps them private; its to_string re-escapes).
std::vector<std::string> tokens_of(const Json::json_pointer& p) {
    std::vector<std::string> out;
    for (Json::json_pointer q = p; !q.empty(); q.pop_back()) out.insert(out.begin(), q.back());
    return out;
}

}  // namespace

std::vector<KnobSpec> read_knobs(Errors& errors, const Json& doc) {
    std::vector<KnobSpec> out;
    const auto it = doc.find("knobs");
    if (it == doc.end()) return out;
    if (!it->is_array()) {
        errors.add("/knobs", "expected an array of knobs, found " + describe(*it));
        return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = child("/knobs", i);
        const Json& k = (*it)[i];
        if (!check_object(errors, k, path, {"name", "description", "default", "values"})) continue;
        KnobSpec knob;
        knob.name = read_string(errors, k, path, "name", true).value_or("");
        knob.description = read_bilingual(errors, k, path, "description");
        knob.default_value = read_string(errors, k, path, "default", true).value_or("");
        for (const KnobSpec& other : out)
            if (!knob.name.empty() && other.name == knob.name) errors.add(child(path, "name"), "a second knob named \"" + knob.name + "\"");
        const auto values = k.find("values");
        const std::string vpath = child(path, "values");
        if (values == k.end() || !values->is_object() || values->empty()) {
            errors.add(vpath, "expected an object with at least one value, each mapping JSON Pointers to what they set");
            continue;
        }
        for (const auto& [value, settings] : values->items()) {
            knob.values.push_back(value);
            const std::string spath = child(vpath, value);
            if (!settings.is_object() || settings.empty()) {
                errors.add(spath, "expected an object mapping JSON Pointers to values");
                continue;
            }
            for (const auto& [ptr, v] : settings.items()) pointer(errors, ptr, child(spath, ptr));
        }
        if (!knob.default_value.empty() &&
            std::find(knob.values.begin(), knob.values.end(), knob.default_value) == knob.values.end())
            errors.add(child(path, "default"), "\"" + knob.default_value + "\" is not one of the knob's values");
        out.push_back(std::move(knob));
    }
    return out;
}

void apply_knob(Errors& errors, Json& doc, const std::string& name, const std::string& value) {
    const auto knobs = doc.find("knobs");
    const Json* knob = nullptr;
    std::vector<std::string> names;
    if (knobs != doc.end() && knobs->is_array()) {
        for (const Json& k : *knobs) {
            if (!k.is_object() || !k.contains("name") || !k["name"].is_string()) continue;
            names.push_back(k["name"].get<std::string>());
            if (names.back() == name) knob = &k;
        }
    }
    if (knob == nullptr) {
        std::string message = "the scenario has no knob \"" + name + "\"";
        if (auto near = did_you_mean(name, names)) message += "; did you mean \"" + *near + "\"?";
        else if (!names.empty()) message += " (it has: " + Json(names).dump() + ")";
        errors.add("/knobs", message);
        return;
    }
    const auto values = knob->find("values");
    if (values == knob->end() || !values->is_object() || !values->contains(value)) {
        std::vector<std::string> offered;
        if (values != knob->end() && values->is_object())
            for (const auto& [v, s] : values->items()) offered.push_back(v);
        errors.add("/knobs", "knob \"" + name + "\" has no value \"" + value + "\" (it has: " + Json(offered).dump() + ")");
        return;
    }
    const Json settings = (*values)[value];  // a copy: setting may change the knobs themselves
    for (const auto& [ptr, v] : settings.items()) {
        const auto p = pointer(errors, ptr, "/knobs");
        if (!p) continue;
        if (const auto error = set_place(doc, tokens_of(*p), v))
            errors.add(ptr, "knob \"" + name + "\" cannot set this place: " + *error);
    }
}

}  // namespace kafkasim::scenarios
