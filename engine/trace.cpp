#include "engine/trace.h"

#include "engine/random.h"

namespace kafkasim::engine {

namespace {

// Feeds the canonical encoding of docs/trace.md into FNV-1a without building a buffer.
struct Hasher {
    std::uint64_t h;
    void byte(std::uint8_t b) {
        h ^= b;
        h *= fnv1a64_prime;
    }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void i64(std::int64_t v) {
        const auto u = static_cast<std::uint64_t>(v);
        for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(u >> (8 * i)));
    }
    void str(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        h = fnv1a64(s, h);
    }
};

}  // namespace

std::string hex16(std::uint64_t v) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = digits[v & 0xf];
        v >>= 4;
    }
    return out;
}

void Trace::set_node_name(NodeId node, std::string name) {
    if (node_names_.size() <= node.value) node_names_.resize(node.value + 1);
    node_names_[node.value] = std::move(name);
}

std::string_view Trace::node_name(NodeId node) const {
    if (node.is_none() || node.value >= node_names_.size()) return {};
    return node_names_[node.value];
}

void Trace::record(Instant time, NodeId node, std::string_view kind,
                   std::initializer_list<TraceField> fields) {
    record(time, node, kind, std::span<const TraceField>(fields.begin(), fields.size()));
}

void Trace::record(Instant time, NodeId node, std::string_view kind,
                   std::span<const TraceField> fields) {
    Hasher hs{hash_};
    hs.i64(time.us());
    hs.u32(node.value);
    hs.str(kind);
    hs.u32(static_cast<std::uint32_t>(fields.size()));
    for (const TraceField& f : fields) {
        hs.str(f.key);
        hs.byte(static_cast<std::uint8_t>(f.value.type()));
        switch (f.value.type()) {
            case TraceValue::Type::integer: hs.i64(f.value.as_int()); break;
            case TraceValue::Type::string: hs.str(f.value.as_string()); break;
            case TraceValue::Type::boolean: hs.byte(f.value.as_bool() ? 1 : 0); break;
        }
    }
    hash_ = hs.h;
    ++records_;
    if (sinks_.empty()) return;
    const TraceRecordView view{time, node, node_name(node), kind, fields};
    for (const auto& sink : sinks_) sink->write(view);
}

std::string Trace::hash_hex() const { return hex16(hash_); }

}  // namespace kafkasim::engine
