// Topic-level log configs (Kafka's LogConfig), with Kafka 3.9's defaults. A topic's
// `configs` override the broker's defaults field by field.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

#include "engine/time.h"

namespace kafkasim {

struct LogConfig {
    std::int64_t segment_bytes = 1073741824;                   // segment.bytes
    engine::Duration segment_ms = engine::Duration::ms(604800000);   // segment.ms (7 days)
    engine::Duration retention_ms = engine::Duration::ms(604800000); // retention.ms; negative: keep forever
    std::int64_t retention_bytes = -1;                          // retention.bytes; -1: no limit
    // flush.messages / flush.ms: Kafka's defaults mean never: the OS writes back.
    std::int64_t flush_messages = std::numeric_limits<std::int64_t>::max();  // flush.messages
    engine::Duration flush_ms = engine::Duration::max();        // flush.ms
    std::int32_t min_insync_replicas = 1;                       // min.insync.replicas
    bool unclean_leader_election_enable = false;                // unclean.leader.election.enable

    auto operator<=>(const LogConfig&) const = default;
};

}  // namespace kafkasim
