// bench/disk_throughput: appends per second through a node's whole disk stack (the plain
// disk and its power-loss, capacity and slow-disk wrappers). N nodes each keep D appends of
// B bytes in flight, sync every 64 appends, and start a new file every 4096, until M appends
// in all have completed. Wall time covers the run loop only.
//   disk_throughput [--seed S] N M
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_args.h"
#include "engine/disk/node_disk.h"

namespace {

using namespace kafkasim::engine;

constexpr std::uint64_t depth = 16;
constexpr std::size_t record_bytes = 512;

class Appender : public Process {
public:
    Appender(Disk& disk, std::uint64_t& budget, std::uint64_t& done) : disk_(disk), budget_(budget), done_(done) {
        disk_.create(file(), {});
        for (std::uint64_t i = 0; i < depth; ++i) next();
    }

private:
    std::string file() const { return "segment-" + std::to_string(segment_); }

    void next() {
        if (budget_ == 0) return;
        --budget_;
        if (++issued_ % 4096 == 0) {
            // Roll: the old segment is flushed and dropped, as a log deletes old segments.
            disk_.sync({});
            disk_.remove(file(), {});
            ++segment_;
            disk_.create(file(), {});
        } else if (issued_ % 64 == 0) {
            disk_.sync({});
        }
        disk_.append(file(), Bytes(record_bytes, static_cast<std::uint8_t>(issued_)), [this](DiskStatus s) {
            if (s == DiskStatus::ok) ++done_;
            next();
        });
    }

    Disk& disk_;
    std::uint64_t& budget_;
    std::uint64_t& done_;
    std::uint64_t issued_ = 0;
    std::uint64_t segment_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    kafkasim::bench::SeedAndCounts a;
    if (!kafkasim::bench::parse_seed_and_counts(argc, argv, a) || a.n < 1) {
        std::fprintf(stderr, "usage: disk_throughput [--seed S] N M   (N >= 1 nodes, M appends)\n");
        return 2;
    }
    const std::uint64_t seed = a.seed, nodes = a.n, appends = a.m;
    Simulation sim(seed);
    std::vector<std::unique_ptr<NodeDisk>> disks;
    std::uint64_t budget = appends, done = 0;
    for (std::uint64_t n = 0; n < nodes; ++n) {
        Node& node = sim.add_node("node-" + std::to_string(n));
        disks.push_back(std::make_unique<NodeDisk>(node));
        Disk* disk = &disks.back()->disk();
        node.set_process_factory([disk, &budget, &done](Node&) {
            return std::make_unique<Appender>(*disk, budget, done);
        });
        node.start();
    }
    const auto t0 = std::chrono::steady_clock::now();
    sim.run_all();
    const double loop_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("RESULT bench=disk_throughput N=%llu M=%llu completed=%llu record_bytes=%zu events=%llu sim_ms=%lld "
                "loop_s=%.3f appends_per_s=%.0f trace_hash=%s\n",
                static_cast<unsigned long long>(nodes), static_cast<unsigned long long>(appends),
                static_cast<unsigned long long>(done), record_bytes,
                static_cast<unsigned long long>(sim.events_processed()), static_cast<long long>(sim.now().ms()),
                loop_s, loop_s > 0 ? static_cast<double>(done) / loop_s : 0.0, sim.trace().hash_hex().c_str());
    return done == appends ? 0 : 1;
}
