// Files: a directory of named files of bytes and the one function that applies a disk
// operation to it. The plain disk keeps its page cache in one; the power-loss wrapper keeps
// the durable image in another and replays the same operations into it, so both always
// agree on what an operation means. A file's bytes are views of shared blocks (file_bytes.h):
// replaying an append into the image shares the page cache's block instead of copying it.
#pragma once

#include <map>
#include <string>

#include "engine/disk/disk.h"
#include "engine/disk/file_bytes.h"

namespace kafkasim::engine {

class Files {
public:
    // Applies `op`; returns the bytes of a read, an empty value otherwise, or the error.
    // A failed operation changes nothing. SyncDisk changes nothing here.
    Result<Bytes> apply(const DiskOp& op);

    // The range a ReadFile names, or its error.
    Result<Bytes> read(const ReadFile& op) const;
    // The same range as one block, shared rather than copied where one append wrote it.
    Result<Block> read_block(const ReadFile& op) const;

    const std::map<std::string, FileBytes>& all() const { return files_; }
    const FileBytes* find(const std::string& name) const;
    std::uint64_t used_bytes() const { return used_; }
    // Sets `name` to `content`, creating it if needed.
    void put(const std::string& name, FileBytes content);

private:
    Result<Bytes> create(const CreateFile& op);
    Result<Bytes> append(const AppendFile& op);
    Result<Bytes> truncate(const TruncateFile& op);
    Result<Bytes> rename(const RenameFile& op);
    Result<Bytes> remove(const RemoveFile& op);

    std::map<std::string, FileBytes> files_;  // ordered: listing and iteration never depend on hashing
    std::uint64_t used_ = 0;
};

}  // namespace kafkasim::engine
