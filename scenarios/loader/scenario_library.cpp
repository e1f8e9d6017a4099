#include "scenarios/loader/scenario_library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace kafkasim::scenarios {

namespace fs = std::filesystem;

std::optional<std::string> library_dir() {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("KAFKASIM_SCENARIOS"); env != nullptr && *env != '\0') candidates.push_back(env);
    candidates.push_back(KAFKASIM_SOURCE_SCENARIOS);
    candidates.push_back(KAFKASIM_INSTALLED_SCENARIOS);
    for (const std::string& dir : candidates) {
        std::error_code ec;
        if (fs::is_directory(dir, ec)) return dir;
    }
    return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> library_scenarios() {
    std::vector<std::pair<std::string, std::string>> out;
    const auto dir = library_dir();
    if (!dir) return out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(*dir, ec)) {
        const fs::path& p = entry.path();
        if (!entry.is_regular_file(ec) || p.extension() != ".json" || p.stem() == "schema") continue;
        out.emplace_back(p.stem().string(), p.string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::string> resolve_scenario(const std::string& arg) {
    std::error_code ec;
    if (fs::is_regular_file(arg, ec)) return arg;
    if (arg.find('/') != std::string::npos || arg.ends_with(".json")) return std::nullopt;
    for (const auto& [name, path] : library_scenarios())
        if (name == arg) return path;
    return std::nullopt;
}

}  // namespace kafkasim::scenarios
