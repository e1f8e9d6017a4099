// CapacityDisk: the fault wrapper for a full disk. With a capacity set, an append that would
// take the files past it fails with DiskStatus::disk_full and writes nothing; every other
// operation passes. The failed append still takes its turn on the device, so completions
// keep their order.
#pragma once

#include <limits>

#include "engine/disk/disk.h"
#include "engine/node.h"

namespace kafkasim::engine {

class CapacityDisk : public Disk {
public:
    static constexpr std::uint64_t unlimited = std::numeric_limits<std::uint64_t>::max();

    CapacityDisk(Disk& inner, Node& node);

    void submit(DiskOp op, DiskDone done) override;
    std::vector<std::string> list_now() const override { return inner_.list_now(); }
    Result<Bytes> read_now(const std::string& name) const override { return inner_.read_now(name); }
    Result<Bytes> read_range_now(const ReadFile& request) const override { return inner_.read_range_now(request); }
    Result<Block> read_block_now(const ReadFile& request) const override { return inner_.read_block_now(request); }
    std::uint64_t used_bytes() const override { return inner_.used_bytes(); }

    // The most bytes the files may hold together; `unlimited` lifts the limit. Files already
    // past it stay as they are. Leaves a trace record.
    void set_capacity(std::uint64_t bytes);
    std::uint64_t capacity() const { return capacity_; }

private:
    Disk& inner_;
    Node& node_;
    std::uint64_t capacity_ = unlimited;
};

}  // namespace kafkasim::engine
