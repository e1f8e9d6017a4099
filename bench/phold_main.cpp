// bench/phold: the engine benchmark of ../shared/phold.md, one variant per process.
//   phold [--variant engine|bare] [--seed S] N M E
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bench/phold_model.h"

namespace {

constexpr const char* usage = "usage: phold [--variant engine|bare] [--seed S] N M E\n";

// --help: the usage and the runs whose figures the README quotes.
constexpr const char* help =
    "Runs PHOLD (N logical processes, M initial events each, E events) on the engine's event\n"
    "queue (--variant engine, the default) or on a plain std::priority_queue (--variant bare,\n"
    "the limit), and prints one RESULT line with the run's fingerprint and its event rate.\n"
    "\n"
    "The runs to compare (seed 42; a run that processes the same events in the same order\n"
    "prints this fingerprint):\n"
    "  phold 1024 16 20000000    final_time=1342802611 checksum=93b0baa6cf101d67\n"
    "  phold 65536 16 20000000   final_time=21075600 checksum=8f1f9b5bbab2c46d\n"
    "Time each variant as a whole process, engine and bare alternating, five pairs or more,\n"
    "and compare the medians of each pair's ratio: a machine's speed drifts, and a shorter run\n"
    "(E of a few million, well under a second) measures the drift more than the engine.\n";

bool parse_u64(const std::string& s, std::uint64_t& out) {
    if (s.empty() || s.size() > 19) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    out = std::strtoull(s.c_str(), nullptr, 10);
    return true;
}

long peak_rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

int bad(const std::string& why) {
    std::fprintf(stderr, "phold: %s\n%s", why.c_str(), usage);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace kafkasim::bench;
    PholdVariant variant = PholdVariant::engine;
    PholdParams p;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::fputs(usage, stdout);
            std::fputs(help, stdout);
            return 0;
        } else if (a == "--variant" && i + 1 < argc) {
            const std::string v = argv[++i];
            if (v == "engine") variant = PholdVariant::engine;
            else if (v == "bare") variant = PholdVariant::bare;
            else return bad("unknown variant '" + v + "'");
        } else if (a == "--seed" && i + 1 < argc) {
            if (!parse_u64(argv[++i], p.seed)) return bad("--seed needs a non-negative integer");
        } else if (!a.empty() && a[0] == '-') {
            return bad("unknown or incomplete option '" + a + "'");
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 3) return bad("expected N M E");
    std::uint64_t n = 0, m = 0, e = 0;
    if (!parse_u64(positional[0], n) || n == 0 || n > 0xffffffffu) return bad("N must be 1..2^32-1");
    if (!parse_u64(positional[1], m) || m == 0 || m > 0xffffffffu) return bad("M must be 1..2^32-1");
    if (!parse_u64(positional[2], e)) return bad("E must be a non-negative integer");
    p.lps = static_cast<std::uint32_t>(n);
    p.events_per_lp = static_cast<std::uint32_t>(m);
    p.total_events = e;

    const PholdResult r = run_phold(variant, p);
    const double rate = r.loop_s > 0 ? static_cast<double>(r.processed) / r.loop_s : 0.0;
    std::printf(
        "RESULT engine=kafkasim variant=%s N=%u M=%u E=%llu processed=%llu final_time=%lld "
        "checksum=%s setup_s=%.3f loop_s=%.3f loop_ev_per_s=%.0f peak_rss_kib=%ld\n",
        variant == PholdVariant::engine ? "engine" : "bare", p.lps, p.events_per_lp,
        static_cast<unsigned long long>(p.total_events), static_cast<unsigned long long>(r.processed),
        static_cast<long long>(r.final_time), fingerprint_hex(r.checksum).c_str(), r.setup_s, r.loop_s,
        rate, peak_rss_kib());
    return 0;
}
