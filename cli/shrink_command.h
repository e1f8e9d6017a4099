// `kafkasim shrink FILE --check NAME`: turns a failing scenario file into the smallest file found
// that still fails the same check, and writes it (docs/cli.md). Flags are parsed in main.cpp;
// this checks their values and the file, runs the shrinker (scenarios/shrink/) and reports.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "engine/trace.h"

namespace kafkasim::cli {

struct ShrinkCommandOptions {
    std::string file;
    std::string check;               // a checker's name, expectation:NAME, or crash
    std::string out;                 // empty: FILE with -min.json for .json
    std::string seed;                // empty: the file's; else 0 .. 2^53-1
    std::vector<std::string> knobs;  // NAME=VALUE, applied before shrinking
    std::string lang;                // en | ko; empty: from LANG
    std::string max_runs;            // empty: 500
    bool quiet = false;
    std::vector<std::shared_ptr<engine::TraceSink>> trace_sinks;  // every run's (tests inject a failure)
};

// 0 written; 1 the file does not fail the check; 2 bad input; 3 an internal error.
int run_shrink(const ShrinkCommandOptions& options, std::ostream& out, std::ostream& err);

// Where the shrunk file goes without --out: "a/b.json" → "a/b-min.json", "a/b" → "a/b-min.json".
std::string default_shrink_output(const std::string& file);

}  // namespace kafkasim::cli
