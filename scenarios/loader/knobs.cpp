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
        const Json::json_pointer parent = p->parent_pointer();
        if (!doc.contains(parent) || !(doc[parent].is_object() || doc[parent].is_array())) {
            errors.add(ptr, "knob \"" + name + "\" sets this place, but its parent is not in the file");
            continue;
        }
        try {
            doc[*p] = v;
        } catch (const Json::exception& e) {
            errors.add(ptr, "knob \"" + name + "\" cannot set this place: " + e.what());
        }
    }
}

}  // namespace kafkasim::scenarios
