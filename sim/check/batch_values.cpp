#include "sim/check/batch_values.h"

#include "engine/assert.h"

namespace kafkasim::check {

namespace {

constexpr std::size_t base_offset_at = 0;    // int64
constexpr std::size_t record_count_at = 57;  // int32
constexpr std::size_t records_at = 61;       // after the batch header

// Reads forward through a batch whose framing the log already checked when it appended it.
class Cursor {
public:
    explicit Cursor(std::span<const std::uint8_t> b) : b_(b) {}
    std::int64_t be(std::size_t at, int bytes) const {
        SIM_ASSERT(at + static_cast<std::size_t>(bytes) <= b_.size(), "a stored batch holds its header");
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i) v = (v << 8) | b_[at + static_cast<std::size_t>(i)];
        const int shift = 64 - 8 * bytes;
        return static_cast<std::int64_t>(v << shift) >> shift;
    }
    void seek(std::size_t at) { pos_ = at; }
    std::size_t pos() const { return pos_; }
    // A zig-zag varint (Kafka's ByteUtils.readVarint / readVarlong).
    std::int64_t varint() {
        std::uint64_t u = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            SIM_ASSERT(pos_ < b_.size(), "a stored record ends within its batch");
            const std::uint8_t byte = b_[pos_++];
            u |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) return static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
        }
        SIM_ASSERT(false, "a stored record's varints are at most ten bytes");
        return 0;
    }
    // `n` bytes (n >= 0) as a view, consumed.
    std::string_view bytes(std::int64_t n) {
        SIM_ASSERT(n >= 0 && static_cast<std::size_t>(n) <= b_.size() - pos_, "a stored record's bytes lie within its batch");
        const std::string_view s(reinterpret_cast<const char*>(b_.data() + pos_), static_cast<std::size_t>(n));
        pos_ += static_cast<std::size_t>(n);
        return s;
    }

private:
    std::span<const std::uint8_t> b_;
    std::size_t pos_ = 0;
};

}  // namespace

Offset append_values(std::span<const std::uint8_t> batch, std::vector<ValueAt>& out) {
    Cursor c(batch);
    const Offset base{c.be(base_offset_at, 8)};
    const std::int64_t count = c.be(record_count_at, 4);
    SIM_ASSERT(count > 0, "a stored batch holds records");
    c.seek(records_at);
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t length = c.varint();
        const std::size_t end = c.pos() + static_cast<std::size_t>(length);
        c.bytes(1);  // attributes
        c.varint();  // timestampDelta
        c.varint();  // offsetDelta: the log checked it is i
        const std::int64_t key = c.varint();
        if (key > 0) c.bytes(key);
        const std::int64_t value = c.varint();
        SIM_ASSERT(value >= 0, "the model's records always carry a value");
        out.push_back(ValueAt{base + i, c.bytes(value)});
        c.seek(end);  // past the headers
    }
    return base + count;
}

}  // namespace kafkasim::check
