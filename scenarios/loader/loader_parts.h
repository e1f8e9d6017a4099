// The loader's sections, one function each (scenario_loader.cpp puts them together). Each
// reads its part of the document, reports mistakes by JSON Pointer, and fills the spec; later
// sections check names against what earlier ones defined.
#pragma once

#include <map>
#include <set>

#include "scenarios/loader/json_walk.h"
#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

// The most brokers a scenario may have, those it starts with and those that join (`add_broker`)
// together: Kafka sets no limit; this one keeps a run's memory bounded (docs/scale.md).
inline constexpr std::int64_t max_brokers = 1000;

// What the file defines, for checking references to it.
struct Names {
    std::int32_t brokers = 0;                            // at the start
    std::map<std::string, std::int32_t> partitions;      // topic -> partitions at the start
    std::map<std::string, engine::Duration> clients;     // producer and consumer node names -> when the node starts
    std::set<std::string> groups;
};

Bilingual read_bilingual(Errors& errors, const Json& obj, const std::string& path, std::string_view key);
// "orders-0" → {orders, 0}; nullopt if it does not end in "-<number>".
std::optional<TopicPartition> parse_partition(std::string_view text);

void load_cluster(Errors& errors, const Json& doc, ClusterSpec& cluster);
void load_topics(Errors& errors, const Json& doc, const ClusterSpec& cluster, std::vector<TopicSpec>& topics,
                 Names& names);
void load_producers(Errors& errors, const Json& doc, std::vector<ProducerSpec>& producers, Names& names);
void load_groups(Errors& errors, const Json& doc, const ClusterSpec& cluster, engine::Duration duration,
                 std::vector<GroupSpec>& groups, Names& names);
void load_faults(Errors& errors, const Json& doc, engine::Duration duration, const Names& names,
                 std::vector<FaultSpec>& faults);
void load_expectations(Errors& errors, const Json& doc, engine::Duration duration,
                       std::vector<ExpectationSpec>& expectations);
void load_swarm(Errors& errors, const Json& doc, engine::Duration duration, std::optional<SwarmSpec>& swarm);
void load_narration(Errors& errors, const Json& doc, engine::Duration duration, std::vector<Caption>& narration);

}  // namespace kafkasim::scenarios
