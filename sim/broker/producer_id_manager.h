// ProducerIdManager: the producer ids a broker hands to idempotent producers (InitProducerId),
// out of blocks the controller allocates with AllocateProducerIds (KIP-730; Kafka's
// RPCProducerIdManager in server-common). The broker takes the next block in the background
// once 90% of the current one is used, as Kafka does, so that a producer rarely waits; with no
// id at hand it answers COORDINATOR_LOAD_IN_PROGRESS (retriable) and asks for a block.
// Nothing survives a restart: the controller never hands a block out twice, so a restarted
// broker simply asks for a new one.
#pragma once

#include <functional>
#include <optional>

#include "sim/broker/broker_config.h"
#include "sim/proto/client_messages.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::broker {

class ProducerIdManager {
public:
    // `epoch` gives the broker's current registration epoch for the controller's check.
    ProducerIdManager(engine::Node& node, const BrokerConfig& config, rpc::RpcClient& controller,
                      std::function<BrokerEpoch()> epoch);

    // The answer to InitProducerId: the next id with epoch 0, or COORDINATOR_LOAD_IN_PROGRESS.
    InitProducerIdResponse generate();

private:
    struct Block {
        ProducerId next;
        std::int64_t end = 0;  // one past the block's last id
        std::int32_t size = 0;
    };
    void maybe_request_block();
    void on_block(const rpc::RpcResult& result);

    engine::Node& node_;
    const BrokerConfig& config_;
    rpc::RpcClient& controller_;
    std::function<BrokerEpoch()> epoch_;
    std::optional<Block> current_;
    std::optional<Block> prefetched_;
    bool requesting_ = false;
};

}  // namespace kafkasim::broker
