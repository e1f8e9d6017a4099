// The reports of `kafkasim run`: the text report (kafka-topics --describe and
// kafka-consumer-groups --describe style tables, every checker with its Jepsen name (unconsumed
// with its count per acks mode), each expectation, events, simulated time and the trace hash)
// and the --json document whose shape docs/run-output.schema.json describes.
#pragma once

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "scenarios/loader/scenario.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkasim::cli {

void print_text_report(const scenarios::ScenarioSpec& spec, const scenarios::RunResult& result,
                       const std::string& lang, std::ostream& out);

nlohmann::json json_report(const scenarios::RunResult& result);

// Jepsen's name for a checker, or "" (design.md's table).
std::string jepsen_name(const std::string& checker);

}  // namespace kafkasim::cli
