// `kafkasim assign` (docs/cli.md): validate flags, read the group, run the rebalance rounds,
// print the assignment as text or as {"assignment": {...}}.
#include "cli/assign_command.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/assign_input.h"
#include "cli/exit_codes.h"
#include "engine/assert.h"
#include "sim/assign/assignor_failure.h"
#include "sim/assign/rounds.h"

namespace kafkasim::cli {

namespace {

struct Plan {
    assign::Strategy strategy;
    assign::Round round;
};

Plan check_flags(const AssignOptions& options) {
    const auto strategy = assign::parse_strategy(options.strategy);
    if (!strategy)
        throw InputError("unknown strategy \"" + options.strategy +
                         "\" (use range, roundrobin, sticky or cooperative-sticky)");
    assign::Round round = assign::Round::final;
    if (options.round) {
        if (*options.round == "first")
            round = assign::Round::first;
        else if (*options.round != "final")
            throw InputError("--round must be first or final, not \"" + *options.round + "\"");
        // Issue 15's contract: --round names a round of the cooperative protocol, so any
        // --round with an eager strategy is bad input.
        if (!assign::is_cooperative(*strategy))
            throw InputError("--round applies only to cooperative-sticky; " + options.strategy +
                             " settles in one rebalance");
    }
    return Plan{*strategy, round};
}

void print_json(const assign::Assignment& assignment, std::ostream& out) {
    nlohmann::json members = nlohmann::json::object();
    for (const auto& [member, partitions] : assignment) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& tp : partitions) list.push_back(assign::to_string(tp));
        members[member] = std::move(list);
    }
    out << nlohmann::json{{"assignment", members}}.dump(2) << "\n";
}

std::string round_note(const Plan& plan, int rounds) {
    if (!assign::is_cooperative(plan.strategy)) return "";
    if (plan.round == assign::Round::first) return " (first rebalance)";
    return " (final, after " + std::to_string(rounds) + (rounds == 1 ? " rebalance)" : " rebalances)");
}

void print_text(const Plan& plan, const assign::Assignment& assignment, int rounds, std::ostream& out) {
    out << assign::strategy_name(plan.strategy) << " assignment" << round_note(plan, rounds) << "\n";
    for (const auto& [member, partitions] : assignment) {
        out << "  " << member << ":";
        if (partitions.empty()) out << " (none)";
        for (const auto& tp : partitions) out << " " << assign::to_string(tp);
        out << "\n";
    }
}

}  // namespace

int run_assign(const AssignOptions& options, std::ostream& out, std::ostream& err) {
    try {
        const Plan plan = check_flags(options);
        const assign::GroupSubscription group = read_group_file(options.input_path);
        const auto result = assign::assign_rounds(plan.strategy, group, plan.round);
        const assign::Assignment assignment = assign::sorted(result.assignment);
        if (options.json)
            print_json(assignment, out);
        else
            print_text(plan, assignment, result.rounds, out);
        return exit_ok;
    } catch (const InputError& e) {
        err << "kafkasim assign: " << e.what() << "\n";
        return exit_bad_input;
    } catch (const assign::KafkaAssignorFailure& e) {
        err << "kafkasim assign: " << e.what() << "\n";
        return exit_internal_error;
    } catch (const engine::AssertionFailure& e) {
        err << "kafkasim assign: internal error: " << e.what() << "\n";
        return exit_internal_error;
    } catch (const std::exception& e) {  // e.g. out of memory: never a crash
        err << "kafkasim assign: internal error: " << e.what() << "\n";
        return exit_internal_error;
    }
}

}  // namespace kafkasim::cli
