#include "engine/disk/power_loss_disk.h"

#include <algorithm>
#include <set>

namespace kafkasim::engine {

PowerLossDisk::PowerLossDisk(SimDisk& inner, Node& node, DurabilityOptions options)
    : inner_(inner),
      node_(node),
      options_(options),
      torn_rng_(node.sim().random_stream(node.name()).split("disk.torn")),
      durable_(inner.files()) {
    node.add_listener([this](NodeEvent e) {
        if (e == NodeEvent::power_lost) lose_power();
    });
}

namespace {

bool is_metadata(const DiskOp& op) {
    return std::holds_alternative<CreateFile>(op) || std::holds_alternative<TruncateFile>(op) ||
           std::holds_alternative<RenameFile>(op) || std::holds_alternative<RemoveFile>(op);
}

// Calls `f` with each file name `op` names.
template <class F>
void for_each_name(const DiskOp& op, F&& f) {
    std::visit(
        [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, RenameFile>) {
                f(o.from);
                f(o.to);
            } else if constexpr (!std::is_same_v<T, SyncDisk>) {
                f(o.name);
            }
        },
        op);
}

}  // namespace

void PowerLossDisk::submit(DiskOp op, DiskDone done) {
    settle();
    const std::uint64_t seq = next_seq_++;
    if (const auto* sync = std::get_if<SyncDisk>(&op)) {
        // Durable at the sync's completion, as the device acknowledges the flush. A crash
        // that drops the completion drops this too: conservative, see docs/engine.md.
        std::vector<std::string> files = sync->files;
        inner_.submit(std::move(op), [this, seq, files = std::move(files), d = std::move(done)](Result<Bytes> r) {
            if (files.empty()) synced_below_ = std::max(synced_below_, seq);
            else make_files_durable(seq, files);
            if (d) d(std::move(r));
        });
        return;
    }
    if (const auto* append = std::get_if<AppendFile>(&op)) appends_by_file_[append->name].push_back(seq);
    else if (is_metadata(op)) metadata_ops_.push_back(seq);
    if (!std::holds_alternative<ReadFile>(op)) {
        pending_.push_back({seq, node_.now(), op});
        ++volatile_ops_;
    }
    inner_.submit(std::move(op), std::move(done));
}

void PowerLossDisk::settle() {
    const Instant now = node_.now();
    while (!pending_.empty()) {
        Pending& p = pending_.front();
        if (!p.durable) {
            if (p.seq >= synced_below_ && p.submitted + options_.writeback > now) break;
            durable_.apply(p.op);  // replays exactly as the page cache did, failures included
            unindex(p);
            --volatile_ops_;
        }
        pending_.pop_front();
    }
}

void PowerLossDisk::unindex(const Pending& p) {
    // Operations become durable in order within each queue of the index: p is its front.
    if (const auto* append = std::get_if<AppendFile>(&p.op)) {
        const auto it = appends_by_file_.find(append->name);
        SIM_ASSERT(it != appends_by_file_.end() && it->second.front() == p.seq,
                   "a durable append is the oldest pending append of its file");
        it->second.pop_front();
        if (it->second.empty()) appends_by_file_.erase(it);
    } else {
        SIM_ASSERT(!metadata_ops_.empty() && metadata_ops_.front() == p.seq,
                   "a durable metadata change is the oldest pending one");
        metadata_ops_.pop_front();
    }
}

PowerLossDisk::Pending& PowerLossDisk::pending_at(std::uint64_t seq) {
    const auto it = std::lower_bound(pending_.begin(), pending_.end(), seq,
                                     [](const Pending& p, std::uint64_t s) { return p.seq < s; });
    SIM_ASSERT(it != pending_.end() && it->seq == seq && !it->durable, "an indexed operation is pending");
    return *it;
}

void PowerLossDisk::make_files_durable(std::uint64_t seq, const std::vector<std::string>& files) {
    settle();
    // Covered: every create, truncate, rename and remove before the sync, and each file's
    // appends before the latest covered operation that names it (the sync itself for the
    // synced files), as a walk from the newest operation back would find them.
    std::map<std::string, std::uint64_t> appends_below;
    for (const std::string& f : files) appends_below[f] = seq;
    std::vector<std::uint64_t> covered;
    while (!metadata_ops_.empty() && metadata_ops_.front() < seq) {
        const std::uint64_t m = metadata_ops_.front();
        metadata_ops_.pop_front();
        covered.push_back(m);
        for_each_name(pending_at(m).op, [&](const std::string& name) {
            std::uint64_t& below = appends_below[name];
            below = std::max(below, m);
        });
    }
    for (const auto& [name, below] : appends_below) {
        const auto it = appends_by_file_.find(name);
        if (it == appends_by_file_.end()) continue;
        std::deque<std::uint64_t>& seqs = it->second;
        while (!seqs.empty() && seqs.front() < below) {
            covered.push_back(seqs.front());
            seqs.pop_front();
        }
        if (seqs.empty()) appends_by_file_.erase(it);
    }
    // In submission order, as the device would have written them.
    std::sort(covered.begin(), covered.end());
    for (const std::uint64_t s : covered) {
        Pending& p = pending_at(s);
        durable_.apply(p.op);
        p.durable = true;
        p.op = SyncDisk{};  // releases the data: the image holds it now
        --volatile_ops_;
    }
    settle();
}

std::size_t PowerLossDisk::pending_ops() {
    settle();
    return volatile_ops_;
}

void PowerLossDisk::lose_power() {
    settle();
    const std::size_t lost = volatile_ops_;
    const std::uint64_t torn = options_.torn_tail == TornTail::random ? tear_tails(durable_) : 0;
    pending_.clear();
    appends_by_file_.clear();
    metadata_ops_.clear();
    volatile_ops_ = 0;
    synced_below_ = next_seq_;
    inner_.replace_files(durable_);
    node_.trace("disk.power_loss", {{"lost_ops", static_cast<std::uint64_t>(lost)}, {"torn_files", torn}});
}

// A file whose only pending operations are appends holds its durable bytes followed by the
// appended ones; the device may have written any prefix of those (pages go out in no
// promised order, but a log reader only cares where the valid prefix ends). Files with a
// pending create, truncate, rename or remove go back to their durable state whole.
std::uint64_t PowerLossDisk::tear_tails(Files& image) {
    std::set<std::string> appended;
    std::set<std::string> other;
    for (const Pending& p : pending_) {
        if (p.durable) continue;
        std::visit(
            [&](const auto& o) {
                using T = std::decay_t<decltype(o)>;
                if constexpr (std::is_same_v<T, AppendFile>) appended.insert(o.name);
                else if constexpr (std::is_same_v<T, RenameFile>) other.insert({o.from, o.to});
                else if constexpr (std::is_same_v<T, CreateFile> || std::is_same_v<T, TruncateFile> ||
                                   std::is_same_v<T, RemoveFile>)
                    other.insert(o.name);
            },
            p.op);
    }
    std::uint64_t torn = 0;
    for (const std::string& name : appended) {
        const FileBytes* durable = image.find(name);
        const FileBytes* written = inner_.files().find(name);
        if (other.contains(name) || durable == nullptr || written == nullptr) continue;
        if (written->size() <= durable->size()) continue;
        const auto cut = static_cast<std::size_t>(torn_rng_.uniform_between(
            static_cast<std::int64_t>(durable->size()), static_cast<std::int64_t>(written->size())));
        FileBytes kept = *written;
        kept.truncate(cut);
        image.put(name, std::move(kept));
        ++torn;
    }
    return torn;
}

}  // namespace kafkasim::engine
