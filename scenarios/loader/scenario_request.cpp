#include "scenarios/loader/scenario_request.h"

#include <cstdlib>

#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"
#include "scenarios/loader/utf8_text.h"

namespace kafkasim::scenarios {

std::optional<std::uint64_t> parse_count(const std::string& s, std::uint64_t max) {
    if (s.empty() || s.size() > 16) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v <= max ? std::optional(v) : std::nullopt;
}

std::string lang_from_environment() {
    const char* lang = std::getenv("LANG");
    return lang != nullptr && std::string(lang).starts_with("ko") ? "ko" : "en";
}

CheckedRequest check_request(const ScenarioRequest& request, const std::string& program) {
    CheckedRequest out;
    const auto fail = [&](const std::string& message) {
        out.errors.push_back(program + ": " + printable(message));  // what the user wrote stays one line
        return out;
    };
    out.lang = request.lang.empty() ? lang_from_environment() : request.lang;
    if (out.lang != "en" && out.lang != "ko") return fail("--lang must be en or ko, not \"" + out.lang + "\"");
    if (!request.seed.empty()) {
        out.seed = parse_count(request.seed, max_request_seed);
        if (!out.seed)
            return fail("--seed must be an integer from 0 to " + std::to_string(max_request_seed) + ", not \"" + request.seed + "\"");
    }
    std::vector<std::pair<std::string, std::string>> knobs;
    for (const std::string& k : request.knobs) {
        const auto eq = k.find('=');
        if (eq == std::string::npos || eq == 0) return fail("--knob takes NAME=VALUE, not \"" + k + "\"");
        knobs.emplace_back(k.substr(0, eq), k.substr(eq + 1));
    }
    const auto path = resolve_scenario(request.scenario);
    if (!path) return fail("\"" + request.scenario + "\" is neither a file nor a bundled scenario (see kafkasim list)");
    LoadResult loaded = load_scenario_file(*path, knobs);
    if (!loaded.spec) {
        for (const std::string& e : loaded.errors) out.errors.push_back(program + ": " + e);
        return out;
    }
    out.spec = std::move(loaded.spec);
    return out;
}

}  // namespace kafkasim::scenarios
