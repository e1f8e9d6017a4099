// Reads tests/data/kafka-vectors-leader-epoch.json, a copy of the `leader_epoch_end_offset`
// vectors of the project's shared kafka-vectors.json (cases from Apache Kafka's
// LeaderEpochFileCacheTest at apache/kafka 1eb7644; each case cites its test).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/log/leader_epoch_cache.h"

namespace kafkasim::log::test {

struct EpochQuery {
    LeaderEpoch epoch;
    Offset log_end_offset;
    EpochEndOffset expected;
};

struct EpochVector {
    std::string id;
    std::string kafka_test;                 // the LeaderEpochFileCacheTest case it comes from
    std::vector<EpochEntry> assign;         // assign(epoch, start_offset), in order
    std::vector<EpochQuery> queries;        // endOffsetFor after every assign
    std::optional<std::vector<EpochEntry>> expected_entries;
};

std::vector<EpochVector> load_leader_epoch_vectors();

}  // namespace kafkasim::log::test
