#include "scenarios/shrink/shrinker.h"

#include "scenarios/shrink/candidate_runner.h"
#include "scenarios/shrink/list_passes.h"
#include "scenarios/shrink/value_passes.h"

namespace kafkasim::shrink {

namespace {

struct Pass {
    const char* name;
    void (*run)(Doc&, Judge&);
    std::string (*size)(const ScenarioSize&);
};

// In the order of docs/cli.md: faults, clients, duration, simplifications (the faults' arguments
// before the brokers, since a fault that names a broker keeps the cluster from losing it).
const Pass passes[] = {
    {"faults", shrink_faults, [](const ScenarioSize& s) { return std::to_string(s.faults); }},
    {"producers", remove_producers, [](const ScenarioSize& s) { return std::to_string(s.producers); }},
    {"groups", remove_groups, [](const ScenarioSize& s) { return std::to_string(s.groups); }},
    {"members", reduce_members, [](const ScenarioSize& s) { return std::to_string(s.members); }},
    {"topics", remove_unused_topics, [](const ScenarioSize& s) { return std::to_string(s.topics); }},
    {"duration_ms", shorten_duration, [](const ScenarioSize& s) { return std::to_string(s.duration_ms); }},
    {"rate_per_s", halve_rates, [](const ScenarioSize& s) { return plain_number(s.rate_per_s).dump(); }},
    {"fault_nodes", reduce_fault_nodes, [](const ScenarioSize& s) { return std::to_string(s.fault_nodes); }},
    {"pause_ms", shorten_pauses, [](const ScenarioSize& s) { return std::to_string(s.pause_ms); }},
    {"clog_ms", lower_clogs, [](const ScenarioSize& s) { return std::to_string(s.clog_ms); }},
    {"disk_factor", lower_disk_factors, [](const ScenarioSize& s) { return std::to_string(s.disk_factor); }},
    {"brokers", reduce_brokers, [](const ScenarioSize& s) { return std::to_string(s.brokers); }},
};

// Rounds of every pass until one changes nothing or the budget is spent.
Doc shrink_rounds(Doc doc, CandidateRunner& runner, const ShrinkOptions& options, ShrinkResult& result) {
    for (int round = 1; round <= options.max_rounds && !runner.budget_spent(); ++round) {
        result.rounds = round;
        const Doc before_round = doc;
        for (const Pass& pass : passes) {
            const ScenarioSize before = measure(doc);
            const int runs = runner.runs();
            pass.run(doc, runner);
            if (options.on_pass)
                options.on_pass(PassReport{round, pass.name, pass.size(before), pass.size(measure(doc)), runner.runs() - runs});
        }
        if (doc == before_round) break;
    }
    return doc;
}

}  // namespace

ShrinkResult shrink_scenario(const Doc& input, const FailureCheck& check, const Provenance& from, const std::string& path,
                    const ShrinkOptions& options) {
    ShrinkResult result;
    Doc doc = input;
    set_check_expectations(doc, check);
    if (doc.contains("narration")) doc["narration"] = Doc::array();  // a caption past a shorter duration would not load
    result.before = measure(input);
    scenarios::RunOptions run_options;
    run_options.trace_sinks = options.trace_sinks;
    // For crash, the input's own crash is the one every candidate must reproduce.
    FailureCheck target = check;
    const Outcome first = run_text(doc.dump(), path, target, run_options);
    result.runs = 1;
    result.count_before = first.count;
    if (first.crash && check.kind == FailureCheck::Kind::crash) {
        target.crash = result.crash = first.crash;
        result.count_before = 1;
    } else if (first.crash) {
        result.status = ShrinkStatus::internal_error;
        result.error = first.crash->message;
        return result;
    }
    if (result.count_before == 0) return result;

    CandidateRunner runner(target, path, options.max_runs, run_options);
    doc = shrink_rounds(std::move(doc), runner, options, result);
    result.runs += runner.runs();
    result.budget_spent = runner.budget_spent();
    result.internal_errors = runner.internal_errors();

    result.scenario = finished_scenario(std::move(doc), target, from);
    result.after = measure(result.scenario);
    const Outcome last = run_text(result.scenario.dump(), path, target, run_options);
    ++result.runs;
    result.count_after = last.count;
    result.status = last.fails()  ? ShrinkStatus::shrunk
                    : last.crash && check.kind != FailureCheck::Kind::crash ? ShrinkStatus::internal_error
                                                                            : ShrinkStatus::not_reproduced;
    if (last.crash && !last.fails()) result.error = last.crash->message;
    return result;
}

}  // namespace kafkasim::shrink
