// The four assignors behind one entry point, by their Kafka names (the values of
// partition.assignment.strategy's name() and of `kafkasim assign --strategy`).
#pragma once

#include <optional>
#include <string_view>

#include "sim/assign/assignor_failure.h"
#include "sim/assign/model.h"

namespace kafkasim::assign {

enum class Strategy { range, roundrobin, sticky, cooperative_sticky };

std::optional<Strategy> parse_strategy(std::string_view name);
std::string_view strategy_name(Strategy strategy);
// Cooperative: members keep their partitions through a rebalance and revoke only what
// moves, so one rebalance may be followed by another (Kafka's RebalanceProtocol).
bool is_cooperative(Strategy strategy);

// What an assignor may assume of its input; the edges (the CLI, the group coordinator) check
// it and report anything else as bad input. Returns a description of the first problem.
std::optional<std::string> check_group(const GroupSubscription& group);

// One rebalance: the group leader's assignor run once. Generations are normalized and
// duplicate topics in a subscription ignored first. Throws KafkaAssignorFailure where Kafka's
// assignor throws; a failed SIM_ASSERT if the group breaks check_group.
Assignment assign(Strategy strategy, const GroupSubscription& group);

}  // namespace kafkasim::assign
