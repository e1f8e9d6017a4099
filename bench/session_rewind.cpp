// bench/session_rewind (issue 28): for every bundled scenario (or those named), how long the
// visualizer's rewind takes. A session is stepped to the end without looking; then it rewinds
// to the worst event (the last one: a re-execution runs every event before it and builds the
// window's views) and, from there, steps back inside the window. Prints per scenario: events,
// the wall time of a plain run, of that rewind, of one step back inside the window, of the
// step to the end (checkers and the end's view), and the process's peak resident memory.
//   session_rewind [--window W] [NAME...]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_args.h"
#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/run_session.h"

namespace {

using namespace kafkasim;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

long peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t window = scenarios::SessionOptions{}.window;
    std::vector<std::string> names;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--window") {
            if (i + 1 >= argc || !bench::parse_u64(argv[i + 1], window) || window < 1) {
                std::fprintf(stderr, "usage: session_rewind [--window W] [NAME...]\n");
                return 2;
            }
            ++i;
        } else {
            names.emplace_back(argv[i]);
        }
    }
    std::printf("%-26s %8s %9s %11s %10s %9s %9s\n", "scenario", "events", "run_ms", "rewind_ms", "back_ms",
                "end_ms", "rss_MiB");
    for (const auto& [name, path] : scenarios::library_scenarios()) {
        if (!names.empty() && std::find(names.begin(), names.end(), name) == names.end()) continue;
        const scenarios::LoadResult loaded = scenarios::load_scenario_file(path);
        if (!loaded.spec) continue;
        scenarios::SessionOptions options;
        options.window = window;
        Clock::time_point t = Clock::now();
        scenarios::run_scenario(*loaded.spec);
        const double run_ms = ms_since(t);

        scenarios::RunSession session(*loaded.spec, options);
        while (session.step()) {
        }
        const std::uint64_t last = *session.end_event() - 1;
        // From the end (no view kept on the way) to the last event: a re-execution of every
        // event and the window's views built.
        t = Clock::now();
        session.rewind_to(last);
        session.view();
        const double rewind_ms = ms_since(t);
        t = Clock::now();
        session.step_back();
        session.view();
        const double back_ms = ms_since(t);
        // Forward again to the end: the checkers and the end-of-run expectations, one view.
        session.run_to_event(last);
        t = Clock::now();
        session.step();
        session.view();
        const double view_ms = ms_since(t);
        std::printf("%-26s %8llu %9.1f %11.1f %10.3f %9.2f %9ld\n", name.c_str(), static_cast<unsigned long long>(last),
                    run_ms, rewind_ms, back_ms, view_ms, peak_rss_mib());
    }
    return 0;
}
