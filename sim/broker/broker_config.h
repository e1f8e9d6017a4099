// A broker's settings, with Kafka's names and Kafka 3.9's defaults. Topic-level settings are
// in LogConfig and come with each topic from the controller.
#pragma once

#include "engine/time.h"
#include "engine/trace.h"
#include "sim/common/ids.h"

namespace kafkasim::broker {

struct BrokerConfig {
    BrokerId id{1};                                                     // node.id
    engine::NodeId controller;                                          // controller.quorum.bootstrap.servers
    engine::Duration heartbeat_interval = engine::Duration::ms(2000);   // broker.heartbeat.interval.ms
    engine::Duration metadata_fetch_wait = engine::Duration::ms(500);   // metadata fetch long-poll, as KRaft's fetch.max.wait
    engine::Duration controller_request_timeout = engine::Duration::ms(2000);  // a controller RPC's timeout
    engine::Duration registration_retry = engine::Duration::ms(1000);   // wait before registering again
};

}  // namespace kafkasim::broker
