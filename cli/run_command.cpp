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
#include "scenarios/loader/utf8_text.h"

namespace kafkasim::cli {

namespace {

constexpr std::uint64_t max_seed = (std::uint64_t{1} << 53) - 1;

// A decimal integer in [0, max]; nullopt for anything else.
std::optional<std::uint64_t> parse_count(const std::string& s, std::uint64_t max) {
    if (s.empty() || s.size() > 16) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v <= max ? std::optional(v) : std::nullopt;
}

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
        if (!enabled_ || now() - begun_ < std::chrono::seconds(1)) return;
        shown_ = true;
        const auto pct = end.us() > 0 ? sim_now.us() * 100 / end.us() : 100;
        std::fprintf(stderr, "\rkafkasim run: simulated %lld of %lld s (%lld%%)", static_cast<long long>(sim_now.ms() / 1000),
                     static_cast<long long>(end.ms() / 1000), static_cast<long long>(pct));
    }

private:
    static std::chrono::steady_clock::time_point now() { return std::chrono::steady_clock::now(); }
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point begun_;
};

}  // namespace

int run_run(const RunCommandOptions& options, std::ostream& out, std::ostream& err) {
    const std::string lang = options.lang.empty() ? default_lang() : options.lang;
    if (lang != "en" && lang != "ko") {
        err << "kafkasim run: --lang must be en or ko, not \"" << scenarios::printable(lang) << "\"\n";
        return exit_bad_input;
    }
    scenarios::RunOptions run;
    run.trace_sinks = options.trace_sinks;
    if (!options.seed.empty()) {
        run.seed = parse_count(options.seed, max_seed);
        if (!run.seed) {
            err << "kafkasim run: --seed must be an integer from 0 to " << max_seed << ", not \"" << scenarios::printable(options.seed) << "\"\n";
            return exit_bad_input;
        }
    }
    if (!options.until_ms.empty()) {
        const auto until = parse_count(options.until_ms, scenarios::max_time_ms);
        if (!until) {
            err << "kafkasim run: --until must be milliseconds from 0 to " << scenarios::max_time_ms << ", not \""
                << scenarios::printable(options.until_ms) << "\"\n";
            return exit_bad_input;
        }
        run.until = engine::Duration::ms(static_cast<std::int64_t>(*until));
    }
    std::vector<std::pair<std::string, std::string>> knobs;
    for (const std::string& k : options.knobs) {
        const auto eq = k.find('=');
        if (eq == std::string::npos || eq == 0) {
            err << "kafkasim run: --knob takes NAME=VALUE, not \"" << scenarios::printable(k) << "\"\n";
            return exit_bad_input;
        }
        knobs.emplace_back(k.substr(0, eq), k.substr(eq + 1));
    }
    const auto path = scenarios::resolve_scenario(options.scenario);
    if (!path) {
        err << "kafkasim run: \"" << scenarios::printable(options.scenario) << "\" is neither a file nor a bundled scenario (see kafkasim list)\n";
        return exit_bad_input;
    }
    const scenarios::LoadResult loaded = scenarios::load_scenario_file(*path, knobs);
    if (!loaded.spec) {
        for (const std::string& e : loaded.errors) err << "kafkasim run: " << e << "\n";
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
    const std::uint64_t seed = run.seed.value_or(loaded.spec->seed);
    scenarios::RunResult result;
    try {
        result = scenarios::run_scenario(*loaded.spec, run);
        if (trace) trace->close();
        if (perfetto) perfetto->write_file(options.perfetto_path, engine::Instant::from_ms(result.sim_time_ms));
    } catch (const engine::AssertionFailure& e) {
        err << "kafkasim run: internal error in " << loaded.spec->name << " with seed " << seed << ": " << e.what() << "\n";
        return exit_internal_error;
    } catch (const std::runtime_error& e) {
        err << "kafkasim run: " << e.what() << "\n";
        return exit_bad_input;
    }
    if (options.json) out << json_report(result).dump(2) << "\n";
    else if (!options.quiet) print_text_report(*loaded.spec, result, lang, out);
    return result.all_ok() ? exit_ok : exit_expectation_failed;
}

}  // namespace kafkasim::cli
