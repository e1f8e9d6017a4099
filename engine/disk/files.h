// Files: a directory of named files of bytes and the one function that applies a disk
// operation to it. The plain disk keeps its page cache in one; the power-loss wrapper keeps
// the durable image in another and replays the same operations into it, so both always
// agree on what an operation means.
#pragma once

#include <map>
#include <string>

#include "engine/disk/disk.h"

namespace kafkasim::engine {

class Files {
public:
    // Applies `op`; returns the bytes of a read, an empty value otherwise, or the error.
    // A failed operation changes nothing. SyncDisk changes nothing here.
    Result<Bytes> apply(const DiskOp& op);

    const std::map<std::string, Bytes>& all() const { return files_; }
    const Bytes* find(const std::string& name) const;
    std::uint64_t used_bytes() const { return used_; }
    // Sets `name` to `content`, creating it if needed.
    void put(const std::string& name, Bytes content);

private:
    Result<Bytes> create(const CreateFile& op);
    Result<Bytes> append(const AppendFile& op);
    Result<Bytes> read(const ReadFile& op) const;
    Result<Bytes> truncate(const TruncateFile& op);
    Result<Bytes> rename(const RenameFile& op);
    Result<Bytes> remove(const RemoveFile& op);

    std::map<std::string, Bytes> files_;  // ordered: listing and iteration never depend on hashing
    std::uint64_t used_ = 0;
};

}  // namespace kafkasim::engine
