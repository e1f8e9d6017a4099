// The scenario `kafkasim shrink` starts from: the file's text loaded as `kafkasim run` loads it
// (with the --knob values asked for), then turned into JSON that keeps the file's key order
// (nlohmann::ordered_json) with those knob values written in, the knobs dropped and the seed
// set, so that the shrunk file runs as is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "scenarios/loader/scenario.h"
#include "scenarios/shrink/failure_check.h"

namespace kafkasim::shrink {

struct PreparedInput {
    Doc doc;
    scenarios::ScenarioSpec spec;  // what `doc` loads to
};

// `path` names the file in errors. On a mistake: the loader's errors, one line each
// ("FILE:LINE:COL: /pointer: message").
std::variant<PreparedInput, std::vector<std::string>> prepare_input(
    std::string_view text, const std::string& path, const std::vector<std::pair<std::string, std::string>>& knobs,
    std::optional<std::uint64_t> seed);

}  // namespace kafkasim::shrink
