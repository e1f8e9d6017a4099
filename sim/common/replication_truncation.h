// `replication_truncation`, a kafkasim knob at cluster level (docs/fidelity.md):
//   leader_epoch (the default): Kafka since KIP-101/KIP-279: a follower truncates only where
//     its log diverges from the leader's, found through leader epochs;
//   legacy_hw: a teaching mode that replays the anomalies KIP-101 fixed: a replica that
//     becomes a follower truncates to its own high watermark, and a broker that bounces
//     before its session lapses keeps its ISR places, as if the controller missed the bounce.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kafkasim {

enum class ReplicationTruncation : std::uint8_t { leader_epoch, legacy_hw };

inline std::string_view to_string(ReplicationTruncation t) {
    return t == ReplicationTruncation::legacy_hw ? "legacy_hw" : "leader_epoch";
}

inline std::optional<ReplicationTruncation> parse_replication_truncation(std::string_view s) {
    if (s == "leader_epoch") return ReplicationTruncation::leader_epoch;
    if (s == "legacy_hw") return ReplicationTruncation::legacy_hw;
    return std::nullopt;
}

}  // namespace kafkasim
