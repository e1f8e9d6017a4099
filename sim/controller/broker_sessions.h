// Broker sessions, as KRaft's BrokerHeartbeatManager keeps them
// (metadata/src/main/java/org/apache/kafka/controller/BrokerHeartbeatManager.java): each
// heartbeat or registration touches a broker's session, and a session is valid while the
// broker is unfenced and was last heard from less than broker.session.timeout.ms ago
// (hasValidSession). When an unfenced broker's session lapses the controller fences it; Kafka
// finds such a broker by scanning periodically, kafkasim sets one timer per broker for the exact
// deadline instead.
//
// Sessions live in the controller's memory only: a restarted controller gives every broker a
// fresh session from its start, as a newly active KRaft controller does.
#pragma once

#include <functional>
#include <map>

#include "engine/node.h"
#include "sim/common/ids.h"

namespace kafkasim::controller {

class BrokerSessions {
public:
    // Called once a touched broker has not been touched again for `timeout`.
    using ExpiredFn = std::function<void(BrokerId)>;

    BrokerSessions(engine::Node& node, engine::Duration timeout, ExpiredFn on_expired);
    BrokerSessions(const BrokerSessions&) = delete;
    BrokerSessions& operator=(const BrokerSessions&) = delete;

    // The broker was heard from now.
    void touch(BrokerId broker);
    // Whether `broker` was heard from less than the timeout ago (the caller adds "and unfenced").
    bool recently_heard(BrokerId broker) const;

private:
    struct Session {
        engine::Instant last_contact;
        bool timer_set = false;
    };
    void arm(BrokerId broker, engine::Duration after);
    void on_timer(BrokerId broker);

    engine::Node& node_;
    engine::Duration timeout_;
    ExpiredFn on_expired_;
    std::map<BrokerId, Session> sessions_;
};

}  // namespace kafkasim::controller
