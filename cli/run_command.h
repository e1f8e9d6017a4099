// `kafkasim run FILE|NAME`: runs a scenario and reports (docs/cli.md). Flags are parsed in
// main.cpp; this checks their values, runs, and prints the text report or the JSON document.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "engine/trace.h"

namespace kafkasim::cli {

struct RunCommandOptions {
    std::string scenario;            // a file, or a bundled scenario's name
    std::string seed;                // empty: the file's; else 0 .. 2^53-1
    std::string until_ms;            // empty: to the end
    std::vector<std::string> knobs;  // NAME=VALUE
    std::string trace_path;          // --trace: JSON Lines
    std::string perfetto_path;       // --perfetto: Chrome trace event format
    bool json = false;
    bool narrate = false;
    bool quiet = false;
    bool force = false;              // run even past scenarios::max_records_without_force
    std::string lang;                // en | ko; empty: from LANG
    // More trace sinks, for a program that embeds the command (tests inject a failing one).
    std::vector<std::shared_ptr<engine::TraceSink>> trace_sinks;
};

int run_run(const RunCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kafkasim::cli
