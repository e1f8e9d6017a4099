#include "engine/disk/file_bytes.h"

#include <algorithm>
#include <cstring>

namespace kafkasim::engine {

void FileBytes::append(const Block& block) {
    if (block.empty()) return;
    extents_.push_back(Extent{block, size_, block.size()});
    size_ += block.size();
}

void FileBytes::truncate(std::uint64_t length) {
    while (!extents_.empty() && extents_.back().start >= length) extents_.pop_back();
    if (!extents_.empty()) extents_.back().length = std::min(extents_.back().length, length - extents_.back().start);
    size_ = length;
}

std::vector<FileBytes::Extent>::const_iterator FileBytes::extent_at(std::uint64_t offset) const {
    auto it = std::upper_bound(extents_.begin(), extents_.end(), offset,
                               [](std::uint64_t pos, const Extent& e) { return pos < e.start; });
    if (it != extents_.begin()) --it;
    return it;
}

Block FileBytes::read_block(std::uint64_t offset, std::uint64_t length) const {
    const std::uint64_t n = std::min(length, size_ - offset);
    if (n == 0) return Block{};
    const auto it = extent_at(offset);
    if (offset + n <= it->start + it->length) return it->block.slice(offset - it->start, n);
    return Block(read(offset, n));
}

Bytes FileBytes::read(std::uint64_t offset, std::uint64_t length) const {
    const std::uint64_t end = offset + std::min(length, size_ - offset);
    Bytes out(end - offset);
    auto it = extent_at(offset);
    for (std::uint64_t pos = offset; pos < end; ++it) {
        const std::uint64_t from = pos - it->start;
        const std::uint64_t n = std::min(it->length - from, end - pos);
        std::memcpy(out.data() + (pos - offset), it->block.span().data() + from, n);
        pos += n;
    }
    return out;
}

}  // namespace kafkasim::engine
