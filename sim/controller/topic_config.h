// A new topic's configs: the controller's defaults with the request's overrides applied by
// Kafka's names and checked as Kafka's LogConfig defines them
// (storage/src/main/java/org/apache/kafka/storage/internals/log/LogConfig.java, validated in
// KRaft by ControllerConfigurationValidator):
//   segment.bytes  int  >= 14        retention.bytes  long (any; -1: no limit)
//   segment.ms     long >= 1         retention.ms     long >= -1 (-1: keep forever)
//   flush.messages long >= 1         flush.ms         long >= 0
//   min.insync.replicas int >= 1     unclean.leader.election.enable  true | false
// Values are trimmed and parsed as Java's parseInt / parseLong / ConfigDef's boolean do. A name
// kafkasim does not model, or a bad value, is INVALID_CONFIG.
#pragma once

#include <string>

#include "sim/common/errors.h"
#include "sim/common/log_config.h"
#include "sim/proto/controller_messages.h"

namespace kafkasim::controller {

struct TopicConfigResult {
    Errc error = Errc::none;
    std::string message;
    LogConfig config;  // valid only when error is NONE
};

TopicConfigResult apply_topic_overrides(const LogConfig& defaults, const ConfigOverrides& overrides);

// Kafka's Topic.validate: 1 to 249 characters of [a-zA-Z0-9._-], and not "." or "..".
// Returns an empty string for a legal name, otherwise Kafka's reason.
std::string invalid_topic_name_reason(const std::string& name);

// Topic.unifyCollisionChars: '.' and '_' may collide in metric names, so "a.b" and "a_b"
// cannot both exist.
std::string unify_collision_chars(const std::string& name);

}  // namespace kafkasim::controller
