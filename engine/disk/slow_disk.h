// SlowDisk: the fault wrapper for a slow device (a failing drive, a noisy neighbour). With a
// factor f > 1, every operation completes f times as long after its submission as the disk
// beneath took. Effects on the files are not delayed: only the process waits longer.
// Completions keep submission order.
#pragma once

#include "engine/disk/disk.h"
#include "engine/node.h"

namespace kafkasim::engine {

class SlowDisk : public Disk {
public:
    SlowDisk(Disk& inner, Node& node);

    void submit(DiskOp op, DiskDone done) override;
    std::vector<std::string> list_now() const override { return inner_.list_now(); }
    Result<Bytes> read_now(const std::string& name) const override { return inner_.read_now(name); }
    Result<Bytes> read_range_now(const ReadFile& request) const override { return inner_.read_range_now(request); }
    Result<Block> read_block_now(const ReadFile& request) const override { return inner_.read_block_now(request); }
    std::uint64_t used_bytes() const override { return inner_.used_bytes(); }

    // 1 is healthy. Applies to operations submitted from now on. Leaves a trace record.
    void set_factor(std::uint32_t factor);
    std::uint32_t factor() const { return factor_; }

private:
    void finish(Instant submitted, std::uint32_t factor, DiskDone& done, Result<Bytes> result);

    Disk& inner_;
    Node& node_;
    std::uint32_t factor_ = 1;
    Instant last_done_;         // the latest completion handed on, so that none overtakes another
    std::uint64_t waiting_ = 0;  // slowed operations whose disk beneath has not completed yet
};

}  // namespace kafkasim::engine
