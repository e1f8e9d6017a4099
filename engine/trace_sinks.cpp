#include "engine/trace_sinks.h"

#include <stdexcept>

namespace kafkasim::engine {

const TraceRecord::Field* TraceRecord::field(std::string_view key) const {
    for (const Field& f : fields)
        if (f.key == key) return &f;
    return nullptr;
}

void MemoryTraceSink::write(const TraceRecordView& r) {
    TraceRecord rec{r.time, r.node, std::string(r.node_name), std::string(r.kind), {}};
    rec.fields.reserve(r.fields.size());
    for (const TraceField& f : r.fields) {
        rec.fields.push_back({std::string(f.key), f.value.type(), f.value.as_int(),
                              std::string(f.value.as_string())});
    }
    records_.push_back(std::move(rec));
}

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (u < 0x20) {
                    out += "\\u00";
                    out.push_back(hex[u >> 4]);
                    out.push_back(hex[u & 0xf]);
                } else {
                    out.push_back(c);  // UTF-8 passes through unchanged
                }
        }
    }
    out.push_back('"');
}

JsonlTraceSink::JsonlTraceSink(const std::string& path)
    : file_(std::fopen(path.c_str(), "w")), path_(path) {
    if (file_ == nullptr) throw std::runtime_error("cannot open trace file for writing: " + path);
}

JsonlTraceSink::~JsonlTraceSink() {
    if (file_ != nullptr) std::fclose(file_);
}

void JsonlTraceSink::write(const TraceRecordView& r) {
    if (file_ == nullptr) return;
    line_.clear();
    line_ += "{\"time_us\":";
    line_ += std::to_string(r.time.us());
    line_ += ",\"node\":";
    if (r.node.is_none()) line_ += "null";
    else append_json_string(line_, r.node_name);
    line_ += ",\"kind\":";
    append_json_string(line_, r.kind);
    line_ += ",\"fields\":{";
    bool first = true;
    for (const TraceField& f : r.fields) {
        if (!first) line_.push_back(',');
        first = false;
        append_json_string(line_, f.key);
        line_.push_back(':');
        switch (f.value.type()) {
            case TraceValue::Type::integer: line_ += std::to_string(f.value.as_int()); break;
            case TraceValue::Type::string: append_json_string(line_, f.value.as_string()); break;
            case TraceValue::Type::boolean: line_ += f.value.as_bool() ? "true" : "false"; break;
        }
    }
    line_ += "}}\n";
    std::fwrite(line_.data(), 1, line_.size(), file_);
}

void JsonlTraceSink::close() {
    if (file_ == nullptr) return;
    const bool failed = std::ferror(file_) != 0;
    const bool close_failed = std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed || close_failed) throw std::runtime_error("failed writing trace file: " + path_);
}

}  // namespace kafkasim::engine
