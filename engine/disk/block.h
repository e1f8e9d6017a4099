// Block: bytes that never change once made, shared by whoever holds them. An append's data is
// one block, and the page cache, the power-loss wrapper's pending operation and its durable
// image all point at it, so a written byte is held once however many of them keep it
// (docs/engine.md, "How data is held"). Nothing may change a block's bytes: a truncated file
// keeps the block and shortens its view of it, and a reader may be handed a view of part of a
// block (slice) instead of a copy: since the bytes never change, the two cannot be told apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "engine/assert.h"

namespace kafkasim::engine {

using Bytes = std::vector<std::uint8_t>;

class Block {
public:
    Block() = default;
    // Implicit on purpose: an append's data is handed over as Bytes and kept as a block.
    Block(Bytes bytes)
        : bytes_(bytes.empty() ? nullptr : std::make_shared<const Bytes>(std::move(bytes))),
          length_(bytes_ ? bytes_->size() : 0) {}

    std::size_t size() const { return length_; }
    bool empty() const { return length_ == 0; }
    std::span<const std::uint8_t> span() const {
        return bytes_ ? std::span<const std::uint8_t>(bytes_->data() + offset_, length_) : std::span<const std::uint8_t>();
    }
    // Bytes [offset, offset + length) of this block, sharing its bytes: a reader's view of part
    // of a file. Caller guarantees offset + length <= size().
    Block slice(std::size_t offset, std::size_t length) const {
        SIM_ASSERT(offset <= length_ && length <= length_ - offset, "a slice lies within its block");
        Block out = *this;
        out.offset_ += offset;
        out.length_ = length;
        return out;
    }

private:
    std::shared_ptr<const Bytes> bytes_;
    std::size_t offset_ = 0;
    std::size_t length_ = 0;
};

}  // namespace kafkasim::engine
