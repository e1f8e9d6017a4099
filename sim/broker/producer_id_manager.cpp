// RPCProducerIdManager's behaviour (Kafka 3.5+, KAFKA-14694): generate() never blocks; the
// prefetch starts when the current block is 90% used (PRODUCER_ID_BLOCK's 0.9 threshold).
#include "sim/broker/producer_id_manager.h"

namespace kafkasim::broker {

namespace {
// Share of a block used before the next one is requested, in tenths (Kafka: 90%).
constexpr std::int64_t prefetch_tenths = 9;
}  // namespace

ProducerIdManager::ProducerIdManager(engine::Node& node, const BrokerConfig& config, rpc::RpcClient& controller,
                                     std::function<BrokerEpoch()> epoch)
    : node_(node), config_(config), controller_(controller), epoch_(std::move(epoch)) {}

InitProducerIdResponse ProducerIdManager::generate() {
    if ((!current_ || current_->next.value >= current_->end) && prefetched_) {
        current_ = prefetched_;
        prefetched_.reset();
    }
    if (!current_ || current_->next.value >= current_->end) {
        current_.reset();
        maybe_request_block();
        return InitProducerIdResponse{Errc::coordinator_load_in_progress, no_producer_id, no_producer_epoch};
    }
    const ProducerId id = current_->next;
    current_->next = ProducerId{id.value + 1};
    const std::int64_t used = current_->next.value - (current_->end - current_->size);
    if (used * 10 >= current_->size * prefetch_tenths) maybe_request_block();
    return InitProducerIdResponse{Errc::none, id, ProducerEpoch{0}};
}

void ProducerIdManager::maybe_request_block() {
    if (requesting_ || prefetched_) return;
    requesting_ = true;
    node_.trace("broker.producer_ids_request", {{"broker_epoch", epoch_().value}});
    controller_.send(config_.controller, AllocateProducerIdsRequest{config_.id, epoch_()},
                     config_.controller_request_timeout, [this](rpc::RpcResult r) { on_block(r); });
}

void ProducerIdManager::on_block(const rpc::RpcResult& result) {
    requesting_ = false;
    const auto* a = result.ok() ? std::get_if<AllocateProducerIdsResponse>(&result.body) : nullptr;
    const Errc error = a == nullptr ? (result.ok() ? Errc::invalid_request : result.transport) : a->error;
    if (error != Errc::none || a->count <= 0) {
        // The next InitProducerId asks again; Kafka also retries on the next request.
        node_.trace("broker.producer_ids_failed", {{"error", to_string(error)}});
        return;
    }
    node_.trace("broker.producer_ids", {{"first", a->first.value}, {"count", static_cast<std::int64_t>(a->count)}});
    prefetched_ = Block{a->first, a->first.value + a->count, a->count};
}

}  // namespace kafkasim::broker
