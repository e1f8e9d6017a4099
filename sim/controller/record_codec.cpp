#include "sim/controller/record_codec.h"

#include <limits>
#include <string>
#include <type_traits>

#include "engine/assert.h"
#include "sim/common/crc32c.h"

namespace kafkasim::controller {

namespace {

// KRaft's metadata record type ids (MetadataRecordType).
enum class RecordType : std::uint8_t {
    register_broker = 0,
    topic = 2,
    partition = 3,
    partition_change = 5,
    fence_broker = 7,
    unfence_broker = 8,
    producer_ids = 15,
};

constexpr std::size_t frame_header = 8;               // length:u32 crc:u32
constexpr std::size_t body_header = 12;               // base_offset:i64 count:u32
constexpr std::uint32_t max_body = 64u * 1024 * 1024;  // a larger length is garbage, not a batch

class Writer {
public:
    explicit Writer(engine::Bytes& out) : out_(out) {}

    void u8(std::uint8_t v) { out_.push_back(v); }
    void u32(std::uint32_t v) { fixed(v, 4); }
    void u64(std::uint64_t v) { fixed(v, 8); }
    void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void str(const std::string& s) {
        u32(static_cast<std::uint32_t>(s.size()));
        out_.insert(out_.end(), s.begin(), s.end());
    }
    void ids(const std::vector<BrokerId>& v) {
        u32(static_cast<std::uint32_t>(v.size()));
        for (BrokerId b : v) i32(b.value);
    }
    void config(const LogConfig& c) {
        i64(c.segment_bytes);
        i64(c.segment_ms.count_us());
        i64(c.retention_ms.count_us());
        i64(c.retention_bytes);
        i64(c.flush_messages);
        i64(c.flush_ms.count_us());
        i32(c.min_insync_replicas);
        u8(c.unclean_leader_election_enable ? 1 : 0);
    }

private:
    void fixed(std::uint64_t v, int bytes) {
        for (int i = 0; i < bytes; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    engine::Bytes& out_;
};

// Reads with bounds checks: once a read runs past the end, every later read fails too.
class Reader {
public:
    Reader(std::span<const std::uint8_t> bytes, std::size_t pos) : bytes_(bytes), pos_(pos) {}

    bool ok() const { return ok_; }
    std::size_t pos() const { return pos_; }

    std::uint8_t u8() { return static_cast<std::uint8_t>(fixed(1)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(fixed(4)); }
    std::uint64_t u64() { return fixed(8); }
    std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    bool flag() {
        const std::uint8_t v = u8();
        if (v > 1) ok_ = false;
        return v == 1;
    }
    LeaderRecoveryState recovery_state() {
        const std::uint8_t v = u8();
        if (v > 1) ok_ = false;
        return v == 1 ? LeaderRecoveryState::recovering : LeaderRecoveryState::recovered;
    }
    std::string str() {
        const std::uint32_t n = u32();
        if (!ok_ || n > bytes_.size() - pos_) return fail<std::string>();
        std::string s(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_),
                      bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + n));
        pos_ += n;
        return s;
    }
    std::vector<BrokerId> ids() {
        const std::uint32_t n = u32();
        if (!ok_ || n > (bytes_.size() - pos_) / 4) return fail<std::vector<BrokerId>>();
        std::vector<BrokerId> v;
        v.reserve(n);
        for (std::uint32_t i = 0; i < n; ++i) v.push_back(BrokerId{i32()});
        return v;
    }
    LogConfig config() {
        LogConfig c;
        c.segment_bytes = i64();
        c.segment_ms = engine::Duration::us(i64());
        c.retention_ms = engine::Duration::us(i64());
        c.retention_bytes = i64();
        c.flush_messages = i64();
        c.flush_ms = engine::Duration::us(i64());
        c.min_insync_replicas = i32();
        c.unclean_leader_election_enable = flag();
        return c;
    }

private:
    template <class T>
    T fail() {
        ok_ = false;
        return T{};
    }
    std::uint64_t fixed(std::size_t n) {
        if (!ok_ || n > bytes_.size() - pos_) return fail<std::uint64_t>();
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(bytes_[pos_ + i]) << (8 * i);
        pos_ += n;
        return v;
    }

    std::span<const std::uint8_t> bytes_;
    std::size_t pos_;
    bool ok_ = true;
};

void write_fields(Writer& w, const RegisterBrokerRecord& r) {
    w.u8(static_cast<std::uint8_t>(RecordType::register_broker));
    w.i32(r.broker.value);
    w.u64(r.incarnation.value);
    w.i64(r.epoch.value);
    w.u32(r.node.value);
}
void write_fields(Writer& w, const TopicRecord& r) {
    w.u8(static_cast<std::uint8_t>(RecordType::topic));
    w.str(r.name);
    w.u64(r.id.value);
    w.config(r.config);
}
void write_fields(Writer& w, const PartitionRecord& r) {
    w.u8(static_cast<std::uint8_t>(RecordType::partition));
    w.u64(r.topic.value);
    w.i32(r.partition);
    w.ids(r.replicas);
    w.ids(r.isr);
    w.ids(r.removing_replicas);
    w.ids(r.adding_replicas);
    w.i32(r.leader.value);
    w.i32(r.leader_epoch.value);
    w.i32(r.partition_epoch.value);
    w.u8(static_cast<std::uint8_t>(r.leader_recovery_state));
}
void write_fields(Writer& w, const PartitionChangeRecord& r) {
    w.u8(static_cast<std::uint8_t>(RecordType::partition_change));
    w.u64(r.topic.value);
    w.i32(r.partition);
    w.u8(r.leader ? 1 : 0);
    if (r.leader) w.i32(r.leader->value);
    w.u8(r.isr ? 1 : 0);
    if (r.isr) w.ids(*r.isr);
    w.u8(r.replicas ? 1 : 0);
    if (r.replicas) w.ids(*r.replicas);
    w.u8(r.removing_replicas ? 1 : 0);
    if (r.removing_replicas) w.ids(*r.removing_replicas);
    w.u8(r.adding_replicas ? 1 : 0);
    if (r.adding_replicas) w.ids(*r.adding_replicas);
    w.u8(r.leader_recovery_state ? 1 : 0);
    if (r.leader_recovery_state) w.u8(static_cast<std::uint8_t>(*r.leader_recovery_state));
}
void write_fields(Writer& w, const FenceBrokerRecord& r) {
    w.u8(static_cast<std::uint8_t>(RecordType::fence_broker));
    w.i32(r.broker.value);
    w.i64(r.epoch.value);
}
void write_fields(Writer& w, const UnfenceBrokerRecord& r) {
    w.u8(static_cast<std::uint8_t>(RecordType::unfence_broker));
    w.i32(r.broker.value);
    w.i64(r.epoch.value);
}
void write_fields(Writer& w, const ProducerIdsRecord& r) {
    w.u8(static_cast<std::uint8_t>(RecordType::producer_ids));
    w.i32(r.broker.value);
    w.i64(r.broker_epoch.value);
    w.i64(r.next_producer_id.value);
}

std::optional<MetadataRecord> read_fields(Reader& r, std::uint8_t type) {
    switch (static_cast<RecordType>(type)) {
        case RecordType::register_broker: {
            RegisterBrokerRecord x;
            x.broker = BrokerId{r.i32()};
            x.incarnation = IncarnationId{r.u64()};
            x.epoch = BrokerEpoch{r.i64()};
            x.node = engine::NodeId{r.u32()};
            return x;
        }
        case RecordType::topic: {
            TopicRecord x;
            x.name = r.str();
            x.id = TopicId{r.u64()};
            x.config = r.config();
            return x;
        }
        case RecordType::partition: {
            PartitionRecord x;
            x.topic = TopicId{r.u64()};
            x.partition = r.i32();
            x.replicas = r.ids();
            x.isr = r.ids();
            x.removing_replicas = r.ids();
            x.adding_replicas = r.ids();
            x.leader = BrokerId{r.i32()};
            x.leader_epoch = LeaderEpoch{r.i32()};
            x.partition_epoch = PartitionEpoch{r.i32()};
            x.leader_recovery_state = r.recovery_state();
            return x;
        }
        case RecordType::partition_change: {
            PartitionChangeRecord x;
            x.topic = TopicId{r.u64()};
            x.partition = r.i32();
            if (r.flag()) x.leader = BrokerId{r.i32()};
            if (r.flag()) x.isr = r.ids();
            if (r.flag()) x.replicas = r.ids();
            if (r.flag()) x.removing_replicas = r.ids();
            if (r.flag()) x.adding_replicas = r.ids();
            if (r.flag()) x.leader_recovery_state = r.recovery_state();
            return x;
        }
        case RecordType::fence_broker: {
            FenceBrokerRecord x;
            x.broker = BrokerId{r.i32()};
            x.epoch = BrokerEpoch{r.i64()};
            return x;
        }
        case RecordType::unfence_broker: {
            UnfenceBrokerRecord x;
            x.broker = BrokerId{r.i32()};
            x.epoch = BrokerEpoch{r.i64()};
            return x;
        }
        case RecordType::producer_ids: {
            ProducerIdsRecord x;
            x.broker = BrokerId{r.i32()};
            x.broker_epoch = BrokerEpoch{r.i64()};
            x.next_producer_id = ProducerId{r.i64()};
            return x;
        }
    }
    return std::nullopt;
}

std::uint32_t read_u32(std::span<const std::uint8_t> bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(bytes[at + i]) << (8 * i);
    return v;
}

}  // namespace

void encode_record(const MetadataRecord& record, engine::Bytes& out) {
    Writer w(out);
    std::visit([&w](const auto& r) { write_fields(w, r); }, record);
}

std::optional<MetadataRecord> decode_record(std::span<const std::uint8_t> bytes, std::size_t& pos) {
    Reader r(bytes, pos);
    const std::uint8_t type = r.u8();
    if (!r.ok()) return std::nullopt;
    std::optional<MetadataRecord> record = read_fields(r, type);
    if (!r.ok()) return std::nullopt;
    pos = r.pos();
    return record;
}

engine::Bytes encode_batch(Offset base, std::span<const MetadataRecord> records) {
    SIM_ASSERT(!records.empty(), "a metadata batch holds at least one record");
    engine::Bytes out(frame_header, 0);
    Writer w(out);
    w.i64(base.value);
    w.u32(static_cast<std::uint32_t>(records.size()));
    for (const MetadataRecord& record : records) encode_record(record, out);
    const std::size_t body = out.size() - frame_header;
    SIM_ASSERT(body <= max_body, "a metadata batch stays far below the frame limit");
    const std::uint32_t crc = crc32c(std::span<const std::uint8_t>(out).subspan(frame_header));
    for (std::size_t i = 0; i < 4; ++i) {
        out[i] = static_cast<std::uint8_t>(body >> (8 * i));
        out[4 + i] = static_cast<std::uint8_t>(crc >> (8 * i));
    }
    return out;
}

DecodedBatch decode_batch(std::span<const std::uint8_t> bytes) {
    DecodedBatch result;
    if (bytes.size() < frame_header) return result;  // incomplete
    const std::uint32_t length = read_u32(bytes, 0);
    if (length > max_body || length < body_header) {
        result.status = DecodeStatus::corrupt;
        return result;
    }
    if (bytes.size() - frame_header < length) return result;  // incomplete
    const auto body = bytes.subspan(frame_header, length);
    if (crc32c(body) != read_u32(bytes, 4)) {
        result.status = DecodeStatus::corrupt;
        return result;
    }
    Reader header(body, 0);
    const Offset base{header.i64()};
    const std::uint32_t count = header.u32();
    std::size_t pos = header.pos();
    std::vector<MetadataEntry> entries;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::optional<MetadataRecord> record = decode_record(body, pos);
        if (!record) {
            result.status = DecodeStatus::corrupt;
            return result;
        }
        entries.push_back(MetadataEntry{base + static_cast<std::int64_t>(i), std::move(*record)});
    }
    if (pos != body.size() || entries.empty()) {
        result.status = DecodeStatus::corrupt;
        return result;
    }
    result.status = DecodeStatus::ok;
    result.entries = std::move(entries);
    result.size = frame_header + length;
    return result;
}

}  // namespace kafkasim::controller
