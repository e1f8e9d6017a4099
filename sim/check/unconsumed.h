// unconsumed (liveness): records whose send completed without error (acknowledged, or under
// acks=0 written to a connection) that some group subscribed to their topic never received by
// the end of the run. A record counts once however many groups missed it, so a stuck group
// shows even when another group read everything; records of a topic no group subscribes to do
// not count. Received means its value came back in a poll of a member of that group (polled,
// not necessarily processed: consumer_skips and redeliveries judge processing).
// The count is split by the producer's acks (parts acks=all, acks=1, acks=0, zeros included):
// after a healed, drained phase a healthy run leaves nothing acknowledged unconsumed, while
// acks=0 records lost on the way were never promised (lost_acked leaves them out). Examples
// show acks=all first, then acks=1, then acks=0.
#pragma once

#include <string>
#include <vector>

#include "sim/check/check_result.h"
#include "sim/check/evidence.h"
#include "sim/check/history.h"

namespace kafkasim::check {

// A consumer group and the topics it subscribes to, whether or not it ever polled.
struct Subscription {
    std::string group;
    std::vector<std::string> topics;
};

CheckResult check_unconsumed(const History& history, const std::vector<Subscription>& subscriptions);
CheckResult check_unconsumed(const Evidence& evidence, const std::vector<Subscription>& subscriptions);

}  // namespace kafkasim::check
