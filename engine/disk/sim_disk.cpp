#include "engine/disk/sim_disk.h"

#include <algorithm>

namespace kafkasim::engine {

SimDisk::SimDisk(Node& node, DiskOptions options)
    : node_(node), options_(options), rng_(node.sim().random_stream(node.name()).split("disk")) {}

const LatencyModel& SimDisk::latency_of(const DiskOp& op) const {
    if (std::holds_alternative<ReadFile>(op)) return options_.read;
    if (std::holds_alternative<SyncDisk>(op)) return options_.sync;
    return options_.write;
}

void SimDisk::submit(DiskOp op, DiskDone done) {
    SIM_ASSERT(node_.is_up(), "a stopped node submits no disk operations");
    Result<Bytes> result = files_.apply(op);
    const Instant at = std::max(node_.now() + latency_of(op).draw(rng_), last_done_);
    last_done_ = at;
    if (!done) return;
    const std::uint64_t incarnation = node_.incarnation();
    node_.sim().schedule_at(at, [this, incarnation, d = std::move(done), r = std::move(result)]() mutable {
        node_.dispatch_to(incarnation, [d = std::move(d), r = std::move(r)]() mutable { d(std::move(r)); });
    });
}

std::vector<std::string> SimDisk::list_now() const {
    std::vector<std::string> names;
    names.reserve(files_.all().size());
    for (const auto& [name, bytes] : files_.all()) names.push_back(name);
    return names;
}

Result<Bytes> SimDisk::read_now(const std::string& name) const {
    const FileBytes* f = files_.find(name);
    if (f == nullptr) return Result<Bytes>::failure(DiskStatus::not_found);
    return f->all();
}

}  // namespace kafkasim::engine
