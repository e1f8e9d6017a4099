// Kafka's configs in a scenario file, by Kafka's names with Kafka's value types
// (docs/scenario-format.md lists the ones kafkasim models). A value may be given as JSON (a
// number, a boolean) or as the string Kafka's config files hold ("2", "true"); it is checked
// as Kafka's ConfigDef checks it (type, range, allowed values). An unknown name is an error
// with a "did you mean".
#pragma once

#include "scenarios/loader/json_walk.h"
#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

// `cluster.configs`: broker configs, which also set the topic defaults (log.* names).
void apply_broker_configs(Errors& errors, const Json& configs, const std::string& path, ClusterSpec& cluster);

// A producer's `configs`; then Kafka's checks of the combination (enable.idempotence with acks
// and max.in.flight.requests.per.connection, delivery.timeout.ms).
void apply_producer_configs(Errors& errors, const Json& configs, const std::string& path,
                            producer::ProducerConfig& config);

// A consumer group's or a member's `configs` (consumer_configs.cpp); the combination is checked
// by the group section once the member's whole config is known.
void apply_consumer_configs(Errors& errors, const Json& configs, const std::string& path,
                            consumer::ConsumerConfig& config);

// A topic's `configs`, as the strings CreateTopics carries; the names and values are checked as
// the controller checks them (topic_config.h).
ConfigOverrides topic_configs(Errors& errors, const Json& configs, const std::string& path,
                              const LogConfig& defaults);

// The names each accepts, for the JSON Schema test.
std::vector<std::string> broker_config_names();
std::vector<std::string> producer_config_names();
std::vector<std::string> consumer_config_names();

}  // namespace kafkasim::scenarios
