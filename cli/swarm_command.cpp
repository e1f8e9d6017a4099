#include "cli/swarm_command.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "cli/exit_codes.h"
#include "cli/process_pool.h"
#include "scenarios/loader/utf8_text.h"
#include "scenarios/shrink/failure_check.h"
#include "scenarios/shrink/shrink_output.h"
#include "scenarios/swarm/swarm_case.h"

namespace kafkasim::cli {

namespace {

namespace fs = std::filesystem;
using OJson = nlohmann::ordered_json;
constexpr std::uint64_t max_swarm_seed = (std::uint64_t{1} << 53) - 1;

std::optional<std::uint64_t> parse_swarm_number(std::string_view text, std::uint64_t max) {
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v > max) return std::nullopt;
    return v;
}

struct SwarmPlan {
    std::vector<std::uint64_t> seeds;
    std::uint64_t shard = 0;
    std::uint64_t shards = 1;
    std::uint64_t budget = 0;
    int jobs = 1;
};

std::optional<SwarmPlan> swarm_plan(const SwarmOptions& o, std::ostream& err) {
    const auto bad = [&err](const std::string& message) {
        err << "kafkasim swarm: " << scenarios::printable(message) << "\n";
        return std::nullopt;
    };
    SwarmPlan p;
    const auto dots = o.seeds.find("..");
    const auto first = parse_swarm_number(o.seeds.substr(0, dots), max_swarm_seed);
    const auto last = dots == std::string::npos ? first : parse_swarm_number(o.seeds.substr(dots + 2), max_swarm_seed);
    if (!first || !last || *last < *first)
        return bad("--seeds must be A..B (A <= B) or one seed, integers from 0 to 2^53-1, not \"" + o.seeds + "\"");
    const auto slash = o.shard.find('/');
    const auto i = slash == std::string::npos ? std::nullopt : parse_swarm_number(o.shard.substr(0, slash), max_swarm_seed);
    const auto n = slash == std::string::npos ? std::nullopt : parse_swarm_number(o.shard.substr(slash + 1), max_swarm_seed);
    if (!i || !n || *n == 0 || *i >= *n)
        return bad("--shard must be I/N with 0 <= I < N (a Kubernetes job index, a Slurm array task id), not \"" + o.shard + "\"");
    p.shard = *i;
    p.shards = *n;
    if (*last - *first >= 100'000'000) return bad("--seeds spans more than 100 000 000 seeds: split it into shards");
    for (std::uint64_t s = *first; s <= *last; ++s)
        if ((s - *first) % p.shards == p.shard) p.seeds.push_back(s);
    const auto budget = parse_swarm_number(o.event_budget, std::uint64_t{1} << 40);
    if (!budget || *budget == 0) return bad("--event-budget must be a positive integer, not \"" + o.event_budget + "\"");
    p.budget = *budget;
    if (o.jobs < 0 || o.jobs > 256) return bad("--jobs must be 0 (one per core) to 256");
    p.jobs = o.jobs > 0 ? o.jobs : std::max(1, static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN)));
    return p;
}

// What the summary adds up over the runs.
struct SwarmTally {
    std::size_t runs = 0;
    std::size_t failing = 0;
    std::int64_t faults = 0;
    std::int64_t most_faults = 0;
    std::uint64_t events = 0;
    std::map<std::string, std::size_t> failed_by;   // expectation name or error kind → runs
    std::map<std::string, std::int64_t> check_sums;  // checker → its count summed over the runs
    std::map<std::string, std::int64_t> unconsumed;

    void add(const OJson& line) {
        ++runs;
        failing += line.value("ok", false) ? 0 : 1;
        const auto f = line.value("faults", std::int64_t{0});
        faults += f;
        most_faults = std::max(most_faults, f);
        events += line.value("events", std::uint64_t{0});
        if (line.contains("checks"))
            for (const auto& [name, count] : line["checks"].items()) check_sums[name] += count.get<std::int64_t>();
        if (line.contains("liveness"))
            for (const auto& [acks, count] : line["liveness"]["unconsumed"].items()) unconsumed[acks] += count.get<std::int64_t>();
        for (const auto& failed : line.value("failed", OJson::array())) {
            const std::string text = failed.get<std::string>();
            ++failed_by[text.substr(0, text.find(": "))];
        }
        for (const auto& error : line.value("errors", OJson::array())) {
            const std::string text = error.get<std::string>();
            ++failed_by[text.starts_with("internal error") ? "internal error"
                        : text.starts_with("event budget")  ? "event budget spent"
                        : text.starts_with("the run died")  ? "the run died"
                                                            : "run error"];
        }
    }
};

// Where internal errors of swarm_case.cpp start; the one saying the drawn schedule does not load
// is no run's crash.
constexpr std::string_view internal_error_prefix = "internal error: ";
constexpr std::string_view unloadable_prefix = "internal error: the drawn schedule does not load";

std::string wall_duration_text(double seconds) {
    const auto s = static_cast<std::int64_t>(seconds + 0.5);
    if (s < 60) return std::to_string(s) + " s";
    return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
}

}  // namespace

std::optional<std::string> shrink_check_for(const OJson& line, const std::vector<std::string>& expectations) {
    for (const auto& error : line.value("errors", OJson::array())) {
        const std::string text = error.get<std::string>();
        if (text.starts_with(internal_error_prefix) && !text.starts_with(unloadable_prefix)) return std::string(shrink::crash_flag);
    }
    const OJson failed = line.value("failed", OJson::array());
    if (failed.empty()) return std::nullopt;
    // "NAME: DETAIL"; a name may hold ": " itself, so the longest name that fits wins.
    const std::string first = failed.front().get<std::string>();
    const std::string* best = nullptr;
    for (const std::string& name : expectations)
        if (first.starts_with(name + ": ") && (best == nullptr || name.size() > best->size())) best = &name;
    if (best == nullptr) return std::nullopt;
    return std::string(shrink::expectation_prefix) + *best;
}

int run_swarm(const SwarmOptions& options, std::ostream& out, std::ostream& err) {
    const auto p = swarm_plan(options, err);
    if (!p) return exit_bad_input;
    auto loaded = scenarios::load_swarm_template(options.template_arg);
    if (auto* errors = std::get_if<std::vector<std::string>>(&loaded)) {
        for (const std::string& e : *errors) err << e << "\n";
        return exit_bad_input;
    }
    const scenarios::SwarmTemplate& tmpl = std::get<scenarios::SwarmTemplate>(loaded);
    if (!options.quiet)
        err << "swarm " << tmpl.name << ": " << p->seeds.size() << " seeds"
            << (p->shards > 1 ? " (shard " + std::to_string(p->shard) + "/" + std::to_string(p->shards) + ")" : "") << ", "
            << p->jobs << (p->jobs == 1 ? " job" : " jobs") << "\n";

    SwarmTally tally;
    bool out_failed = false;
    std::vector<std::string> expectation_names;
    for (const scenarios::ExpectationSpec& e : tmpl.spec.expectations) expectation_names.push_back(e.name);
    std::string shrink_hint;  // the command that shrinks the first failing file shrink can keep
    const auto start = std::chrono::steady_clock::now();  // only to show progress (a front end's clock)
    auto last_progress = start;
    const auto work = [&](std::size_t i) {
        return outcome_json(scenarios::run_swarm_case(tmpl, p->seeds[i], p->budget)).dump() + "\n";
    };
    const auto done = [&](std::size_t i, const ChildOutcome& child) {
        const std::uint64_t seed = p->seeds[i];
        OJson line;
        if (child.output) line = OJson::parse(*child.output, nullptr, false);
        if (!child.output || line.is_discarded()) {
            line = OJson{{"seed", seed}, {"ok", false}, {"errors", {"the run died: " + (child.output ? "unreadable output" : child.death)}}};
        }
        if (!line.value("ok", false)) {
            std::error_code ec;
            fs::create_directories(options.out_dir, ec);
            const std::string path = (fs::path(options.out_dir) / (tmpl.name + "-seed-" + std::to_string(seed) + ".json")).string();
            std::ofstream file(path);
            file << scenarios::swarm_case_document(tmpl, seed).dump(2) << "\n";
            file.close();
            if (!file) {
                err << "kafkasim swarm: cannot write " << scenarios::printable(path) << "\n";
                out_failed = true;
            } else {
                line["file"] = path;
                const auto check = shrink_check_for(line, expectation_names);
                if (check && shrink_hint.empty())
                    shrink_hint = "kafkasim shrink " + shrink::shell_word(path) + " --check " + shrink::shell_word(*check);
            }
        }
        tally.add(line);
        out << line.dump() << "\n";
        const auto now = std::chrono::steady_clock::now();
        if (!options.quiet && now - last_progress >= std::chrono::seconds(10) && tally.runs < p->seeds.size()) {
            last_progress = now;
            const double elapsed = std::chrono::duration<double>(now - start).count();
            const double rate = static_cast<double>(tally.runs) / elapsed;
            err << "swarm " << tmpl.name << ": " << tally.runs << "/" << p->seeds.size() << " seeds, " << tally.failing
                << " failing, " << static_cast<std::int64_t>(rate * 10) / 10.0 << " runs/s, about "
                << wall_duration_text(static_cast<double>(p->seeds.size() - tally.runs) / rate) << " left\n";
        }
    };
    try {
        run_in_children(p->seeds.size(), p->jobs, work, done);
    } catch (const std::exception& e) {
        err << "kafkasim swarm: " << e.what() << "\n";
        return exit_internal_error;
    }
    if (!options.quiet) {
        const double elapsed = std::max(1e-9, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        err << "swarm " << tmpl.name << ": " << tally.runs << " seeds, " << tally.failing << " failing";
        if (tally.failing > 0) err << " (saved in " << scenarios::printable(options.out_dir) << "/)";
        const double mean_faults = tally.runs ? static_cast<double>(tally.faults) / static_cast<double>(tally.runs) : 0.0;
        err << "; faults per run " << static_cast<std::int64_t>(mean_faults * 10 + 0.5) / 10.0 << " on average, at most " << tally.most_faults << "; " << tally.events << " events; "
            << static_cast<std::int64_t>(static_cast<double>(tally.runs) / elapsed * 10) / 10.0 << " runs/s with " << p->jobs
            << (p->jobs == 1 ? " job" : " jobs") << " in " << wall_duration_text(elapsed) << "\n";
        for (const auto& [what, runs] : tally.failed_by) err << "  failed: " << what << ": " << runs << " runs\n";
        if (!shrink_hint.empty()) err << "  to shrink the first: " << scenarios::printable(shrink_hint) << "\n";
        err << "  checker totals:";
        for (const auto& [name, sum] : tally.check_sums) err << " " << name << "=" << sum;
        err << "\n";
    }
    if (out_failed) return exit_bad_input;
    return tally.failing > 0 ? exit_expectation_failed : exit_ok;
}

}  // namespace kafkasim::cli
