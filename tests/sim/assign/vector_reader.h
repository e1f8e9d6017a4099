// Reads tests/data/kafka-vectors-assignors.json, a copy of the `assignors` vectors of the
// project's shared kafka-vectors.json (cases from Apache Kafka's assignor tests and javadoc,
// at apache/kafka 1eb7644; each entry cites its source).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/assign/model.h"

namespace kafkasim::assign::test {

struct VectorCase {
    std::string id;
    std::string kind;                  // "exact" or "property"
    std::vector<std::string> assignors;  // strategy names the case applies to
    std::optional<GroupSubscription> group;  // absent for multi-round property cases
    std::optional<Assignment> expected;
    std::optional<Assignment> expected_first_round;  // cooperative-sticky's first rebalance
    std::optional<Assignment> kafka_code_result;     // what Kafka's code gives (property cases)
    // Kafka's partitionsTransferringOwnership after the assignment, where the test asserts it.
    std::optional<std::map<TopicPartition, MemberId>> transferring;
};

std::vector<VectorCase> load_assignor_vectors();
// The raw JSON entry with this id (for cases with several rounds).
nlohmann::ordered_json raw_vector(const std::string& id);

// An assignors[] entry (or one of its rounds): partitions_per_topic, subscriptions and the
// optional group_instance_ids, owned (a list, or anything else for none) and generations.
GroupSubscription group_from_json(const nlohmann::ordered_json& entry);
Assignment assignment_from_json(const nlohmann::ordered_json& members);

}  // namespace kafkasim::assign::test
