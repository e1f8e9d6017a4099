// `kafkasim shrink`: a failing scenario in, the smallest scenario found that still fails the
// same check out (docs/cli.md). Delta debugging at the JSON level: in rounds, the faults (ddmin,
// then one at a time), the clients (whole producers, whole groups, group members, topics nobody
// uses any more), the duration, and simplifications (producer rates halved, fewer nodes in a
// fault's lists, smaller fault arguments, fewer brokers), until a round changes nothing or the
// run budget is spent. Every candidate is loaded and run
// with the file's seed (candidate_runner.h). Deterministic: the same file, check and budget give
// the same output.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/trace.h"

#include "scenarios/shrink/scenario_size.h"
#include "scenarios/shrink/shrink_output.h"

namespace kafkasim::shrink {

// One pass of one round: "faults 14 → 3 (27 runs)".
struct PassReport {
    int round = 0;
    std::string pass;    // "faults", "producers", … "brokers": a row of the summary (ScenarioSize)
    std::string before;  // the dimension's value before and after the pass
    std::string after;
    int runs = 0;        // runs the pass made (answers from memory cost none)
};

struct ShrinkOptions {
    int max_runs = 500;   // candidate runs at most (the first run and the final check come on top)
    int max_rounds = 10;  // a round that changes nothing ends the shrink earlier
    std::function<void(const PassReport&)> on_pass;
    std::vector<std::shared_ptr<engine::TraceSink>> trace_sinks;  // every run's (tests inject a failure)
};

enum class ShrinkStatus : std::uint8_t {
    shrunk,          // `scenario` fails the check; write it
    does_not_fail,   // the input does not fail the check
    internal_error,  // the input's run, or the shrunk file's, hit an internal error (`error`); never for crash
    not_reproduced,  // the finished file no longer fails: a kafkasim bug (its captions or expectation changed the run)
};

struct ShrinkResult {
    ShrinkStatus status = ShrinkStatus::does_not_fail;
    Doc scenario;                      // shrunk: the file to write
    ScenarioSize before;
    ScenarioSize after;
    std::int64_t count_before = 0;     // the check's count on the input, and on the written file
    std::int64_t count_after = 0;
    int runs = 0;                      // every run: the first, the candidates', the final check
    int rounds = 0;
    bool budget_spent = false;         // the shrink stopped at max_runs; smaller may exist
    int internal_errors = 0;           // candidates that hit an internal error the check does not keep (treated as passing)
    std::string error;                 // internal_error: its message; not_reproduced: the other crash's, if any
    std::optional<Crash> crash;        // crash: the one the input and the written file end in
};

// `input` is a prepared scenario (shrink_input.h): it loads, carries no knobs and its seed.
// `path` names candidates for the loader.
ShrinkResult shrink_scenario(const Doc& input, const FailureCheck& check, const Provenance& from, const std::string& path,
                    const ShrinkOptions& options = {});

}  // namespace kafkasim::shrink
