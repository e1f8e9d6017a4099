#include "sim/log/batch_codec.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>

#include "engine/assert.h"
#include "sim/common/crc32c.h"
#include "sim/proto/varint.h"

namespace kafkasim::log {

namespace {

constexpr std::int8_t magic_v2 = 2;
constexpr std::size_t length_field_end = 12;  // baseOffset and batchLength precede what batchLength counts
constexpr std::size_t crc_offset = 17;
constexpr std::size_t attributes_offset = 21;

// The writers below store through a raw pointer into bytes already sized: encode_batch sizes
// its output once, so no write pays a capacity check. Each returns the pointer past what it wrote;
// put_be<N> writes the low N bytes of `v`, big-endian.
template <int N>
std::uint8_t* put_be(std::uint8_t* p, std::uint64_t v) {
    for (int i = N - 1; i >= 0; --i) *p++ = static_cast<std::uint8_t>(v >> (8 * i));
    return p;
}

std::uint8_t* put_varint(std::uint8_t* p, std::int64_t v) {
    auto u = zigzag(v);
    while (u >= 0x80) {
        *p++ = static_cast<std::uint8_t>(u | 0x80);
        u >>= 7;
    }
    *p++ = static_cast<std::uint8_t>(u);
    return p;
}

std::uint8_t* put_bytes(std::uint8_t* p, const std::string& s) {
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
}

// Written straight into the output, its length prefix first: no buffer per record. `end` is
// where the output's sized bytes end: a record that would pass it is a bug in the sizing.
std::uint8_t* encode_record(const Record& r, std::int64_t base_timestamp, std::int32_t offset_delta, std::uint8_t* p,
                            const std::uint8_t* end) {
    const std::int64_t timestamp_delta = r.timestamp_ms - base_timestamp;
    const std::int64_t body = record_body_size(r, offset_delta, timestamp_delta);
    SIM_ASSERT(varint_size(body) + body <= end - p, "a record must fit in the bytes RecordBatch::size_bytes() counted");
    p = put_varint(p, body);
    *p++ = 0;  // attributes
    p = put_varint(p, timestamp_delta);
    p = put_varint(p, offset_delta);
    p = put_varint(p, r.key ? static_cast<std::int64_t>(r.key->size()) : -1);
    if (r.key) p = put_bytes(p, *r.key);
    p = put_varint(p, static_cast<std::int64_t>(r.value.size()));
    p = put_bytes(p, r.value);
    return put_varint(p, 0);  // headers
}

// Reads big-endian integers and varints, remembering the first failure.
class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> b) : b_(b) {}

    bool ok() const { return ok_; }
    std::size_t left() const { return b_.size() - pos_; }
    // The next `n` bytes (caller checked n <= left()), consumed.
    std::span<const std::uint8_t> take(std::size_t n) {
        const auto s = b_.subspan(pos_, n);
        pos_ += n;
        return s;
    }
    std::int64_t be(int bytes) {
        if (left() < static_cast<std::size_t>(bytes)) return fail();
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i) v = (v << 8) | b_[pos_++];
        // Sign-extend from `bytes` bytes.
        const int shift = 64 - 8 * bytes;
        return static_cast<std::int64_t>(v << shift) >> shift;
    }
    // A zig-zag varint of at most `max_bytes` bytes (5 for an int, 10 for a long).
    std::int64_t varint(int max_bytes) {
        std::uint64_t u = 0;
        for (int i = 0; i < max_bytes; ++i) {
            if (left() == 0) return fail();
            const std::uint8_t byte = b_[pos_++];
            u |= static_cast<std::uint64_t>(byte & 0x7f) << (7 * i);
            if ((byte & 0x80) == 0) return static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
        }
        return fail();
    }
    std::optional<std::string> bytes_or_null() {
        const std::int64_t n = varint(5);
        if (!ok_ || n < -1 || static_cast<std::uint64_t>(n + 1) > left() + 1) {
            fail();
            return std::nullopt;
        }
        if (n < 0) return std::nullopt;
        // From a char pointer: one memcpy, not a byte-by-byte copy through span iterators.
        std::string s(reinterpret_cast<const char*>(b_.data() + pos_), static_cast<std::size_t>(n));
        pos_ += static_cast<std::size_t>(n);
        return s;
    }

private:
    std::int64_t fail() {
        ok_ = false;
        pos_ = b_.size();
        return 0;
    }

    std::span<const std::uint8_t> b_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

// One record from `body`, which holds exactly the record's bytes after its length varint.
bool decode_record(std::span<const std::uint8_t> body, std::int64_t base_timestamp, std::int32_t expected_delta,
                   Record& out) {
    Reader r(body);
    const std::int64_t attributes = r.be(1);
    const std::int64_t timestamp_delta = r.varint(10);
    const std::int64_t offset_delta = r.varint(5);
    std::optional<std::string> key = r.bytes_or_null();
    if (!r.ok()) return false;
    std::optional<std::string> value = r.bytes_or_null();
    const std::int64_t headers = r.varint(5);
    if (!r.ok() || attributes != 0 || offset_delta != expected_delta || !value || headers != 0 || r.left() != 0)
        return false;
    out.key = std::move(key);
    out.value = std::move(*value);
    out.timestamp_ms = base_timestamp + timestamp_delta;
    return true;
}

}  // namespace

// One pass over the records sizes the batch, one writes it. The header's maxTimestamp, like
// batchLength and the CRC, is filled in after the records, so the write pass finds it on its way.
void encode_batch(const RecordBatch& batch, engine::Bytes& out) {
    SIM_ASSERT(!batch.records.empty(), "an empty batch has no offsets: the log never stores one");
    const std::int64_t size = batch.size_bytes();
    const std::int64_t length = size - static_cast<std::int64_t>(length_field_end);
    SIM_ASSERT(length <= std::numeric_limits<std::int32_t>::max(), "a batch longer than 2 GiB cannot be framed");
    const std::size_t start = out.size();
    out.resize(start + static_cast<std::size_t>(size));
    std::uint8_t* const first = out.data() + start;
    const std::uint8_t* const end = first + size;

    const std::int64_t base_timestamp = batch.records.front().timestamp_ms;
    std::uint8_t* p = first;
    p = put_be<8>(p, static_cast<std::uint64_t>(batch.base_offset.value));
    p = put_be<4>(p, static_cast<std::uint32_t>(length));
    p = put_be<4>(p, static_cast<std::uint32_t>(batch.partition_leader_epoch.value));
    *p++ = static_cast<std::uint8_t>(magic_v2);
    p = put_be<4>(p, 0);  // crc, filled in below
    p = put_be<2>(p, 0);  // attributes
    p = put_be<4>(p, static_cast<std::uint32_t>(batch.count() - 1));
    p = put_be<8>(p, static_cast<std::uint64_t>(base_timestamp));
    std::uint8_t* const max_timestamp_at = p;
    p = put_be<8>(p, 0);  // maxTimestamp, filled in below
    p = put_be<8>(p, static_cast<std::uint64_t>(batch.producer_id.value));
    p = put_be<2>(p, static_cast<std::uint16_t>(batch.producer_epoch.value));
    p = put_be<4>(p, static_cast<std::uint32_t>(batch.base_sequence.value));
    p = put_be<4>(p, static_cast<std::uint32_t>(batch.count()));
    std::int64_t max_timestamp = -1;  // as RecordBatch::max_timestamp_ms() counts it
    for (std::int32_t i = 0; i < batch.count(); ++i) {
        const Record& r = batch.records[static_cast<std::size_t>(i)];
        max_timestamp = std::max(max_timestamp, r.timestamp_ms);
        p = encode_record(r, base_timestamp, i, p, end);
    }
    // Checks the sizing without a second size_bytes() pass: each record fit (encode_record), and
    // together they end exactly where size_bytes() said the batch ends.
    SIM_ASSERT(p == end, "the encoding and RecordBatch::size_bytes() must agree on a batch's size");

    put_be<8>(max_timestamp_at, static_cast<std::uint64_t>(max_timestamp));
    const std::uint32_t crc =
        crc32c(std::span<const std::uint8_t>(first + attributes_offset, static_cast<std::size_t>(size) - attributes_offset));
    put_be<4>(first + crc_offset, crc);
}

engine::Bytes encode_batch(const RecordBatch& batch) {
    engine::Bytes out;
    encode_batch(batch, out);  // sizes `out` once, exactly
    return out;
}

namespace {

// The fixed header of the batch at the start of `bytes`, with its framing checked in the order
// recovery relies on: the bytes end before batchLength or before the batch (a torn tail, short),
// or a bad length, magic, CRC (when asked), attributes or record count (corrupt).
struct Framing {
    DecodeError error = DecodeError::none;
    BatchHeader header;
    std::int64_t base_timestamp = 0;
    std::size_t total = 0;  // the batch's bytes, batchLength's field included
};

Framing read_framing(std::span<const std::uint8_t> bytes, CrcCheck crc_check) {
    Framing f;
    if (bytes.size() < length_field_end) {
        f.error = DecodeError::short_buffer;
        return f;
    }
    Reader head(bytes);
    const std::int64_t base_offset = head.be(8);
    const std::int64_t length = head.be(4);
    if (length < static_cast<std::int64_t>(batch_header_bytes - length_field_end)) {
        f.error = DecodeError::corrupt;
        return f;
    }
    f.total = length_field_end + static_cast<std::size_t>(length);
    if (bytes.size() < f.total) {
        f.error = DecodeError::short_buffer;
        return f;
    }
    const auto whole = bytes.first(f.total);
    Reader r(whole.subspan(length_field_end));
    const std::int64_t leader_epoch = r.be(4);
    const std::int64_t magic = r.be(1);
    const auto crc = static_cast<std::uint32_t>(r.be(4));
    if (magic != magic_v2 || (crc_check == CrcCheck::verify && crc != crc32c(whole.subspan(attributes_offset)))) {
        f.error = DecodeError::corrupt;
        return f;
    }
    const std::int64_t attributes = r.be(2);
    const std::int64_t last_offset_delta = r.be(4);
    f.base_timestamp = r.be(8);
    BatchHeader& h = f.header;
    h.max_timestamp_ms = r.be(8);
    h.producer_id = ProducerId{r.be(8)};
    h.producer_epoch = ProducerEpoch{static_cast<std::int16_t>(r.be(2))};
    h.base_sequence = Sequence{static_cast<std::int32_t>(r.be(4))};
    const std::int64_t count = r.be(4);
    if (!r.ok() || attributes != 0 || count <= 0 || last_offset_delta != count - 1) {
        f.error = DecodeError::corrupt;
        return f;
    }
    h.base_offset = Offset{base_offset};
    h.count = static_cast<std::int32_t>(count);
    h.partition_leader_epoch = LeaderEpoch{static_cast<std::int32_t>(leader_epoch)};
    return f;
}

}  // namespace

DecodedBatch decode_batch(std::span<const std::uint8_t> bytes, CrcCheck crc_check) {
    DecodedBatch result;
    const Framing f = read_framing(bytes, crc_check);
    if (f.error != DecodeError::none) {
        result.error = f.error;
        return result;
    }
    // maxTimestamp is not kept: RecordBatch computes it from the records.
    RecordBatch& b = result.batch;
    b.base_offset = f.header.base_offset;
    b.partition_leader_epoch = f.header.partition_leader_epoch;
    b.producer_id = f.header.producer_id;
    b.producer_epoch = f.header.producer_epoch;
    b.base_sequence = f.header.base_sequence;
    Reader r(bytes.first(f.total).subspan(batch_header_bytes));
    const auto count = static_cast<std::size_t>(f.header.count);
    if (count > r.left()) {
        result.error = DecodeError::corrupt;
        return result;
    }
    b.records.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::int64_t size = r.varint(5);
        if (!r.ok() || size < 0 || static_cast<std::size_t>(size) > r.left()) {
            result.error = DecodeError::corrupt;
            return result;
        }
        if (!decode_record(r.take(static_cast<std::size_t>(size)), f.base_timestamp, static_cast<std::int32_t>(i),
                           b.records[i])) {
            result.error = DecodeError::corrupt;
            return result;
        }
    }
    if (r.left() != 0) {
        result.error = DecodeError::corrupt;
        return result;
    }
    result.bytes = f.total;
    return result;
}

DecodedHeader decode_batch_header(std::span<const std::uint8_t> bytes) {
    const Framing f = read_framing(bytes, CrcCheck::skip);
    DecodedHeader result;
    result.error = f.error;
    if (f.error != DecodeError::none) return result;
    result.header = f.header;
    result.bytes = f.total;
    return result;
}

Offset append_values(std::span<const std::uint8_t> bytes, std::vector<ValueAt>& out) {
    const Framing f = read_framing(bytes, CrcCheck::skip);
    SIM_ASSERT(f.error == DecodeError::none, "a stored batch's framing parses");
    Reader r(bytes.first(f.total).subspan(batch_header_bytes));
    for (std::int32_t i = 0; i < f.header.count; ++i) {
        const std::int64_t size = r.varint(5);
        SIM_ASSERT(r.ok() && size >= 0 && static_cast<std::size_t>(size) <= r.left(), "a stored record lies within its batch");
        Reader record(r.take(static_cast<std::size_t>(size)));
        record.be(1);        // attributes
        record.varint(10);   // timestampDelta
        record.varint(5);    // offsetDelta: the log checked it is i when it appended the batch
        const std::int64_t key = record.varint(5);
        if (key > 0 && static_cast<std::size_t>(key) <= record.left()) record.take(static_cast<std::size_t>(key));
        const std::int64_t value = record.varint(5);
        SIM_ASSERT(record.ok() && value >= 0 && static_cast<std::size_t>(value) <= record.left(),
                   "a stored record carries a value within its bytes (the model's records always have one)");
        const std::span<const std::uint8_t> v = record.take(static_cast<std::size_t>(value));
        out.push_back(ValueAt{f.header.base_offset + i, std::string_view(reinterpret_cast<const char*>(v.data()), v.size())});
    }
    return f.header.base_offset + f.header.count;
}

}  // namespace kafkasim::log
