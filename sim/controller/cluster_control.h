// Broker registration and the broker epoch check, after KRaft's ClusterControlManager
// (metadata/src/main/java/org/apache/kafka/controller/ClusterControlManager.java,
// registerBroker, checkBrokerEpoch), with the heartbeat's state step of
// BrokerHeartbeatManager.calculateNextBrokerState (without controlled shutdown):
// - a registration under a new incarnation id while the broker's earlier session is valid is
//   refused with DUPLICATE_BROKER_REGISTRATION (kafka-semantics.md §d, "A broker that
//   restarts"); the same incarnation again gets its registration back, epoch unchanged (Kafka
//   writes an amended copy of the record; kafkasim writes nothing); otherwise a
//   RegisterBrokerRecord whose offset becomes the broker epoch, the broker fenced;
// - a fenced broker that does not ask to stay fenced is unfenced once its metadata offset has
//   reached its own RegisterBrokerRecord ("caught up"); an unfenced broker that asks to be
//   fenced is fenced.
#pragma once

#include "sim/controller/controller_result.h"
#include "sim/metadata/cluster_image.h"
#include "sim/proto/controller_messages.h"

namespace kafkasim::controller {

struct RegistrationResult {
    ControllerResult result;
    BrokerEpoch epoch{-1};  // when ok: the broker's epoch
};

// `session_valid`: the broker's current registration has a valid session (broker_sessions.h).
// `next_offset`: where the records will be appended (the new epoch is an offset).
// `keep_bounced` (replication_truncation legacy_hw): a new incarnation whose predecessor's
// session is still valid registers at once, without being fenced first, so it keeps its ISR
// places and leaderships, as if the controller had missed the bounce.
RegistrationResult register_broker(const metadata::ClusterImage& image, const BrokerRegistrationRequest& request,
                                   bool session_valid, Offset next_offset, bool keep_bounced = false);

// NONE if `epoch` is the broker's current epoch, else STALE_BROKER_EPOCH.
Errc check_broker_epoch(const metadata::ClusterImage& image, BrokerId broker, BrokerEpoch epoch);

struct HeartbeatResult {
    ControllerResult result;  // the fence or unfence records, if the broker's state changes
    bool caught_up = false;
    bool fenced = true;
};

// Caller guarantees the epoch check passed.
HeartbeatResult process_heartbeat(const metadata::ClusterImage& image, const BrokerHeartbeatRequest& request);

}  // namespace kafkasim::controller
