// MetadataFollower: a broker's copy of the metadata log, fetched from the controller as a
// KRaft broker replicates __cluster_metadata, and replayed into its ClusterImage. Each batch
// of new records is handed to the broker, which reacts to leadership and ISR changes.
//
// Simplification (docs/fidelity.md): a restarted broker fetches the log again from offset 0
// rather than loading a local copy and a snapshot.
#pragma once

#include <functional>
#include <vector>

#include "engine/node.h"
#include "sim/broker/broker_config.h"
#include "sim/metadata/cluster_image.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::broker {

class MetadataFollower {
public:
    using AppliedFn = std::function<void(const std::vector<MetadataEntry>&)>;

    MetadataFollower(engine::Node& node, rpc::RpcClient& rpc, const BrokerConfig& config, AppliedFn applied);

    void start();
    const metadata::ClusterImage& image() const { return image_; }
    // The controller's committed end, as of the last answer.
    Offset controller_high_watermark() const { return high_watermark_; }

private:
    void fetch();
    void on_fetch(rpc::RpcResult result);

    engine::Node& node_;
    rpc::RpcClient& rpc_;
    const BrokerConfig& config_;
    AppliedFn applied_;
    metadata::ClusterImage image_;
    Offset high_watermark_{0};
};

}  // namespace kafkasim::broker
