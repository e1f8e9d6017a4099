// SimDisk: the plain simulated disk of one node. It holds the files as the node's processes
// see them (the OS page cache: a process crash loses none of it) and gives each operation a
// latency. It knows nothing of durability: PowerLossDisk wraps it for that (style.md, Seams).
#pragma once

#include "engine/disk/disk.h"
#include "engine/disk/files.h"
#include "engine/net/latency.h"
#include "engine/node.h"

namespace kafkasim::engine {

struct DiskOptions {
    LatencyModel write{Duration::us(10), Duration::us(50)};  // create, append, truncate, rename, remove: into the page cache
    LatencyModel read{Duration::us(10), Duration::us(100)};  // a read, mostly from the page cache
    LatencyModel sync{Duration::ms(1), Duration::ms(8)};     // a sync: to stable storage (an SSD's fsync)
};

class SimDisk : public Disk {
public:
    // Latencies are drawn from the stream "<node name>" / "disk".
    explicit SimDisk(Node& node, DiskOptions options = {});

    // Applies `op` at once; completes after its latency, in submission order.
    void submit(DiskOp op, DiskDone done) override;
    std::vector<std::string> list_now() const override;
    Result<Bytes> read_now(const std::string& name) const override;
    Result<Bytes> read_range_now(const ReadFile& request) const override { return files_.read(request); }
    Result<Block> read_block_now(const ReadFile& request) const override { return files_.read_block(request); }
    std::uint64_t used_bytes() const override { return files_.used_bytes(); }

    // For the power-loss wrapper only: every file becomes exactly `files`.
    void replace_files(Files files) { files_ = std::move(files); }
    const Files& files() const { return files_; }

private:
    const LatencyModel& latency_of(const DiskOp& op) const;

    Node& node_;
    DiskOptions options_;
    Random rng_;
    Files files_;
    Instant last_done_;  // completions keep submission order, as one queue to the device
};

}  // namespace kafkasim::engine
