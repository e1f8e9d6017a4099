// Producer-id blocks for brokers (KIP-730), after KRaft's ProducerIdControlManager
// (metadata/src/main/java/org/apache/kafka/controller/ProducerIdControlManager.java): each
// AllocateProducerIds hands the asking broker the next block of PRODUCER_ID_BLOCK_SIZE ids and
// writes a ProducerIdsRecord with the first id after it. The counter is rebuilt from those
// records, and a block is handed out only once its record is committed, so ids never repeat,
// across controller restarts and power losses too.
#pragma once

#include <cstdint>

#include "sim/controller/controller_result.h"
#include "sim/metadata/cluster_image.h"

namespace kafkasim::controller {

// ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE
inline constexpr std::int32_t producer_id_block_size = 1000;

struct ProducerIdBlock {
    ControllerResult result;
    ProducerId first{-1};
    std::int32_t count = 0;
};

// Caller guarantees the broker's epoch check passed.
ProducerIdBlock allocate_producer_ids(const metadata::ClusterImage& image, BrokerId broker, BrokerEpoch epoch);

}  // namespace kafkasim::controller
