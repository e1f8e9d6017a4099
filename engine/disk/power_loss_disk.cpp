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
    if (!std::holds_alternative<ReadFile>(op)) pending_.push_back({seq, node_.now(), op});
    inner_.submit(std::move(op), std::move(done));
}

void PowerLossDisk::settle() {
    const Instant now = node_.now();
    while (!pending_.empty()) {
        const Pending& p = pending_.front();
        if (p.seq >= synced_below_ && p.submitted + options_.writeback > now) break;
        durable_.apply(p.op);  // replays exactly as the page cache did, failures included
        pending_.pop_front();
    }
}

namespace {

bool is_metadata(const DiskOp& op) {
    return std::holds_alternative<CreateFile>(op) || std::holds_alternative<TruncateFile>(op) ||
           std::holds_alternative<RenameFile>(op) || std::holds_alternative<RemoveFile>(op);
}

void names_of(const DiskOp& op, std::set<std::string>& out) {
    std::visit(
        [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, RenameFile>) {
                out.insert(o.from);
                out.insert(o.to);
            } else if constexpr (!std::is_same_v<T, SyncDisk>) {
                out.insert(o.name);
            }
        },
        op);
}

}  // namespace

void PowerLossDisk::make_files_durable(std::uint64_t seq, const std::vector<std::string>& files) {
    settle();
    // Newest first: a covered metadata change pulls in the earlier operations on its files.
    std::set<std::string> covered_names(files.begin(), files.end());
    std::vector<bool> covered(pending_.size(), false);
    for (std::size_t i = pending_.size(); i-- > 0;) {
        const Pending& p = pending_[i];
        if (p.seq >= seq) continue;
        std::set<std::string> names;
        names_of(p.op, names);
        const bool touches =
            std::any_of(names.begin(), names.end(), [&](const std::string& n) { return covered_names.contains(n); });
        if (!is_metadata(p.op) && !touches) continue;
        covered[i] = true;
        covered_names.insert(names.begin(), names.end());
    }
    std::deque<Pending> rest;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        if (covered[i]) durable_.apply(pending_[i].op);
        else rest.push_back(std::move(pending_[i]));
    }
    pending_ = std::move(rest);
}

std::size_t PowerLossDisk::pending_ops() {
    settle();
    return pending_.size();
}

void PowerLossDisk::lose_power() {
    settle();
    const std::size_t lost = pending_.size();
    const std::uint64_t torn = options_.torn_tail == TornTail::random ? tear_tails(durable_) : 0;
    pending_.clear();
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
