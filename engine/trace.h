// Trace: the structured record of a run, {time, node, kind, fields} with stable names.
// Every record feeds a running 64-bit hash over a canonical byte encoding (docs/trace.md),
// whether or not any sink keeps the records; sinks (memory, JSON Lines) are optional.
// A sink only observes: nothing in a run may read the trace back to decide what to do.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/time.h"

namespace kafkasim::engine {

struct NodeId {
    std::uint32_t value = 0xffffffffu;
    static constexpr NodeId none() { return NodeId{0xffffffffu}; }
    bool is_none() const { return value == 0xffffffffu; }
    auto operator<=>(const NodeId&) const = default;
};

// A field value: a signed integer, a string or a boolean. No floating point: a trace must
// read the same on every machine.
class TraceValue {
public:
    enum class Type : std::uint8_t { integer = 1, string = 2, boolean = 3 };

    TraceValue(std::int64_t v) : type_(Type::integer), int_(v) {}
    TraceValue(int v) : type_(Type::integer), int_(v) {}
    TraceValue(std::uint32_t v) : type_(Type::integer), int_(v) {}
    // Values at or above 2^63 are a bug in the caller: they would read back negative.
    TraceValue(std::uint64_t v) : type_(Type::integer), int_(static_cast<std::int64_t>(v)) {}
    TraceValue(std::string_view v) : type_(Type::string), str_(v) {}
    TraceValue(const char* v) : type_(Type::string), str_(v) {}
    TraceValue(const std::string& v) : type_(Type::string), str_(v) {}
    TraceValue(bool v) : type_(Type::boolean), int_(v ? 1 : 0) {}

    Type type() const { return type_; }
    std::int64_t as_int() const { return int_; }
    bool as_bool() const { return int_ != 0; }
    std::string_view as_string() const { return str_; }

private:
    Type type_;
    std::int64_t int_ = 0;
    std::string_view str_;
};

struct TraceField {
    std::string_view key;
    TraceValue value;
};

// A record as sinks see it: views valid only during the call.
struct TraceRecordView {
    Instant time;
    NodeId node;
    std::string_view node_name;  // empty for records of the engine itself
    std::string_view kind;
    std::span<const TraceField> fields;
};

class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void write(const TraceRecordView& record) = 0;
};

class Trace {
public:
    void set_node_name(NodeId node, std::string name);
    std::string_view node_name(NodeId node) const;

    void record(Instant time, NodeId node, std::string_view kind,
                std::initializer_list<TraceField> fields);
    void record(Instant time, NodeId node, std::string_view kind, std::span<const TraceField> fields);

    void add_sink(std::shared_ptr<TraceSink> sink) { sinks_.push_back(std::move(sink)); }

    std::uint64_t hash() const { return hash_; }
    std::string hash_hex() const;
    std::uint64_t records() const { return records_; }

private:
    std::uint64_t hash_ = 14695981039346656037ull;
    std::uint64_t records_ = 0;
    std::vector<std::string> node_names_;
    std::vector<std::shared_ptr<TraceSink>> sinks_;
};

// 16 lowercase hex digits, as every run prints its trace hash.
std::string hex16(std::uint64_t v);

}  // namespace kafkasim::engine
