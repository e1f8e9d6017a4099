#include "cli/run_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <ostream>

#include "cli/exit_codes.h"
#include "cli/run_report.h"
#include "cli/scenario_commands.h"
#include "engine/assert.h"
#include "engine/trace_sinks.h"
#include "scenarios/export/perfetto.h"
#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"
#include "scenarios/loader/scenario_request.h"
#include "scenarios/loader/utf8_text.h"
#include "scenarios/loader/work_estimate.h"

namespace kafkasim::cli {

namespace {

std::string clock(engine::Duration at) {
    const std::int64_t ms = at.count_ms();
    std::ostringstream s;
    s << std::setw(2) << std::setfill('0') << ms / 60000 << ":" << std::setw(2) << (ms / 1000) % 60 << "."
      << std::setw(3) << ms % 1000;
    return s.str();
}

// A progress line on a terminal, once a run has taken more than a second.
class Progress {
public:
    explicit Progress(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO) != 0), begun_(now()) {}
    ~Progress() {
        if (shown_) std::fprintf(stderr, "\r%60s\r", "");
    }
    void update(engine::Instant sim_now, engine::Instant end) {
        const auto elapsed = now() - begun_;
        if (!enabled_ || elapsed < std::chrono::seconds(1)) return;
        shown_ = true;
        const auto pct = end.us() > 0 ? sim_now.us() * 100 / end.us() : 100;
        // The time left at the pace so far (simulated time per wall second varies with load).
        const double done = end.us() > 0 ? static_cast<double>(sim_now.us()) / static_cast<double>(end.us()) : 1;
        const double seconds = std::chrono::duration<double>(elapsed).count();
        const long long left = done > 0 ? static_cast<long long>(seconds * (1 - done) / done) : -1;
        std::fprintf(stderr, "\rkafkasim run: simulated %lld of %lld s (%lld%%), about %lld s left   ",
                     static_cast<long long>(sim_now.ms() / 1000), static_cast<long long>(end.ms() / 1000),
                     static_cast<long long>(pct), left);
    }

private:
    static std::chrono::steady_clock::time_point now() { return std::chrono::steady_clock::now(); }
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point begun_;
};

}  // namespace

int run_run(const RunCommandOptions& options, std::ostream& out, std::ostream& err) {
    // The scenario, seed, knobs and language as kafkasim-ui checks them too.
    const scenarios::CheckedRequest checked = scenarios::check_request(
        scenarios::ScenarioRequest{options.scenario, options.seed, options.knobs, options.lang}, "kafkasim run");
    if (!checked.spec) {
        for (const std::string& e : checked.errors) err << e << "\n";
        return exit_bad_input;
    }
    const std::string& lang = checked.lang;
    const std::optional<scenarios::ScenarioSpec>& spec = checked.spec;
    scenarios::RunOptions run;
    run.trace_sinks = options.trace_sinks;
    run.seed = checked.seed;
    if (!options.until_ms.empty()) {
        const auto until = scenarios::parse_count(options.until_ms, scenarios::max_time_ms);
        if (!until) {
            err << "kafkasim run: --until must be milliseconds from 0 to " << scenarios::max_time_ms << ", not \""
                << scenarios::printable(options.until_ms) << "\"\n";
            return exit_bad_input;
        }
        run.until = engine::Duration::ms(static_cast<std::int64_t>(*until));
    }
    // Refuse before the run, not hours into it (docs/cli.md, "How long a run takes").
    if (const std::int64_t records = scenarios::estimated_records(*spec, run.until);
        records > scenarios::max_records_without_force && !options.force) {
        err << "kafkasim run: the scenario would send about " << records << " records, more than "
            << scenarios::max_records_without_force
            << " (about a minute of work); lower a rate, max_records or duration_ms, or pass --force\n";
        return exit_bad_input;
    }
    std::shared_ptr<engine::JsonlTraceSink> trace;
    if (!options.trace_path.empty()) {
        try {
            trace = std::make_shared<engine::JsonlTraceSink>(options.trace_path);
        } catch (const std::exception& e) {
            err << "kafkasim run: --trace: " << e.what() << "\n";
            return exit_bad_input;
        }
        run.trace_sinks.push_back(trace);
    }
    std::shared_ptr<scenarios::PerfettoSink> perfetto;
    if (!options.perfetto_path.empty()) {
        // Fail before the run, not after it.
        if (!std::ofstream(options.perfetto_path, std::ios::app)) {
            err << "kafkasim run: --perfetto: cannot write " << options.perfetto_path << "\n";
            return exit_bad_input;
        }
        perfetto = std::make_shared<scenarios::PerfettoSink>();
        run.trace_sinks.push_back(perfetto);
    }
    std::ostream& captions = options.json ? err : out;
    if (options.narrate && !options.quiet)
        run.on_caption = [&captions, &lang](const scenarios::Caption& c) {
            captions << "[" << clock(c.at) << "] " << (lang == "ko" ? c.text.ko : c.text.en) << "\n";
        };
    Progress progress(!options.quiet);
    run.on_progress = [&progress](engine::Instant now, engine::Instant end) { progress.update(now, end); };
    const std::uint64_t seed = run.seed.value_or(spec->seed);
    scenarios::RunResult result;
    try {
        result = scenarios::run_scenario(*spec, run);
        if (trace) trace->close();
        if (perfetto) perfetto->write_file(options.perfetto_path, engine::Instant::from_ms(result.sim_time_ms));
    } catch (const engine::AssertionFailure& e) {
        err << "kafkasim run: internal error in " << spec->name << " with seed " << seed << ": " << e.what() << "\n";
        return exit_internal_error;
    } catch (const std::runtime_error& e) {
        err << "kafkasim run: " << e.what() << "\n";
        return exit_bad_input;
    }
    if (options.json) out << json_report(result).dump(2) << "\n";
    else if (!options.quiet) print_text_report(*spec, result, lang, out);
    return result.all_ok() ? exit_ok : exit_expectation_failed;
}

}  // namespace kafkasim::cli
