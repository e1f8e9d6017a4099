// The answer to a client's Metadata request, from the broker's metadata image (Kafka's
// KRaftMetadataCache.getTopicMetadata): unfenced brokers only, and per partition its leader,
// leader epoch, replicas and ISR. Topics are not created on request (a simplification:
// auto.create.topics.enable is off).
#pragma once

#include "sim/metadata/cluster_image.h"
#include "sim/proto/client_messages.h"

namespace kafkasim::broker {

MetadataResponse answer_metadata(const metadata::ClusterImage& image, const MetadataRequest& request);

}  // namespace kafkasim::broker
