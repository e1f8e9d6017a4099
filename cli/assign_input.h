// Reads the input of `kafkasim assign`: a JSON object shaped like an `assignors[]` entry of
// kafka-vectors.json (docs/cli.md). Keys other than partitions_per_topic, subscriptions,
// group_instance_ids, owned and generations are ignored. Members keep the order of the
// `subscriptions` object in the file (the JoinGroup order, which Kafka's HashMap order
// depends on only for colliding hash buckets).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/assign/model.h"

namespace kafkasim::cli {

// Bad input: the message says what is wrong and where, in one line.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A bound that keeps a typo from asking for billions of partitions.
inline constexpr std::int64_t max_total_partitions = 1'000'000;

assign::GroupSubscription parse_group_json(const std::string& text);

// Reads and parses the file; InputError names the file.
assign::GroupSubscription read_group_file(const std::string& path);

}  // namespace kafkasim::cli
