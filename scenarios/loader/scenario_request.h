// What a front end is asked to run, checked as `kafkasim run` checks it (docs/cli.md): a file
// or a bundled name, an optional seed (0 … 2^53-1), knobs as NAME=VALUE, and a caption
// language. `kafkasim run` and `kafkasim-ui` share these rules, so the same bad input gives the
// same one-line errors (each prefixed with the program's name) and exit code 2.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

struct ScenarioRequest {
    std::string scenario;            // a file, or a bundled scenario's name
    std::string seed;                // empty: the file's
    std::vector<std::string> knobs;  // NAME=VALUE
    std::string lang;                // en | ko; empty: from LANG
};

struct CheckedRequest {
    std::optional<ScenarioSpec> spec;  // set when every part is valid
    std::optional<std::uint64_t> seed;
    std::string lang;                  // en or ko
    std::vector<std::string> errors;   // one line each, "<program>: …"
};

inline constexpr std::uint64_t max_request_seed = (std::uint64_t{1} << 53) - 1;

// A decimal integer in [0, max]; nullopt for anything else.
std::optional<std::uint64_t> parse_count(const std::string& s, std::uint64_t max);

// "ko" if LANG starts with "ko", else "en".
std::string lang_from_environment();

// `program` prefixes every error ("kafkasim run").
CheckedRequest check_request(const ScenarioRequest& request, const std::string& program);

}  // namespace kafkasim::scenarios
