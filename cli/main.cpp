// kafkasim: the command line (docs/cli.md). The only translation unit that includes CLI11
// (about 15 s of compile time each); every subcommand's work lives in its own file.
//
// Exit codes follow design.md: 0 ok, 2 bad input (including every CLI11 parse error, whose
// own codes are 100 and up), 3 internal error; --help exits 0.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <optional>

#include "cli/assign_command.h"
#include "cli/exit_codes.h"
#include "cli/partition_command.h"
#include "cli/run_command.h"
#include "cli/scenario_commands.h"
#include "cli/swarm_command.h"
#include "cli/shrink_command.h"
#include "scenarios/loader/did_you_mean.h"
#include "scenarios/loader/utf8_text.h"

namespace {

using kafkasim::cli::AssignOptions;

// CLI11 takes an empty value for a string option as given; ours must be numbers.
CLI::Validator not_empty(const std::string& what) {
    return CLI::Validator(
        [what](const std::string& value) { return value.empty() ? "must be " + what + ", not \"\"" : std::string(); },
        "", "not empty");
}

// With a required subcommand, CLI11 answers a misspelt one with "a subcommand is required".
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') return std::nullopt;
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    const std::string given = argv[1];
    if (std::find(names.begin(), names.end(), given) != names.end()) return std::nullopt;
    std::string message = "unknown command \"" + kafkasim::scenarios::printable(given) + "\"";
    if (const auto near = kafkasim::scenarios::did_you_mean(given, names)) message += "; did you mean \"" + *near + "\"?";
    else message += " (commands: assign, list, partition, run, shrink, swarm, validate)";
    return message;
}

CLI::App* add_assign(CLI::App& app, AssignOptions& options) {
    CLI::App* cmd = app.add_subcommand(
        "assign", "Run one of Kafka's consumer partition assignors on a group read from a JSON file");
    cmd->add_option("--strategy", options.strategy, "range | roundrobin | sticky | cooperative-sticky")
        ->required();
    cmd->add_option("--input", options.input_path,
                    "JSON object with partitions_per_topic, subscriptions and optional "
                    "group_instance_ids, owned, generations")
        ->required();
    cmd->add_option("--round", options.round,
                    "first | final (default): cooperative-sticky's first rebalance, or the "
                    "settled assignment after follow-up rebalances");
    cmd->add_flag("--json", options.json, "Print {\"assignment\": {MEMBER: [\"TOPIC-P\", ...]}}");
    return cmd;
}

CLI::App* add_partition(CLI::App& app, kafkasim::cli::PartitionOptions& options) {
    CLI::App* cmd = app.add_subcommand(
        "partition", "Print murmur2, toPositive and Kafka's default partition of each key");
    cmd->add_option("--partitions", options.partitions, "N, the topic's partition count (1 to 2147483647)")
        ->required();
    cmd->add_flag("--hex", options.hex, "KEYs are hex bytes (even length, no 0x)");
    cmd->add_flag("--json", options.json,
                  "Print [{\"key\": STR, \"murmur2\": INT, \"to_positive\": INT, \"partition\": INT}]");
    cmd->add_option("KEY", options.keys, "Keys (UTF-8 bytes as given, or hex with --hex); -- ends the flags");
    return cmd;
}

CLI::App* add_validate(CLI::App& app, std::vector<std::string>& files) {
    CLI::App* cmd = app.add_subcommand("validate", "Check scenario files: FILE: ok, or each error with its place");
    cmd->add_option("FILE", files, "Scenario files")->required();
    return cmd;
}

CLI::App* add_list(CLI::App& app, kafkasim::cli::ListOptions& options) {
    CLI::App* cmd = app.add_subcommand("list", "List the bundled scenarios with a one-line description");
    cmd->add_flag("--json", options.json, "Print [{\"name\", \"description\": {\"en\", \"ko\"}}]");
    cmd->add_option("--lang", options.lang, "en | ko (default from LANG)");
    return cmd;
}

CLI::App* add_run(CLI::App& app, kafkasim::cli::RunCommandOptions& options) {
    CLI::App* cmd = app.add_subcommand("run", "Run a scenario (a file or a bundled name) and report");
    cmd->add_option("SCENARIO", options.scenario, "A scenario file, or the name of a bundled scenario")->required();
    cmd->add_option("--seed", options.seed, "Overrides the file's seed (0 to 2^53-1)")
        ->check(not_empty("an integer from 0 to 2^53-1"));
    cmd->add_option("--until", options.until_ms, "Stop at this simulated millisecond")->check(not_empty("milliseconds"));
    cmd->add_option("--knob", options.knobs, "NAME=VALUE: set one of the scenario's knobs (repeatable)");
    cmd->add_option("--trace", options.trace_path, "Write the trace as JSON Lines to this file");
    cmd->add_option("--perfetto", options.perfetto_path, "Write the run in Chrome's trace event format (ui.perfetto.dev)");
    cmd->add_flag("--json", options.json, "Print one JSON document (docs/run-output.schema.json)");
    cmd->add_flag("--narrate", options.narrate, "Print the captions at their times (stderr under --json)");
    cmd->add_option("--lang", options.lang, "en | ko (default from LANG)");
    cmd->add_flag("--quiet", options.quiet, "Only errors, and the JSON document under --json");
    cmd->add_flag("--force", options.force, "Run even a scenario estimated past 20 million records (minutes of work)");
    return cmd;
}

CLI::App* add_swarm(CLI::App& app, kafkasim::cli::SwarmOptions& options) {
    CLI::App* cmd = app.add_subcommand(
        "swarm", "Run random fault schedules drawn from a template, one JSON line per seed (docs/swarm.md)");
    cmd->add_option("TEMPLATE", options.template_arg, "A template file, or a bundled template: safe-fsync, default-durability")
        ->required();
    cmd->add_option("--seeds", options.seeds, "A..B (inclusive) or one seed (default 1..100)")->check(not_empty("A..B"));
    cmd->add_option("--shard", options.shard, "I/N: only the seeds at positions I modulo N of the range (default 0/1)")
        ->check(not_empty("I/N"));
    cmd->add_option("--jobs", options.jobs, "Runs at once, each in its own process (default: one per core)");
    cmd->add_option("--out", options.out_dir, "Where failing runs are saved as scenario files (default swarm-failures)");
    cmd->add_option("--event-budget", options.event_budget, "Events a run may take before it counts as a livelock (default 50000000)")
        ->check(not_empty("a positive integer"));
    cmd->add_flag("--quiet", options.quiet, "No progress or summary on stderr");
    return cmd;
}

CLI::App* add_shrink(CLI::App& app, kafkasim::cli::ShrinkCommandOptions& options) {
    CLI::App* cmd = app.add_subcommand("shrink", "Shrink a failing scenario file to the smallest one found that still fails");
    cmd->add_option("FILE", options.file, "A scenario file that fails the check")->required();
    cmd->add_option("--check", options.check, "A checker's name (lost_acked, ...), expectation:NAME of the file's, or crash (the same internal error)")
        ->required();
    cmd->add_option("--out", options.out, "Where to write the shrunk file (default: FILE with -min.json); never FILE");
    cmd->add_option("--seed", options.seed, "Overrides the file's seed (0 to 2^53-1)")
        ->check(not_empty("an integer from 0 to 2^53-1"));
    cmd->add_option("--knob", options.knobs, "NAME=VALUE: set one of the scenario's knobs first (repeatable)");
    cmd->add_option("--max-runs", options.max_runs, "Candidate runs at most (default 500)")
        ->check(not_empty("an integer from 0 to 1000000"));
    cmd->add_option("--lang", options.lang, "en | ko (default from LANG)");
    cmd->add_flag("--quiet", options.quiet, "No line per pass on stderr");
    return cmd;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"kafkasim: a deterministic simulator of an Apache Kafka cluster"};
    app.require_subcommand(1);
    AssignOptions assign_options;
    CLI::App* assign_cmd = add_assign(app, assign_options);
    kafkasim::cli::PartitionOptions partition_options;
    CLI::App* partition_cmd = add_partition(app, partition_options);
    std::vector<std::string> validate_files;
    CLI::App* validate_cmd = add_validate(app, validate_files);
    kafkasim::cli::ListOptions list_options;
    CLI::App* list_cmd = add_list(app, list_options);
    kafkasim::cli::RunCommandOptions run_options;
    CLI::App* run_cmd = add_run(app, run_options);
    kafkasim::cli::SwarmOptions swarm_options;
    CLI::App* swarm_cmd = add_swarm(app, swarm_options);
    kafkasim::cli::ShrinkCommandOptions shrink_options;
    CLI::App* shrink_cmd = add_shrink(app, shrink_options);
    if (const auto unknown = unknown_command(app, argc, argv)) {
        std::cerr << "kafkasim: " << *unknown << " (see --help)\n";
        return kafkasim::cli::exit_bad_input;
    }
    const auto dispatch = [&]() -> int {
        if (assign_cmd->parsed()) return kafkasim::cli::run_assign(assign_options, std::cout, std::cerr);
        if (partition_cmd->parsed()) return kafkasim::cli::run_partition(partition_options, std::cout, std::cerr);
        if (validate_cmd->parsed()) return kafkasim::cli::run_validate(validate_files, std::cout, std::cerr);
        if (list_cmd->parsed()) return kafkasim::cli::run_list(list_options, std::cout, std::cerr);
        if (run_cmd->parsed()) return kafkasim::cli::run_run(run_options, std::cout, std::cerr);
        if (swarm_cmd->parsed()) return kafkasim::cli::run_swarm(swarm_options, std::cout, std::cerr);
        if (shrink_cmd->parsed()) return kafkasim::cli::run_shrink(shrink_options, std::cout, std::cerr);
        return kafkasim::cli::exit_bad_input;
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line, like every other bad-input message (CLI11's own adds a second line).
        const char* prefix = assign_cmd->parsed()      ? "kafkasim assign: "
                             : partition_cmd->parsed() ? "kafkasim partition: "
                             : validate_cmd->parsed()  ? "kafkasim validate: "
                             : list_cmd->parsed()      ? "kafkasim list: "
                             : run_cmd->parsed()       ? "kafkasim run: "
                             : swarm_cmd->parsed()     ? "kafkasim swarm: "
                             : shrink_cmd->parsed()    ? "kafkasim shrink: "
                                                       : "kafkasim: ";
        std::cerr << prefix << kafkasim::scenarios::printable(e.what()) << " (see --help)\n";
        return kafkasim::cli::exit_bad_input;
    }
    const int code = dispatch();
    // A report lost to a full disk or a closed pipe is not a success.
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "kafkasim: cannot write the output to stdout (a full disk, or a closed pipe)\n";
        return kafkasim::cli::exit_bad_input;
    }
    return code;
}
