// A node with the standard disk stack whose process is one partition log, as a broker will
// hold it: a crash or power loss destroys the log, a restart recovers it from the files.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/disk/node_disk.h"
#include "engine/simulation.h"
#include "engine/trace_sinks.h"
#include "sim/log/partition_log.h"

namespace kafkasim::testing {

// A batch of `records` records, each `value_bytes` long, timestamped `timestamp_ms`.
RecordBatch make_batch(int records, std::int64_t timestamp_ms = 0, std::size_t value_bytes = 10);
RecordBatch idempotent(RecordBatch batch, ProducerId id, ProducerEpoch epoch, Sequence base_sequence);

// "(0,0) (2,5)": leader epoch entries as text, so that a failed comparison shows both sides.
std::string epochs_text(const std::vector<log::EpochEntry>& entries);

// Runs `scenario(seed)` twice: both runs must leave the same trace hash.
void check_replays(const std::function<std::uint64_t(std::uint64_t)>& scenario, std::uint64_t seed = 7);

class LogMachine {
public:
    explicit LogMachine(std::uint64_t seed = 1, log::PartitionLogOptions options = default_options(),
                        engine::NodeDiskOptions disk = {});

    static log::PartitionLogOptions default_options();

    log::PartitionLog& log();
    // The options the next start uses (every restart builds the log from them).
    log::PartitionLogOptions& options() { return options_; }
    // Runs as each process starts, before the log is built, with the files as they are then:
    // for what a broker reads at start (the replication-offset-checkpoint).
    using BeforeStart = std::function<void(log::PartitionLogOptions&, const engine::Disk&)>;
    void set_before_start(BeforeStart f) { before_start_ = std::move(f); }
    engine::Simulation& sim() { return sim_; }
    engine::Node& node() { return node_; }
    engine::NodeDisk& disk() { return disk_; }

    // Appends and runs until `done` ran (or the append was not `appended`).
    log::AppendResult leader_append(RecordBatch batch, LeaderEpoch epoch = LeaderEpoch{0});
    log::AppendResult follower_append(RecordBatch batch);
    // A batch as the leader's log holds it (a Fetch answer's block).
    log::AppendResult follower_append(engine::Block batch);
    // The Errc that the last append's `done` reported, if it ran.
    std::optional<Errc> last_done() const { return last_done_; }
    // Lets every disk operation submitted so far complete (syncs take milliseconds).
    void settle();
    void advance(engine::Duration d);
    void crash_and_restart();
    void power_loss_and_restart(engine::TornTail torn = engine::TornTail::off);

    // Every batch of the log, in order, from log start.
    std::vector<RecordBatch> all_batches();
    std::uint64_t trace_hash() { return sim_.trace().hash(); }
    // The trace records of `kind` so far.
    std::vector<engine::TraceRecord> records(std::string_view kind) const;

private:
    log::AppendResult run_append(const std::function<log::AppendResult(log::AppendDone)>& append);

    engine::Simulation sim_;
    std::shared_ptr<engine::MemoryTraceSink> sink_ = std::make_shared<engine::MemoryTraceSink>();
    engine::Node& node_;
    engine::NodeDisk disk_;
    log::PartitionLogOptions options_;
    std::optional<Errc> last_done_;
    BeforeStart before_start_;
};

}  // namespace kafkasim::testing
