// FileBytes: the content of one file as a list of views into shared blocks (block.h), one per
// append. Copying a FileBytes, appending a block to two of them, or cutting one short copies
// no file data: that is how the page cache and the durable image hold the same bytes once.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/disk/block.h"

namespace kafkasim::engine {

class FileBytes {
public:
    std::uint64_t size() const { return size_; }
    void append(const Block& block);
    // Keeps the first `length` bytes; caller guarantees length <= size().
    void truncate(std::uint64_t length);
    // Bytes [offset, offset + length) clamped to the end; caller guarantees offset <= size().
    Bytes read(std::uint64_t offset, std::uint64_t length) const;
    Bytes all() const { return read(0, size_); }
    // The same range as one block: a view of the block that holds it, when one append wrote
    // all of it (no copy), else a new block of the bytes copied out.
    Block read_block(std::uint64_t offset, std::uint64_t length) const;

private:
    struct Extent {
        Block block;
        std::uint64_t start;   // position of the extent's first byte in the file
        std::uint64_t length;  // a prefix of the block (a truncation may have cut it)
    };
    // The last extent starting at or before `offset`.
    std::vector<Extent>::const_iterator extent_at(std::uint64_t offset) const;

    std::vector<Extent> extents_;  // by start, contiguous
    std::uint64_t size_ = 0;
};

}  // namespace kafkasim::engine
