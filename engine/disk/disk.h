// Disk: the seam through which a node's processes reach their files (style.md, "Seams").
// One disk per node, a flat directory of named files of bytes. Implementations: SimDisk (the
// plain disk: page cache and latency) and the fault wrappers around it (power loss, capacity,
// slowness); NodeDisk stacks them.
//
// Contract of every operation (submit and the helpers below):
// - It takes effect on the files as the process sees them (the page cache) when it is
//   submitted: a later read, or a process restarted after a crash, sees it.
// - It becomes durable (survives a power loss) only at the completion of a sync submitted
//   after it that covers it, or writeback after it was submitted (docs/engine.md).
// - Its completion runs later, never inside the call, on the owning node: completions run in
//   submission order, wait out a pause, and are dropped if the process crashes first.
// - Errors are values (DiskStatus), never exceptions.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "engine/assert.h"
#include "engine/disk/block.h"

namespace kafkasim::engine {

enum class DiskStatus : std::uint8_t {
    ok,
    not_found,       // no file of that name
    already_exists,  // create of a name in use
    out_of_range,    // a read past the end, or a truncate that would grow the file
    disk_full,       // an append that does not fit; nothing was written
};
std::string_view to_string(DiskStatus status);

// A value or the error that stands in its place.
template <class T>
class Result {
public:
    Result(T value) : status_(DiskStatus::ok), value_(std::move(value)) {}
    static Result failure(DiskStatus status) {
        SIM_ASSERT(status != DiskStatus::ok, "a failure needs an error status");
        return Result(status);
    }
    bool ok() const { return status_ == DiskStatus::ok; }
    DiskStatus status() const { return status_; }
    const T& value() const {
        SIM_ASSERT(ok(), "value() of a failed result: check ok() first");
        return value_;
    }
    T take() && {
        SIM_ASSERT(ok(), "take() of a failed result: check ok() first");
        return std::move(value_);
    }

private:
    explicit Result(DiskStatus status) : status_(status), value_() {}
    DiskStatus status_;
    T value_;
};

struct CreateFile {
    std::string name;
};
struct AppendFile {
    std::string name;
    Block data;  // shared, never copied, by the page cache and the durable image
};
struct ReadFile {
    std::string name;
    std::uint64_t offset = 0;
    std::uint64_t length = std::numeric_limits<std::uint64_t>::max();  // to the end
};
struct TruncateFile {
    std::string name;
    std::uint64_t length = 0;  // at most the file's size
};
// Atomic: a power loss leaves either the old or the new name, never both or neither.
// Replaces `to` if it exists.
struct RenameFile {
    std::string from;
    std::string to;
};
struct RemoveFile {
    std::string name;
};
// With no files, sync(2): makes durable everything submitted before it, to every file. With
// files, fsync(2) of each: makes durable what was submitted before it to those files, and every
// earlier create, truncate, rename and remove (the journal commit), with what each of those
// depends on (see docs/engine.md).
struct SyncDisk {
    std::vector<std::string> files;
};

using DiskOp = std::variant<CreateFile, AppendFile, ReadFile, TruncateFile, RenameFile, RemoveFile, SyncDisk>;

// The bytes read by a ReadFile; empty for every other operation.
using DiskDone = std::function<void(Result<Bytes>)>;
using StatusDone = std::function<void(DiskStatus)>;
using ReadDone = std::function<void(Result<Bytes>)>;

class Disk {
public:
    virtual ~Disk() = default;

    // Caller guarantees the owning node is up. `done` may be empty.
    virtual void submit(DiskOp op, DiskDone done) = 0;

    // Synchronous views of the files as the process sees them, costing no simulated time:
    // for a process rebuilding itself from its files when it starts (design.md, Restart).
    virtual std::vector<std::string> list_now() const = 0;  // sorted by name
    virtual Result<Bytes> read_now(const std::string& name) const = 0;
    // The range `request` names, with ReadFile's errors: for a process that serves reads from
    // what the page cache holds without waiting for the disk.
    virtual Result<Bytes> read_range_now(const ReadFile& request) const = 0;
    // The same as one block (block.h): a view of the bytes one append wrote, not a copy, when
    // the range lies within it. For a log that reads back and sends on whole batches.
    virtual Result<Block> read_block_now(const ReadFile& request) const = 0;
    virtual std::uint64_t used_bytes() const = 0;  // sum of every file's size

    // Typed helpers over submit().
    void create(std::string name, StatusDone done);
    void append(std::string name, Block data, StatusDone done);
    void read(ReadFile request, ReadDone done);
    void truncate(std::string name, std::uint64_t length, StatusDone done);
    void rename(std::string from, std::string to, StatusDone done);
    void remove(std::string name, StatusDone done);
    void sync(StatusDone done);                                    // the whole disk
    void sync(std::vector<std::string> files, StatusDone done);    // those files
};

}  // namespace kafkasim::engine
