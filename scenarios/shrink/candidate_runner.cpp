#include "scenarios/shrink/candidate_runner.h"

#include "scenarios/loader/scenario_loader.h"

namespace kafkasim::shrink {

namespace {

Outcome run_loaded(const scenarios::ScenarioSpec& spec, const FailureCheck& check, const scenarios::RunOptions& options) {
    Outcome out;
    out.loads = true;
    try {
        out.count = failure_count(check, scenarios::run_scenario(spec, options));
    } catch (const std::exception& e) {
        // A failed SIM_ASSERT, or a library's exception escaping the model: either is a bug.
        out.crash = crash_of(e);
        out.count = crash_count(check, *out.crash);
    }
    return out;
}

}  // namespace

Outcome run_text(const std::string& text, const std::string& path, const FailureCheck& check,
                 const scenarios::RunOptions& options) {
    const scenarios::LoadResult loaded = scenarios::load_scenario_text(text, path);
    return loaded.spec ? run_loaded(*loaded.spec, check, options) : Outcome{};
}

CandidateRunner::CandidateRunner(const FailureCheck& check, std::string path, int max_runs, scenarios::RunOptions options)
    : check_(check), path_(std::move(path)), max_runs_(max_runs), options_(std::move(options)) {}

bool CandidateRunner::fails(const Doc& doc) {
    std::string text = doc.dump();
    if (const auto it = tried_.find(text); it != tried_.end()) return it->second;
    // A candidate that does not load costs no run, so it is judged even past the budget.
    const scenarios::LoadResult loaded = scenarios::load_scenario_text(text, path_);
    if (!loaded.spec) return tried_[std::move(text)] = false;
    if (runs_ >= max_runs_) {
        budget_spent_ = true;
        return false;  // not remembered: a larger budget would run it
    }
    ++runs_;
    const Outcome outcome = run_loaded(*loaded.spec, check_, options_);
    if (outcome.crash && !outcome.fails()) ++internal_errors_;
    return tried_[std::move(text)] = outcome.fails();
}

}  // namespace kafkasim::shrink
