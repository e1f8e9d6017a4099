// Where bundled scenarios are found (design.md): the directory in KAFKASIM_SCENARIOS, then the
// source tree's scenarios/ (compiled in), then <prefix>/share/kafkasim/scenarios after
// `cmake --install`. The first of those that exists is the library; its NAME.json files are
// the scenarios (schema.json is not one).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kafkasim::scenarios {

// The library directory, or nullopt if none of the places exists.
std::optional<std::string> library_dir();

// Every scenario in the library: (name, path), by name.
std::vector<std::pair<std::string, std::string>> library_scenarios();

// `arg` as a path if it names a file, else the library's `arg`.json; nullopt if neither.
std::optional<std::string> resolve_scenario(const std::string& arg);

}  // namespace kafkasim::scenarios
