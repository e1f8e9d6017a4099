// Two clocks per partition, fed by the trace as the run goes (trace sinks: nothing in the run
// reads them back).
// - LeaderlessClock: the time the controller's metadata named no leader (controller.partition
//   and controller.elect with leader -1).
// - UnavailableClock: what a client experiences: the time during which the leader the controller
//   has registered is not a running process that holds the partition as leader in that leader
//   epoch. It covers the time with no leader at all, a registered leader that crashed, lost power
//   or is paused and whose session has not yet expired, one that has not restarted, and a new
//   leader that has not yet learned of its election. Records read: controller.partition and
//   controller.elect (the registered leader and epoch), broker.start (which node is which
//   broker), node.start / node.crash / node.power_loss / node.pause / node.resume (is the process
//   running), partition.role (the replica's role and leader epoch on that broker). A new
//   partition counts from when it first comes online, or from its creation if it has no leader;
//   so unavailable_ms is never below leaderless_ms, and a partition that never stopped has 0.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "engine/trace.h"

namespace kafkasim::scenarios {

// Time spent in one state (no leader, unavailable), from the moments it begins and ends.
class StateTime {
public:
    // The state holds (or not) from `at` on.
    void set(bool in_state, engine::Instant at);
    // Milliseconds in the state up to `now`.
    std::int64_t ms(engine::Instant now) const;

private:
    std::optional<engine::Instant> since_;  // in the state since
    engine::Duration total_ = engine::Duration::zero();
};

// Follows partition leadership in the trace to measure the time each partition had no leader.
class LeaderlessClock : public engine::TraceSink {
public:
    void write(const engine::TraceRecordView& record) override;
    // Per partition ("orders-0"), milliseconds without a leader up to `now`.
    std::map<std::string, std::int64_t> leaderless_ms(engine::Instant now) const;

private:
    std::map<std::string, StateTime> partitions_;  // leaderless
};

// What a client experiences of each partition (above).
class UnavailableClock : public engine::TraceSink {
public:
    void write(const engine::TraceRecordView& record) override;
    // Per partition ("orders-0"), milliseconds unavailable up to `now`.
    std::map<std::string, std::int64_t> unavailable_ms(engine::Instant now) const;

private:
    struct Registered {
        std::int32_t leader = -1;
        std::int64_t leader_epoch = -1;
        bool counting = false;  // online once, or ever without a leader
        StateTime unavailable;
    };
    struct Process {
        std::int32_t broker = -1;  // -1 until its broker.start: not a broker
        bool running = false;
        bool paused = false;
        std::map<std::string, std::int64_t> leading;  // partition → leader epoch, for the current process
    };

    bool available(const std::string& partition, const Registered& r) const;
    void update(const std::string& partition, Registered& r, engine::Instant now);
    void update_all(engine::Instant now);
    void on_controller(const engine::TraceRecordView& record);
    void on_node(const engine::TraceRecordView& record);

    std::map<std::string, Registered> partitions_;  // by "topic-partition"
    std::map<std::string, Process> processes_;      // by node name
    std::map<std::int32_t, std::string> broker_nodes_;
};

}  // namespace kafkasim::scenarios
