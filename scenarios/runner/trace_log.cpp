#include "scenarios/runner/trace_log.h"

#include <algorithm>

#include "engine/assert.h"

namespace kafkasim::scenarios {

namespace {

void append_field_value(std::string& out, const engine::TraceValue& v) {
    switch (v.type()) {
        case engine::TraceValue::Type::integer: out += std::to_string(v.as_int()); return;
        case engine::TraceValue::Type::boolean: out += v.as_bool() ? "true" : "false"; return;
        case engine::TraceValue::Type::string: break;
    }
    const std::string_view s = v.as_string();
    // Quoted only where a space or nothing would make the line ambiguous.
    const bool quote = s.empty() || s.find(' ') != std::string_view::npos;
    if (quote) out += '"';
    out += s;
    if (quote) out += '"';
}

// The record's partition as run_probes.cpp names it: topic-partition, or a string `partition`.
std::string logged_partition(const engine::TraceRecordView& r) {
    const engine::TraceValue* topic = nullptr;
    const engine::TraceValue* partition = nullptr;
    for (const engine::TraceField& f : r.fields) {
        if (f.key == "topic") topic = &f.value;
        else if (f.key == "partition") partition = &f.value;
    }
    if (partition == nullptr) return {};
    if (topic != nullptr && topic->type() == engine::TraceValue::Type::string &&
        partition->type() == engine::TraceValue::Type::integer)
        return std::string(topic->as_string()) + "-" + std::to_string(partition->as_int());
    if (topic == nullptr && partition->type() == engine::TraceValue::Type::string) return std::string(partition->as_string());
    return {};
}

}  // namespace

TraceLog::TraceLog(std::size_t max_bytes) : max_bytes_(max_bytes) {}

void TraceLog::begin_event(std::uint64_t event) {
    event_ = event;
    keeping_ = !full_ && (!kept_any_ || event > last_kept_);
    if (keeping_) {
        kept_any_ = true;
        last_kept_ = event;
    }
}

void TraceLog::write(const engine::TraceRecordView& r) {
    if (!keeping_) return;
    field_buffer_.clear();
    for (const engine::TraceField& f : r.fields) {
        if (!field_buffer_.empty()) field_buffer_ += ' ';
        field_buffer_ += f.key;
        field_buffer_ += '=';
        append_field_value(field_buffer_, f.value);
    }
    if ((entries_.size() + 1) * sizeof(Entry) + text_.size() + field_buffer_.size() > max_bytes_) {
        // The rest of this event is dropped too: an event is kept whole or not at all from here.
        full_ = true;
        keeping_ = false;
        return;
    }
    Entry e;
    e.event = event_;
    e.time = r.time;
    e.text = static_cast<std::uint32_t>(text_.size());
    e.text_size = static_cast<std::uint32_t>(field_buffer_.size());
    e.node = intern(nodes_, node_index_, r.node_name);
    e.kind = intern(kinds_, kind_index_, r.kind);
    const std::string partition = logged_partition(r);
    if (!partition.empty()) e.partition = intern(partitions_, partition_index_, partition);
    SIM_ASSERT(entries_.empty() || entries_.back().event <= e.event, "the log is in event order");
    text_ += field_buffer_;
    entries_.push_back(e);
}

std::uint16_t TraceLog::intern(std::vector<std::string>& names, std::map<std::string, std::uint16_t, std::less<>>& index,
                               std::string_view name) {
    const auto it = index.find(name);
    if (it != index.end()) return it->second;
    SIM_ASSERT(names.size() < 0xffff, "fewer than 65 535 distinct nodes, kinds and partitions in a run");
    const auto id = static_cast<std::uint16_t>(names.size());
    names.emplace_back(name);
    index.emplace(std::string(name), id);
    return id;
}

std::size_t TraceLog::count_through(std::uint64_t event) const {
    const auto it = std::upper_bound(entries_.begin(), entries_.end(), event,
                                     [](std::uint64_t e, const Entry& entry) { return e < entry.event; });
    return static_cast<std::size_t>(it - entries_.begin());
}

std::string_view TraceLog::partition(const Entry& e) const {
    return e.partition < 0 ? std::string_view{} : std::string_view(partitions_[static_cast<std::size_t>(e.partition)]);
}

std::size_t TraceLog::bytes() const {
    std::size_t tables = 0;
    for (const auto* names : {&nodes_, &kinds_, &partitions_})
        for (const std::string& n : *names) tables += 2 * (n.size() + 64);  // the name and its index entry
    return entries_.capacity() * sizeof(Entry) + text_.capacity() + tables;
}

}  // namespace kafkasim::scenarios
