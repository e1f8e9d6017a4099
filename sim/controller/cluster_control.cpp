#include "sim/controller/cluster_control.h"

#include <iterator>
#include <utility>

#include "engine/assert.h"
#include "sim/controller/broker_fencing.h"

namespace kafkasim::controller {

RegistrationResult register_broker(const metadata::ClusterImage& image, const BrokerRegistrationRequest& request,
                                   bool session_valid, Offset next_offset, bool keep_bounced) {
    RegistrationResult out;
    const metadata::BrokerRegistration* existing = image.broker(request.broker);
    if (existing != nullptr && existing->incarnation == request.incarnation) {
        out.epoch = existing->epoch;
        return out;
    }
    if (existing != nullptr && session_valid && keep_bounced) {
        out.epoch = BrokerEpoch{next_offset.value};
        out.result.records = {RegisterBrokerRecord{request.broker, request.incarnation, out.epoch, request.node}};
        return out;
    }
    if (existing != nullptr && session_valid) {
        out.result = ControllerResult::failure(Errc::duplicate_broker_registration,
                                               "Another broker is registered with that broker id.");
        return out;
    }
    // An earlier incarnation still unfenced has let its session lapse but has not been fenced
    // yet (its timer is due at this same instant): fence it first, so that it leaves its ISRs
    // and leaderships as the session timeout would have made it.
    std::vector<MetadataRecord> fencing;
    if (existing != nullptr && !existing->fenced) fencing = fence_broker_records(image, request.broker);
    // The RegisterBrokerRecord comes after the fencing; its offset is the new epoch.
    out.epoch = BrokerEpoch{(next_offset + static_cast<std::int64_t>(fencing.size())).value};
    out.result.records = {RegisterBrokerRecord{request.broker, request.incarnation, out.epoch, request.node}};
    out.result.records.insert(out.result.records.begin(), std::make_move_iterator(fencing.begin()),
                              std::make_move_iterator(fencing.end()));
    return out;
}

Errc check_broker_epoch(const metadata::ClusterImage& image, BrokerId broker, BrokerEpoch epoch) {
    const metadata::BrokerRegistration* reg = image.broker(broker);
    return reg != nullptr && reg->epoch == epoch ? Errc::none : Errc::stale_broker_epoch;
}

HeartbeatResult process_heartbeat(const metadata::ClusterImage& image, const BrokerHeartbeatRequest& request) {
    const metadata::BrokerRegistration* reg = image.broker(request.broker);
    SIM_ASSERT(reg != nullptr && reg->epoch == request.epoch, "a heartbeat is processed after its epoch check");
    HeartbeatResult out;
    // The broker epoch is the offset of the broker's RegisterBrokerRecord.
    out.caught_up = request.metadata_offset >= Offset{reg->epoch.value};
    out.fenced = reg->fenced;
    if (reg->fenced && !request.want_fence && out.caught_up) {
        out.result.records = unfence_broker_records(image, request.broker);
        out.fenced = false;
    } else if (!reg->fenced && request.want_fence) {
        out.result.records = fence_broker_records(image, request.broker);
        out.fenced = true;
    }
    return out;
}

}  // namespace kafkasim::controller
