// The loader: a scenario's JSON in, a ScenarioSpec out, or every mistake in the file with its
// JSON Pointer (docs/scenario-format.md). Nothing in sim/ parses JSON; this is the only place
// that turns a file into the model's option structs.
//   - load_scenario checks one document: keys, types, ranges, Kafka's config rules, and what
//     only the whole file can tell (a replication factor above the broker count, a fault naming
//     a node or partition that does not exist at its time, times past the duration);
//   - every knob value must also give a valid scenario: the loader tries each one on the
//     document as written;
//   - load_scenario_file reads a file strictly (json_reader.h), loads it, then applies the knob
//     settings asked for and loads the turned document, and formats each error as
//     "FILE:LINE:COL: /path: message". load_scenario_text does all of that but reading the
//     file, on bytes already in memory (tests/fuzz feeds it).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "scenarios/loader/json_walk.h"
#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

// `name` is the scenario's name (the file's base name). Errors go to `errors`; the result is
// meaningful only when `errors` stayed empty.
ScenarioSpec load_scenario(const Json& doc, const std::string& name, Errors& errors);

struct LoadResult {
    std::optional<ScenarioSpec> spec;
    std::vector<std::string> errors;  // formatted, in file order
};

// Reads and loads `path`, then applies `knobs` (name, value) in order and loads the result.
LoadResult load_scenario_file(const std::string& path,
                              const std::vector<std::pair<std::string, std::string>>& knobs = {});

// What load_scenario_file does once the file's bytes are read: `path` names the file in errors
// and gives the scenario its name (scenario_name). Never throws; every error is one line.
LoadResult load_scenario_text(std::string_view text, const std::string& path,
                              const std::vector<std::pair<std::string, std::string>>& knobs = {});

// The scenario's name for `path`: its base name without ".json".
std::string scenario_name(const std::string& path);

}  // namespace kafkasim::scenarios
