// PerfettoSink: writes a run as Chrome's trace event format, which ui.perfetto.dev and
// chrome://tracing open (`kafkasim run --perfetto out.json`). Every node is a track (a
// "process"); runner and engine records go to a "scenario" track. Slices show spans of time:
// a node down (crash or power loss until its start) or paused, a partition offline on the
// controller (its metadata naming no leader) on a thread per partition, and each Produce
// request from send to answer on its producer, each member's rebalance from its JoinGroup to
// its new assignment, and each group's rebalance on its coordinator. Instants mark the story's
// turns: faults, elections, fencing, ISR and replica changes, role changes, truncations,
// producer retries and epoch bumps, members added and removed, coordinator loads. Only those records are kept, not the whole trace.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/trace.h"

namespace kafkasim::scenarios {

class PerfettoSink : public engine::TraceSink {
public:
    void write(const engine::TraceRecordView& record) override;
    // The document, with spans still open at `end` closed there.
    nlohmann::json document(engine::Instant end) const;
    // Writes document(end) to `path`; throws std::runtime_error naming the path on failure.
    void write_file(const std::string& path, engine::Instant end) const;

private:
    struct Open {
        std::string name;
        std::int64_t start_us;
        std::int32_t pid;
        std::int32_t tid;
        nlohmann::json args;
    };
    std::int32_t pid_of(std::string_view node);
    std::int32_t tid_of(std::int32_t pid, const std::string& thread);
    void open(const std::string& key, Open span);
    void close(const std::string& key, std::int64_t end_us);

    std::map<std::string, std::int32_t> pids_;                       // node name → pid
    std::map<std::pair<std::int32_t, std::string>, std::int32_t> tids_;  // (pid, thread) → tid
    std::map<std::string, Open> open_;                                // spans begun, by key
    std::vector<nlohmann::json> events_;
};

}  // namespace kafkasim::scenarios
