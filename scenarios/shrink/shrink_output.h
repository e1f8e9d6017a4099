// The shrunk scenario as `kafkasim shrink` writes it (docs/cli.md): the check's one expectation
// (none for crash), a description saying where the file came from (and for crash, which
// internal error its run ends in), and a narration skeleton (a caption at 0 and at each
// remaining fault's time) whose TODO texts a teacher replaces. The placeholders are non-empty,
// so the file loads and runs as it is.
#pragma once

#include <string>
#include <vector>

#include "scenarios/shrink/failure_check.h"

namespace kafkasim::shrink {

struct Provenance {
    std::string file_name;           // the input's base name ("swarm-17.json")
    std::string check_flag;          // --check's value
    std::vector<std::string> knobs;  // the --knob values applied, NAME=VALUE
};

// `doc` with its description and narration replaced (each where the file had it, else added at
// the end) and its expectations set to `check`'s (set_check_expectations). For crash, `check`
// holds the crash.
Doc finished_scenario(Doc doc, const FailureCheck& check, const Provenance& from);

// The file's text, as the bundled scenarios are written: two-space indent, and an object or
// array on one line when it fits in 100 columns there. Keys keep `doc`'s order; ends with a
// line break.
std::string format_scenario(const Doc& doc);

// An argument as a POSIX shell reads it back: quoted when it holds anything but safe characters.
std::string shell_word(const std::string& arg);

// A fault in a few words: its members but at_ms, "crash leader_of orders-0",
// "pause broker-2 for_ms 3000".
std::string describe_fault(const Doc& fault);

}  // namespace kafkasim::shrink
