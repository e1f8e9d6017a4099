#include "sim/coordinator/offsets_topic.h"

#include <limits>

#include "engine/assert.h"
#include "sim/assign/java_string.h"

namespace kafkasim::coordinator {

std::int32_t partition_for(std::string_view group_id, std::int32_t partitions) {
    SIM_ASSERT(partitions > 0, "__consumer_offsets has at least one partition");
    const std::int32_t hash = assign::java_hash_code(group_id);
    // Kafka's Utils.abs: Math.abs would leave MIN_VALUE negative.
    const std::int32_t abs = hash == std::numeric_limits<std::int32_t>::min() ? 0 : (hash < 0 ? -hash : hash);
    return abs % partitions;
}

}  // namespace kafkasim::coordinator
