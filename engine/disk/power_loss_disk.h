// PowerLossDisk: the fault wrapper that knows what is durable (design.md, "Failures, and
// what survives them"; after LevelDB's db/fault_injection_test.cc and FoundationDB's
// AsyncFileNonDurable). It sits directly on the plain disk and keeps two things:
// - the durable image: the files as stable storage holds them;
// - the operations submitted since, in order, each with its submission time.
// An operation moves into the durable image once a sync submitted after it that covers it has
// completed, or writeback has passed since it was submitted. Write-back and whole-disk syncs
// make a prefix durable; a file sync makes that file's earlier operations durable and every
// earlier create, truncate, rename and remove (with the earlier operations on the files each
// names), so for each file a prefix of its operations is durable, and the metadata changes
// are durable in order. The log is folded in lazily (at each submission, at a sync's
// completion and at a power loss): no timer is needed. A file sync finds what it covers
// through an index by file, without reading the other files' pending appends.
// A process crash leaves everything as it is; a power loss sets the plain disk back to the
// durable image, optionally with torn tails.
#pragma once

#include <deque>
#include <map>

#include "engine/disk/sim_disk.h"

namespace kafkasim::engine {

enum class TornTail : std::uint8_t {
    off,     // a power loss keeps exactly the durable bytes
    random,  // each file that was only appended to keeps a random part of its unsynced tail
};

struct DurabilityOptions {
    Duration writeback = Duration::ms(30000);  // written data is durable this long after (Linux dirty_expire_centisecs)
    TornTail torn_tail = TornTail::off;        // what a power loss does to unsynced appends
};

class PowerLossDisk : public Disk {
public:
    // Whatever `inner` holds now counts as durable. Torn tails draw from "<node>" / "disk.torn".
    PowerLossDisk(SimDisk& inner, Node& node, DurabilityOptions options = {});

    void submit(DiskOp op, DiskDone done) override;
    std::vector<std::string> list_now() const override { return inner_.list_now(); }
    Result<Bytes> read_now(const std::string& name) const override { return inner_.read_now(name); }
    Result<Bytes> read_range_now(const ReadFile& request) const override { return inner_.read_range_now(request); }
    Result<Block> read_block_now(const ReadFile& request) const override { return inner_.read_block_now(request); }
    std::uint64_t used_bytes() const override { return inner_.used_bytes(); }

    void set_torn_tail(TornTail torn) { options_.torn_tail = torn; }
    // Operations not yet durable (after folding in what is).
    std::size_t pending_ops();

private:
    struct Pending {
        std::uint64_t seq;
        Instant submitted;
        DiskOp op;
        bool durable = false;  // made durable by a file sync ahead of its turn; op is dropped
    };

    void settle();
    // A file sync submitted as operation `seq` of `files` completed.
    void make_files_durable(std::uint64_t seq, const std::vector<std::string>& files);
    Pending& pending_at(std::uint64_t seq);
    // Takes a pending operation that became durable out of the index.
    void unindex(const Pending& p);
    void lose_power();
    std::uint64_t tear_tails(Files& image);

    SimDisk& inner_;
    Node& node_;
    DurabilityOptions options_;
    Random torn_rng_;
    Files durable_;
    // Every operation submitted since the durable image was last caught up, in order; those
    // a file sync made durable stay as markers until write-back reaches them.
    std::deque<Pending> pending_;
    std::size_t volatile_ops_ = 0;  // entries of pending_ not yet durable
    // The index a file sync reads instead of the whole list: the seqs of the appends not yet
    // durable, per file, and of the creates, truncates, renames and removes, in order.
    std::map<std::string, std::deque<std::uint64_t>> appends_by_file_;
    std::deque<std::uint64_t> metadata_ops_;
    std::uint64_t next_seq_ = 0;
    std::uint64_t synced_below_ = 0;  // every operation with a smaller seq is covered by a completed sync
};

}  // namespace kafkasim::engine
