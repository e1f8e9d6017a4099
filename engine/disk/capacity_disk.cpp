#include "engine/disk/capacity_disk.h"

namespace kafkasim::engine {

CapacityDisk::CapacityDisk(Disk& inner, Node& node) : inner_(inner), node_(node) {}

void CapacityDisk::set_capacity(std::uint64_t bytes) {
    capacity_ = bytes;
    node_.trace("disk.capacity", {{"bytes", bytes == unlimited ? std::int64_t{-1} : static_cast<std::int64_t>(bytes)}});
}

void CapacityDisk::submit(DiskOp op, DiskDone done) {
    auto* append = std::get_if<AppendFile>(&op);
    const std::uint64_t used = inner_.used_bytes();
    if (append == nullptr || (used <= capacity_ && append->data.size() <= capacity_ - used)) {
        inner_.submit(std::move(op), std::move(done));
        return;
    }
    node_.trace("disk.full", {{"file", append->name}, {"bytes", static_cast<std::uint64_t>(append->data.size())}});
    // An empty append in its place: it fails as the real one would for a missing file, and
    // otherwise completes in its turn with the error.
    inner_.submit(AppendFile{std::move(append->name), {}}, [d = std::move(done)](Result<Bytes> r) {
        if (!d) return;
        d(r.ok() ? Result<Bytes>::failure(DiskStatus::disk_full) : std::move(r));
    });
}

}  // namespace kafkasim::engine
