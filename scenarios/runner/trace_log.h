// TraceLog: the trace records a RunSession has seen, kept for the visualizer's event log
// (issue 31). A sink that only observes (design.md), so a run with it hashes as one without.
//
// A session runs the model again after a rewind, and the same records come again: the log keeps
// an event's records the first time it runs and drops them on every later execution. Each
// record is 32 bytes plus its fields as one line of text ("leader=2 leader_epoch=3"); names,
// kinds and partitions are numbers into tables. Past its byte budget it keeps no more, and says so.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/trace.h"

namespace kafkasim::scenarios {

class TraceLog : public engine::TraceSink {
public:
    struct Entry {
        std::uint64_t event = 0;       // the event that wrote it (0: the run's start)
        engine::Instant time;
        std::uint32_t text = 0;        // where its fields start in the text
        std::uint32_t text_size = 0;
        std::uint16_t node = 0;        // into nodes(); 0: the engine itself ("")
        std::uint16_t kind = 0;        // into kinds()
        std::int32_t partition = -1;   // into partitions(); -1: the record names none
    };
    static_assert(sizeof(Entry) == 32, "an entry stays small: the largest lessons log a million records");

    explicit TraceLog(std::size_t max_bytes);

    // Records written from now on belong to `event`. Only an event past every one already kept
    // is kept: a re-execution's records are dropped.
    void begin_event(std::uint64_t event);
    void write(const engine::TraceRecordView& record) override;

    std::size_t size() const { return entries_.size(); }
    const Entry& operator[](std::size_t i) const { return entries_[i]; }
    // How many records belong to events at or before `event`.
    std::size_t count_through(std::uint64_t event) const;

    std::string_view node(const Entry& e) const { return nodes_[e.node]; }
    std::string_view kind(const Entry& e) const { return kinds_[e.kind]; }
    std::string_view partition(const Entry& e) const;  // "orders-0", or empty
    std::string_view fields(const Entry& e) const { return std::string_view(text_).substr(e.text, e.text_size); }
    // The names seen so far, in the order first seen.
    const std::vector<std::string>& nodes() const { return nodes_; }
    const std::vector<std::string>& kinds() const { return kinds_; }
    const std::vector<std::string>& partitions() const { return partitions_; }

    // The memory the log holds (entries, text and tables), in bytes.
    std::size_t bytes() const;
    // True once a record was dropped for the budget: the log ends before the run does.
    bool full() const { return full_; }

private:
    std::uint16_t intern(std::vector<std::string>& names, std::map<std::string, std::uint16_t, std::less<>>& index,
                         std::string_view name);

    std::size_t max_bytes_;
    std::vector<Entry> entries_;
    std::string text_;
    std::vector<std::string> nodes_{""};
    std::vector<std::string> kinds_;
    std::vector<std::string> partitions_;
    std::map<std::string, std::uint16_t, std::less<>> node_index_{{"", 0}};
    std::map<std::string, std::uint16_t, std::less<>> kind_index_;
    std::map<std::string, std::uint16_t, std::less<>> partition_index_;
    std::uint64_t event_ = 0;
    bool keeping_ = false;
    bool kept_any_ = false;          // an event has been kept: last_kept_ means something
    std::uint64_t last_kept_ = 0;
    bool full_ = false;
    std::string field_buffer_;
};

}  // namespace kafkasim::scenarios
