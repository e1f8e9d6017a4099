// ScenarioSpec: a scenario file as typed values (docs/scenario-format.md). The loader
// (scenario_loader.h) builds one from JSON; a run builds its cluster, clients and fault
// schedule from it. Kafka's settings arrive here already in the option structs the model uses
// (ControllerConfig, BrokerConfig, ProducerConfig, topic config overrides); nodes are still
// named, and roles ("the leader of orders-0") are resolved only when a fault fires, so a lesson
// holds for any seed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/disk/node_disk.h"
#include "engine/net/network.h"
#include "sim/common/ids.h"
#include "sim/common/replication_truncation.h"
#include "sim/controller/controller_config.h"
#include "sim/broker/broker_config.h"
#include "sim/consumer/consumer_config.h"
#include "sim/producer/producer_config.h"
#include "sim/proto/controller_messages.h"

namespace kafkasim::scenarios {

// Text in both of the guide's languages.
struct Bilingual {
    std::string en;
    std::string ko;
};

struct ClusterSpec {
    std::int32_t brokers = 3;
    ReplicationTruncation replication_truncation = ReplicationTruncation::leader_epoch;
    controller::ControllerConfig controller;  // broker configs the controller reads, and topic defaults
    broker::BrokerConfig broker;              // `id` and `controller` are set per broker
    engine::NetworkOptions network;
    engine::NodeDiskOptions disk;
};

struct TopicSpec {
    std::string name;
    std::int32_t partitions = -1;            // -1 with replica_assignment, or num.partitions
    std::int16_t replication_factor = -1;    // -1 with replica_assignment, or default.replication.factor
    std::vector<std::vector<BrokerId>> replica_assignment;
    ConfigOverrides configs;                 // checked by the controller's rules when loaded
};

// Which keys a producer's records carry.
struct KeySpec {
    enum class Kind : std::uint8_t { none, cycle, random } kind = Kind::none;
    std::vector<std::string> keys;  // cycle: in turn; random: drawn uniformly on the producer's stream
};

struct ProducerSpec {
    std::string name;                       // the node's name
    std::string topic;
    producer::ProducerConfig config;        // bootstrap is set when the cluster exists
    double rate_per_s = 0;                  // records per second, evenly spaced
    engine::Duration start = engine::Duration::zero();
    std::optional<engine::Duration> stop;   // none: until the end of the run
    std::int64_t max_records = -1;          // -1: no limit
    KeySpec keys;
    // Payload fields: each value is a list the producer cycles through (for the "field" partitioner).
    std::vector<std::pair<std::string, std::vector<std::string>>> fields;
};

// One consumer of a group: a node running a Consumer that subscribes to the group's topics.
struct MemberSpec {
    std::string name;                        // the node's name: "<group>/<member>"
    consumer::ConsumerConfig config;         // group.id is the group's; bootstrap is set when the cluster exists
    consumer::ConsumerWorkload workload;     // subscription, processing and commits
    engine::Duration join = engine::Duration::zero();  // the node starts (and joins the group)
    std::optional<engine::Duration> leave;   // the application closes the consumer: LeaveGroup
};

struct GroupSpec {
    std::string group;                       // group.id
    std::vector<std::string> topics;         // what every member subscribes to
    std::vector<MemberSpec> members;
};

// A node named in a fault: by name, or by its role when the fault fires.
struct NodeRef {
    enum class Kind : std::uint8_t { name, leader_of, follower_of, coordinator_of, controller } kind = Kind::name;
    std::string name;        // a node name, or the partition ("orders-0") or group the role is of
    TopicPartition partition;  // leader_of / follower_of
};

struct CrashAction { NodeRef node; };
struct RestartAction { NodeRef node; };
struct PowerLossAction {
    std::vector<NodeRef> nodes;  // all lose power at the same instant
    bool torn_tail = false;
};
struct PauseAction {
    NodeRef node;
    engine::Duration length;
};
struct IsolateAction { NodeRef node; };
struct PartitionAction { std::vector<std::vector<NodeRef>> groups; };
struct CutAction {
    NodeRef from;
    NodeRef to;
    bool both_ways = true;
};
struct ClogAction {
    NodeRef from;
    NodeRef to;
    engine::Duration extra;
    bool both_ways = true;
};
struct HealAction {};
struct SlowDiskAction {
    NodeRef node;
    std::uint32_t factor = 1;  // 1 heals
};
struct AddBrokerAction { std::int32_t count = 1; };
struct AddPartitionsAction {
    std::string topic;
    std::int32_t count = 0;  // the new total
};
struct ReassignAction {
    TopicPartition partition;
    std::vector<BrokerId> replicas;
};
struct ElectLeadersAction {
    ElectionType type = ElectionType::preferred;
    std::vector<TopicPartition> partitions;  // empty: all
};

using FaultAction = std::variant<CrashAction, RestartAction, PowerLossAction, PauseAction, IsolateAction,
                                 PartitionAction, CutAction, ClogAction, HealAction, SlowDiskAction, AddBrokerAction,
                                 AddPartitionsAction, ReassignAction, ElectLeadersAction>;

struct FaultSpec {
    engine::Duration at;
    FaultAction action;
    std::string path;  // its JSON Pointer in the file, for messages
};

// One side of an expectation: a number, or a checker or metric with a selection and an
// aggregation (expectation.h).
struct Selector {
    std::string label;
    std::string value;
};
enum class Aggregate : std::uint8_t { sum, max, min, count };
struct MetricRef {
    std::string name;
    std::vector<Selector> where;
    Aggregate aggregate = Aggregate::sum;
};
using Operand = std::variant<double, MetricRef>;
enum class Comparison : std::uint8_t { eq, ne, lt, le, gt, ge };

struct ExpectationSpec {
    std::string name;
    std::string text;  // as written: "lost_acked == 0"
    Operand left;
    Comparison op = Comparison::eq;
    Operand right;
    bool safety = false;                    // holds for any seed
    std::optional<engine::Duration> at;     // checked at this time; none: at the end
};

struct Caption {
    engine::Duration at;
    Bilingual text;
};

// A lesson toggle the file declares (knobs.h applies one to the file's JSON before loading).
struct KnobSpec {
    std::string name;
    Bilingual description;
    std::vector<std::string> values;  // in the file's order
    std::string default_value;        // what the file says without the knob
};

// How `kafkasim swarm` draws random fault schedules from this file (docs/swarm.md): faults
// fire between `faults_from` and `faults_until`; then everything heals and every node restarts,
// and the healed quiet phase runs to duration_ms before the drain. `run` ignores it.
struct SwarmSpec {
    engine::Duration faults_from;
    engine::Duration faults_until;
    std::int32_t min_faults = 1;
    std::int32_t max_faults = 8;
    std::vector<std::string> kinds;  // of swarm_fault_kinds(), in the file's order
};

// Every fault kind a swarm can draw, in docs/swarm.md's order.
const std::vector<std::string>& swarm_fault_kinds();

struct ScenarioSpec {
    std::string name;  // the file's base name, without ".json"
    std::uint64_t seed = 0;
    engine::Duration duration;
    Bilingual description;
    ClusterSpec cluster;
    std::vector<TopicSpec> topics;
    std::vector<ProducerSpec> producers;
    std::vector<GroupSpec> groups;
    std::vector<FaultSpec> faults;  // in time order (stable for equal times: file order)
    std::vector<ExpectationSpec> expectations;
    std::vector<KnobSpec> knobs;
    std::vector<Caption> narration;  // in time order
    std::optional<SwarmSpec> swarm;
};

}  // namespace kafkasim::scenarios
