// Trace sinks: an in-memory buffer (tests, and later the visualizer's timeline) and a JSON
// Lines file (`--trace out.jsonl`). Both keep what the trace hashes, in the same order.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "engine/trace.h"

namespace kafkasim::engine {

// An owned copy of one record.
struct TraceRecord {
    struct Field {
        std::string key;
        TraceValue::Type type;
        std::int64_t int_value = 0;
        std::string string_value;
    };
    Instant time;
    NodeId node;
    std::string node_name;
    std::string kind;
    std::vector<Field> fields;

    // The field named `key`, or nullptr.
    const Field* field(std::string_view key) const;
};

class MemoryTraceSink : public TraceSink {
public:
    void write(const TraceRecordView& record) override;
    const std::vector<TraceRecord>& records() const { return records_; }

private:
    std::vector<TraceRecord> records_;
};

// One JSON object per line: {"time_us":…,"node":"node-1"|null,"kind":"…","fields":{…}}.
class JsonlTraceSink : public TraceSink {
public:
    // Throws std::runtime_error naming the path if the file cannot be opened.
    explicit JsonlTraceSink(const std::string& path);
    ~JsonlTraceSink() override;
    JsonlTraceSink(const JsonlTraceSink&) = delete;
    JsonlTraceSink& operator=(const JsonlTraceSink&) = delete;

    void write(const TraceRecordView& record) override;
    // Throws std::runtime_error if any write failed (a full disk, say).
    void close();

private:
    std::FILE* file_;
    std::string path_;
    std::string line_;
};

// Appends `s` to `out` as a JSON string literal.
void append_json_string(std::string& out, std::string_view s);

}  // namespace kafkasim::engine
