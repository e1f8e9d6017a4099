#include "scenarios/shrink/shrink_input.h"

#include <algorithm>

#include "engine/assert.h"
#include "scenarios/loader/scenario_loader.h"

namespace kafkasim::shrink {

namespace {

// Writes knob `name`'s `value` into `doc`. The loader has checked both and every place they set,
// so only what it does is left: each pointer set in turn, in the byte order of the pointers as
// the loader's nlohmann::json holds them (knobs.cpp), so that overlapping places end alike.
void write_knob(Doc& doc, const std::string& name, const std::string& value) {
    for (const Doc& knob : doc["knobs"]) {
        if (knob["name"] != name) continue;
        const Doc& settings = knob["values"][value];
        std::vector<std::string> pointers;
        for (const auto& [pointer, v] : settings.items()) pointers.push_back(pointer);
        std::sort(pointers.begin(), pointers.end());
        Doc turned = doc;
        for (const std::string& p : pointers) turned[Doc::json_pointer(p)] = settings[p];
        doc = std::move(turned);
        return;
    }
    SIM_ASSERT(false, "the loader checked that the knob exists");
}

}  // namespace

std::variant<PreparedInput, std::vector<std::string>> prepare_input(
    std::string_view text, const std::string& path, const std::vector<std::pair<std::string, std::string>>& knobs,
    std::optional<std::uint64_t> seed) {
    scenarios::LoadResult loaded = scenarios::load_scenario_text(text, path, knobs);
    if (!loaded.spec) return std::move(loaded.errors);
    // The strict reader accepted the text, so it is JSON nlohmann reads the same way (a leading
    // byte order mark included).
    Doc doc = Doc::parse(text);
    for (const auto& [name, value] : knobs) write_knob(doc, name, value);
    doc.erase("knobs");
    if (seed) doc["seed"] = *seed;
    loaded = scenarios::load_scenario_text(doc.dump(), path);
    SIM_ASSERT(loaded.spec.has_value(), "a loaded file with its knob values written in loads");
    return PreparedInput{std::move(doc), std::move(*loaded.spec)};
}

}  // namespace kafkasim::shrink
