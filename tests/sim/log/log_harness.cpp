#include "tests/sim/log/log_harness.h"

#include <doctest/doctest.h>

namespace kafkasim::testing {

namespace {

struct LogProcess : engine::Process {
    LogProcess(engine::Node& node, engine::Disk& disk, log::PartitionLogOptions options)
        : log(node, disk, std::move(options)) {}
    log::PartitionLog log;
};

}  // namespace

std::string epochs_text(const std::vector<log::EpochEntry>& entries) {
    std::string out;
    for (const log::EpochEntry& e : entries) {
        if (!out.empty()) out += " ";
        out += "(" + std::to_string(e.epoch.value) + "," + std::to_string(e.start_offset.value) + ")";
    }
    return out;
}

RecordBatch make_batch(int records, std::int64_t timestamp_ms, std::size_t value_bytes) {
    RecordBatch b;
    for (int i = 0; i < records; ++i)
        b.records.push_back(Record{"k" + std::to_string(i), std::string(value_bytes, static_cast<char>('a' + i % 26)),
                                   timestamp_ms});
    return b;
}

RecordBatch idempotent(RecordBatch batch, ProducerId id, ProducerEpoch epoch, Sequence base_sequence) {
    batch.producer_id = id;
    batch.producer_epoch = epoch;
    batch.base_sequence = base_sequence;
    return batch;
}

log::PartitionLogOptions LogMachine::default_options() {
    log::PartitionLogOptions o;
    o.partition = TopicPartition{"orders", 0};
    return o;
}

LogMachine::LogMachine(std::uint64_t seed, log::PartitionLogOptions options, engine::NodeDiskOptions disk)
    : sim_(seed), node_(sim_.add_node("broker-1")), disk_(node_, disk), options_(std::move(options)) {
    node_.set_process_factory([this](engine::Node& n) -> std::unique_ptr<engine::Process> {
        if (before_start_) before_start_(options_, disk_.disk());
        return std::make_unique<LogProcess>(n, disk_.disk(), options_);
    });
    sim_.trace().add_sink(sink_);
    node_.start();
}

std::vector<engine::TraceRecord> LogMachine::records(std::string_view kind) const {
    std::vector<engine::TraceRecord> out;
    for (const engine::TraceRecord& r : sink_->records())
        if (r.kind == kind) out.push_back(r);
    return out;
}

void check_replays(const std::function<std::uint64_t(std::uint64_t)>& scenario, std::uint64_t seed) {
    const std::uint64_t first = scenario(seed);
    const std::uint64_t second = scenario(seed);
    CHECK(first == second);
}

log::PartitionLog& LogMachine::log() {
    REQUIRE(node_.process() != nullptr);
    return static_cast<LogProcess*>(node_.process())->log;
}

log::AppendResult LogMachine::run_append(const std::function<log::AppendResult(log::AppendDone)>& append) {
    last_done_.reset();
    bool ran = false;
    const log::AppendResult r = append([this, &ran](Errc e) {
        last_done_ = e;
        ran = true;
    });
    if (r.outcome != log::AppendOutcome::appended) return r;
    const engine::Instant give_up = sim_.now() + engine::Duration::s(1);
    while (!ran && sim_.now() < give_up && sim_.step()) {
    }
    REQUIRE(ran);
    return r;
}

log::AppendResult LogMachine::leader_append(RecordBatch batch, LeaderEpoch epoch) {
    return run_append([&](log::AppendDone done) { return log().append_as_leader(std::move(batch), epoch, std::move(done)); });
}

log::AppendResult LogMachine::follower_append(RecordBatch batch) {
    return run_append([&](log::AppendDone done) { return log().append_as_follower(std::move(batch), std::move(done)); });
}

log::AppendResult LogMachine::follower_append(engine::Block batch) {
    return run_append([&](log::AppendDone done) { return log().append_as_follower(std::move(batch), std::move(done)); });
}

void LogMachine::settle() { advance(engine::Duration::ms(100)); }

void LogMachine::advance(engine::Duration d) { sim_.run_until(sim_.now() + d); }

void LogMachine::crash_and_restart() {
    node_.crash();
    node_.start();
}

void LogMachine::power_loss_and_restart(engine::TornTail torn) {
    disk_.power().set_torn_tail(torn);
    node_.power_loss();
    node_.start();
}

std::vector<RecordBatch> LogMachine::all_batches() {
    std::vector<RecordBatch> out;
    for (const auto& [base, segment] : log().segments())
        for (RecordBatch& b : log().load(segment, 0, segment.batches().size())) out.push_back(std::move(b));
    return out;
}

}  // namespace kafkasim::testing
