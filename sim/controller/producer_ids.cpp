#include "sim/controller/producer_ids.h"

#include <limits>

namespace kafkasim::controller {

ProducerIdBlock allocate_producer_ids(const metadata::ClusterImage& image, BrokerId broker, BrokerEpoch epoch) {
    ProducerIdBlock block;
    const ProducerId first = image.next_producer_id();
    if (first.value > std::numeric_limits<std::int64_t>::max() - producer_id_block_size) {
        block.result = ControllerResult::failure(
            Errc::unknown_server_error, "Exhausted all producerIds as the next block's end producerId has exceeded the int64 type limit");
        return block;
    }
    block.first = first;
    block.count = producer_id_block_size;
    block.result.records.push_back(ProducerIdsRecord{broker, epoch, ProducerId{first.value + producer_id_block_size}});
    return block;
}

}  // namespace kafkasim::controller
