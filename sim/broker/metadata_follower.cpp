#include "sim/broker/metadata_follower.h"

namespace kafkasim::broker {

MetadataFollower::MetadataFollower(engine::Node& node, rpc::RpcClient& rpc, const BrokerConfig& config,
                                   AppliedFn applied)
    : node_(node), rpc_(rpc), config_(config), applied_(std::move(applied)) {}

void MetadataFollower::start() { fetch(); }

void MetadataFollower::fetch() {
    rpc_.send(config_.controller, FetchMetadataRequest{config_.id, image_.last_offset().next(), 1000},
              config_.controller_request_timeout, [this](rpc::RpcResult r) { on_fetch(std::move(r)); });
}

void MetadataFollower::on_fetch(rpc::RpcResult result) {
    const auto* response = result.ok() ? std::get_if<FetchMetadataResponse>(&result.body) : nullptr;
    if (response == nullptr || response->error != Errc::none || response->entries.empty()) {
        if (response != nullptr) high_watermark_ = response->high_watermark;
        node_.set_timer(config_.metadata_fetch_wait, [this] { fetch(); });
        return;
    }
    high_watermark_ = response->high_watermark;
    std::vector<MetadataEntry> fresh;
    for (const MetadataEntry& e : response->entries) {
        if (e.offset <= image_.last_offset()) continue;  // already applied (a retried fetch)
        image_.apply(e);
        fresh.push_back(e);
    }
    node_.trace("broker.metadata", {{"offset", image_.last_offset().value}, {"records", static_cast<std::int64_t>(fresh.size())}});
    if (!fresh.empty()) applied_(fresh);
    fetch();
}

}  // namespace kafkasim::broker
