// bench/scale (issue 30): runs the scale scenarios bench/scale_scenario.h writes and prints, for
// each size, simulated seconds per wall second, events, events per wall second, the end-of-run
// checkers' time and peak RSS. Each size runs in a child process of its own, so that its peak
// RSS (wait4) is its own. The sizes: the rows (100 brokers × 10 000 partitions as two
// topics of 5 000, RF 3, × 10 groups of 100 members, idle and with 4 producers × 500 records/s)
// and a ladder of 500 to 5 000 partitions at that same load, whose wall times give the growth
// exponent (a least-squares fit of log wall time against log partitions). Each run stops at
// its duration_ms (the drained phase is left out: `until`).
//   scale [--duration-ms D] [SIZE...]          the named sizes (default: every size but smoke)
//   scale --list                               the sizes
//   scale --write|--run [--brokers B] [--partitions P] [--topic-partitions T] [--rf R]
//         [--groups G] [--members M] [--producers N] [--rate R] [--duration-ms D] [--seed S]
//                                              writes the scenario file to stdout, or runs it
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_args.h"
#include "bench/scale_scenario.h"
#include "scenarios/loader/scenario_loader.h"
#include "scenarios/runner/scenario_run.h"

namespace {

using namespace kafkasim;
using bench::ScaleSize;

std::vector<ScaleSize> sizes() {
    ScaleSize idle;
    idle.name = "issue-idle";
    ScaleSize load = idle;
    load.name = "issue-load";
    load.producers = 4;
    ScaleSize smoke;
    smoke.name = "smoke";
    smoke.brokers = 3;
    smoke.partitions = 60;
    smoke.max_topic_partitions = 30;
    smoke.groups = 2;
    smoke.members = 3;
    smoke.producers = 2;
    smoke.rate_per_s = 100;
    smoke.duration_ms = 10000;
    std::vector<ScaleSize> out{smoke};
    for (const std::int32_t p : {500, 1000, 2000, 5000}) {
        ScaleSize rung = load;
        rung.name = "ladder-" + std::to_string(p);
        rung.partitions = p;
        rung.max_topic_partitions = p / 2;  // two topics, as the rows
        out.push_back(rung);
    }
    out.push_back(idle);
    out.push_back(load);
    return out;
}

int usage() {
    std::fprintf(stderr,
                 "usage: scale [--duration-ms D] [SIZE...] | scale --list | scale --write|--run [--brokers B] "
                 "[--partitions P] [--topic-partitions T] [--rf R] [--groups G] [--members M] [--producers N] "
                 "[--rate R] [--duration-ms D] [--seed S]\n");
    return 2;
}

// Runs `size` in this process and prints its line but for the peak RSS, which the parent adds;
// writes the run's wall time (a double) to `wall_fd`.
int run_size(const ScaleSize& size, int wall_fd) {
    scenarios::Errors errors;
    const scenarios::ScenarioSpec spec = scenarios::load_scenario(bench::scale_scenario(size), size.name, errors);
    if (!errors.all().empty()) {
        for (const scenarios::LoadError& e : errors.all()) std::fprintf(stderr, "%s: %s\n", e.path.c_str(), e.message.c_str());
        return 2;
    }
    scenarios::RunOptions options;
    options.until = engine::Duration::ms(size.duration_ms);
    const auto t0 = std::chrono::steady_clock::now();
    scenarios::ScenarioRun run(spec, options);
    run.run_to_end();
    const auto t1 = std::chrono::steady_clock::now();
    const scenarios::RunResult r = run.finish();
    const auto t2 = std::chrono::steady_clock::now();
    const double wall_s = std::chrono::duration<double>(t1 - t0).count();
    const double sim_s = static_cast<double>(r.sim_time_ms) / 1000;
    std::printf("RESULT bench=scale size=%s brokers=%d partitions=%d topics=%d rf=%d groups=%d members=%d producers=%d "
                "rate_per_s=%.0f sim_s=%.1f wall_s=%.2f sim_s_per_wall_s=%.3f events=%llu events_per_wall_s=%.0f "
                "finish_s=%.2f trace_hash=%016llx errors=%zu",
                size.name.c_str(), size.brokers, size.partitions, bench::topic_count(size), size.replication_factor,
                size.groups, size.members, size.producers, size.rate_per_s, sim_s, wall_s, sim_s / wall_s,
                static_cast<unsigned long long>(r.events), static_cast<double>(r.events) / wall_s,
                std::chrono::duration<double>(t2 - t1).count(), static_cast<unsigned long long>(r.trace_hash),
                r.errors.size());
    std::fflush(stdout);
    if (write(wall_fd, &wall_s, sizeof wall_s) != sizeof wall_s) return 1;
    for (const std::string& e : r.errors) std::fprintf(stderr, "%s: %s\n", size.name.c_str(), e.c_str());
    return r.errors.empty() ? 0 : 1;
}

// Runs `size` in a child process; the run's wall time in seconds (loading and the checkers
// excluded), or a negative number on failure.
double run_child(const ScaleSize& size) {
    std::fflush(stdout);
    int fds[2];
    if (pipe(fds) != 0) return -1;
    const pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        close(fds[0]);
        std::_Exit(run_size(size, fds[1]));
    }
    close(fds[1]);
    double wall_s = -1;
    if (read(fds[0], &wall_s, sizeof wall_s) != sizeof wall_s) wall_s = -1;
    close(fds[0]);
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid) return -1;
    std::printf(" peak_rss_mb=%.1f\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    std::fflush(stdout);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? wall_s : -1;
}

bool parse_i32(const char* s, std::int32_t& out) {
    std::uint64_t v = 0;
    if (!bench::parse_u64(s, v) || v > 2'000'000'000) return false;
    out = static_cast<std::int32_t>(v);
    return true;
}

// The --write / --run parameters into `size`; false on a bad flag or value.
bool parse_size(int argc, char** argv, int first, ScaleSize& size) {
    for (int i = first; i < argc; i += 2) {
        const std::string_view flag = argv[i];
        if (i + 1 >= argc) return false;
        const char* v = argv[i + 1];
        std::uint64_t u = 0;
        bool ok = true;
        if (flag == "--brokers") ok = parse_i32(v, size.brokers);
        else if (flag == "--partitions") ok = parse_i32(v, size.partitions);
        else if (flag == "--topic-partitions") ok = parse_i32(v, size.max_topic_partitions) && size.max_topic_partitions > 0;
        else if (flag == "--rf") ok = parse_i32(v, size.replication_factor);
        else if (flag == "--groups") ok = parse_i32(v, size.groups);
        else if (flag == "--members") ok = parse_i32(v, size.members);
        else if (flag == "--producers") ok = parse_i32(v, size.producers);
        else if (flag == "--rate" && (ok = bench::parse_u64(v, u))) size.rate_per_s = static_cast<double>(u);
        else if (flag == "--duration-ms" && (ok = bench::parse_u64(v, u))) size.duration_ms = static_cast<std::int64_t>(u);
        else if (flag == "--seed") ok = bench::parse_u64(v, size.seed);
        else if (flag != "--rate" && flag != "--duration-ms") return false;
        if (!ok) return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string_view mode = argc > 1 ? argv[1] : "";
    if (mode == "--list") {
        for (const ScaleSize& s : sizes())
            std::printf("%s: %d brokers, %d partitions in %d topics, RF %d, %d groups x %d, %d producers x %.0f/s, %lld ms\n",
                        s.name.c_str(), s.brokers, s.partitions, bench::topic_count(s), s.replication_factor, s.groups,
                        s.members, s.producers, s.rate_per_s, static_cast<long long>(s.duration_ms));
        return 0;
    }
    if (mode == "--write" || mode == "--run") {
        ScaleSize size;
        size.name = "custom";
        if (!parse_size(argc, argv, 2, size)) return usage();
        if (mode == "--write") {
            std::printf("%s\n", bench::scale_scenario(size).dump(2).c_str());
            return 0;
        }
        return run_child(size) < 0 ? 1 : 0;
    }
    std::int64_t duration_ms = -1;
    std::vector<std::string> names;
    for (int i = 1; i < argc; ++i) {
        std::uint64_t d = 0;
        if (std::string_view(argv[i]) == "--duration-ms") {
            if (i + 1 >= argc || !bench::parse_u64(argv[i + 1], d) || d == 0) return usage();
            duration_ms = static_cast<std::int64_t>(d);
            ++i;
        } else {
            names.emplace_back(argv[i]);
        }
    }
    int status = 0;
    std::vector<std::pair<double, double>> ladder;  // (log partitions, log wall s)
    for (ScaleSize s : sizes()) {
        const bool named = std::find(names.begin(), names.end(), s.name) != names.end();
        if (names.empty() ? s.name == "smoke" : !named) continue;
        if (duration_ms > 0) s.duration_ms = duration_ms;
        const double wall = run_child(s);
        if (wall < 0) status = 1;
        else if (s.name.starts_with("ladder-") || s.name == "issue-load")
            ladder.emplace_back(std::log(s.partitions), std::log(wall));
    }
    if (ladder.size() >= 2) {
        double mx = 0, my = 0;
        for (const auto& [x, y] : ladder) mx += x, my += y;
        mx /= static_cast<double>(ladder.size());
        my /= static_cast<double>(ladder.size());
        double sxy = 0, sxx = 0;
        for (const auto& [x, y] : ladder) sxy += (x - mx) * (y - my), sxx += (x - mx) * (x - mx);
        std::printf("RESULT bench=scale ladder_points=%zu growth_exponent=%.2f\n", ladder.size(), sxy / sxx);
    }
    for (const std::string& n : names) {
        bool known = false;
        for (const ScaleSize& s : sizes()) known = known || s.name == n;
        if (!known) {
            std::fprintf(stderr, "scale: no size named %s (scale --list)\n", n.c_str());
            status = 2;
        }
    }
    return status;
}
