// ClusterView: the state of a run at one event, as a plain value the visualizer draws from
// (issue 28, "A read-only view of the state at the current event"). It is built from the
// processes' observer accessors, the history and the trace (view_builder.h); nothing in it
// points into the model, so views can be kept, copied and compared after the run has moved
// on, and a rewound run's view equals the one first seen at that event.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "scenarios/runner/scenario_run.h"

namespace kafkasim::scenarios {

// A server as an operator sees it. A broker's process may be up but not yet registered with
// the controller, or registered and fenced; `paused` is a stall (GC-like) of a live process.
enum class ServerState : std::uint8_t { up, crashed, paused, fenced, unregistered };
std::string_view to_string(ServerState s);

struct ServerView {
    std::string name;            // "controller", "broker-2"
    std::int32_t broker = -1;    // the broker id; -1 for the controller
    ServerState state = ServerState::crashed;
    std::int64_t broker_epoch = -1;  // -1: not registered (or the controller)
    bool operator==(const ServerView&) const = default;
};

struct RecordView {
    std::int64_t offset = 0;
    std::int32_t leader_epoch = -1;
    std::optional<std::string> key;
    bool operator==(const RecordView&) const = default;
};

// One broker's copy of a partition, as that broker holds it now.
struct ReplicaView {
    std::int32_t broker = 0;
    bool online = false;     // the broker is up and holds the replica
    bool in_isr = false;     // in the controller's ISR
    bool leader = false;     // the controller's leader
    std::int32_t leader_epoch = -1;  // the epoch this replica knows
    std::int64_t log_start = -1;
    std::int64_t log_end = -1;
    std::int64_t high_watermark = -1;
    std::vector<RecordView> last_records;  // the newest few, oldest first
    bool operator==(const ReplicaView&) const = default;
};

struct PartitionView {
    std::string topic;
    std::int32_t partition = 0;
    std::int32_t leader = -1;  // -1: offline
    std::int32_t leader_epoch = -1;
    std::vector<std::int32_t> replicas;  // the controller's, preferred leader first
    std::vector<std::int32_t> isr;
    std::vector<ReplicaView> copies;     // one per replica, in `replicas` order
    std::string name() const { return topic + "-" + std::to_string(partition); }
    bool operator==(const PartitionView&) const = default;
};

struct TopicView {
    std::string name;
    bool internal = false;  // __consumer_offsets
    std::vector<PartitionView> partitions;
    bool operator==(const TopicView&) const = default;
};

struct MemberPartitionView {
    std::string partition;        // "orders-0"
    std::int64_t position = -1;   // the member's next offset to poll; -1 while unknown
    std::int64_t committed = -1;  // the group's committed offset; -1: none
    bool operator==(const MemberPartitionView&) const = default;
};

struct MemberView {
    std::string name;       // the consumer's node name
    std::string member_id;  // empty while it is not in the group
    bool up = false;
    bool rebalancing = false;  // the group is rebalancing: it processes nothing
    bool idle = false;         // in a stable group with no partition
    std::vector<MemberPartitionView> partitions;
    bool operator==(const MemberView&) const = default;
};

struct GroupView {
    std::string group;
    std::string state;  // Kafka's ClassicGroupState, "Dead" or "Unknown" (group_report.h)
    std::int32_t generation = -1;
    std::string protocol;  // the chosen assignor; empty before the first rebalance
    std::vector<MemberView> members;  // the file's members, joined or not, in file order
    std::vector<GroupOffsetState> offsets;
    bool operator==(const GroupView&) const = default;
};

// A partition's leader as a client's metadata has it: it may be stale (design.md).
struct KnownLeaderView {
    std::string partition;          // "orders-0"
    std::int32_t leader = -1;       // -1: unknown or none
    std::int32_t leader_epoch = -1;
    bool operator==(const KnownLeaderView&) const = default;
};

struct ProducerView {
    std::string name;
    bool up = false;
    std::int64_t sent = 0;
    std::int64_t acked = 0;
    std::int64_t failed = 0;
    std::int64_t in_flight = 0;  // sent and not completed
    std::vector<KnownLeaderView> leaders;  // its metadata's, by topic and partition; empty before an answer
    bool operator==(const ProducerView&) const = default;
};

// A directed link that is not healthy: cut (nothing crosses) or clogged (slower).
struct LinkView {
    std::string from;
    std::string to;
    bool cut = false;
    std::int64_t extra_ms = 0;  // a clog's added delay
    bool operator==(const LinkView&) const = default;
};

// A directed link that has carried a message, and when it last sent one.
struct TrafficView {
    std::string from;
    std::string to;
    engine::Instant last_sent;
    bool operator==(const TrafficView&) const = default;
};

// A message on the wire: a request ("Produce") or its response.
struct MessageView {
    std::string kind;  // Kafka's API name; "Fetch" from a broker is a replica fetch
    bool response = false;
    std::string from;
    std::string to;
    engine::Instant sent;
    engine::Instant due;
    bool operator==(const MessageView&) const = default;
};

struct CaptionView {
    engine::Instant at;
    std::string en;
    std::string ko;
    bool operator==(const CaptionView&) const = default;
};

struct ClusterView {
    std::uint64_t event = 0;  // events run so far: 0 before the first
    engine::Instant time;
    engine::Instant end;
    bool finished = false;    // no event is left
    ServerView controller;
    std::vector<ServerView> brokers;  // by id, including brokers added later
    std::vector<TopicView> topics;    // by name
    std::vector<GroupView> groups;    // in the file's order
    std::vector<ProducerView> producers;
    std::vector<LinkView> faulty_links;
    std::vector<std::vector<std::string>> partition_groups;  // a network partition's sides; empty when none
    std::vector<std::string> isolated;
    std::vector<TrafficView> traffic;       // every link that has talked, by (from, to) node id
    std::vector<MessageView> messages;      // in flight, by due time
    std::vector<CaptionView> captions;      // shown so far, oldest first
    // Checker counts: empty until the run has finished (the checkers read the whole history,
    // too slow to run for every view; incremental ones come with the checks panel).
    std::map<std::string, std::int64_t> checks;
    std::vector<ExpectationResult> expectations;  // judged so far, in the file's order

    bool operator==(const ClusterView&) const = default;
    const ServerView* broker(std::int32_t id) const;
    const PartitionView* partition(const std::string& topic, std::int32_t partition) const;
    const GroupView* group(const std::string& name) const;
};

}  // namespace kafkasim::scenarios
