// A classic group's states and the moves between them (Kafka's ClassicGroupState; the Scala
// GroupState). Dead is final: the group was unloaded (its coordinator moved) or deleted.
#pragma once

#include <cstdint>
#include <string_view>

namespace kafkasim::coordinator {

enum class GroupState : std::uint8_t { empty, preparing_rebalance, completing_rebalance, stable, dead };

// Kafka's names: "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead".
std::string_view to_string(GroupState state);

// ClassicGroupState's valid previous states; a move outside them is a bug.
bool can_move(GroupState from, GroupState to);

}  // namespace kafkasim::coordinator
