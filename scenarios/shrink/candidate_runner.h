// Trying a candidate of `kafkasim shrink`: its JSON is written out and loaded as `kafkasim run`
// loads a file (a candidate that does not load is rejected, never run), then run to the end with
// the seed it holds, and judged by the check (failure_check.h). The runner remembers every text
// it tried, so ddmin's repeated subsets cost no run, and stops running once its budget is spent.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "scenarios/shrink/failure_check.h"

namespace kafkasim::shrink {

struct Outcome {
    bool loads = false;
    std::int64_t count = 0;       // the check's count; above 0 the candidate fails the check
    std::optional<Crash> crash;   // the run ended in an internal error
    bool fails() const { return count > 0; }
};

// Loads and runs `text` once. `path` names it for the loader (the scenario's name, errors);
// `options` are the run's (tests add a trace sink that fails an assertion).
Outcome run_text(const std::string& text, const std::string& path, const FailureCheck& check,
                 const scenarios::RunOptions& options = {});

// What the passes ask of a candidate. CandidateRunner answers by running it; tests of a pass may
// answer from a rule.
class Judge {
public:
    virtual ~Judge() = default;
    // Whether `doc` loads and fails the check.
    virtual bool fails(const Doc& doc) = 0;
};

class CandidateRunner : public Judge {
public:
    CandidateRunner(const FailureCheck& check, std::string path, int max_runs, scenarios::RunOptions options = {});

    // A text tried before answers from memory; once max_runs candidates have run, every new one
    // answers false without running.
    bool fails(const Doc& doc) override;

    int runs() const { return runs_; }
    bool budget_spent() const { return budget_spent_; }
    // Candidates that hit an internal error the check does not keep (a kafkasim bug; shrink
    // treats them as passing): any, or for crash another than the input's.
    int internal_errors() const { return internal_errors_; }

private:
    const FailureCheck& check_;
    std::string path_;
    int max_runs_;
    scenarios::RunOptions options_;
    int runs_ = 0;
    int internal_errors_ = 0;
    bool budget_spent_ = false;
    std::map<std::string, bool> tried_;  // candidate text → fails
};

}  // namespace kafkasim::shrink
