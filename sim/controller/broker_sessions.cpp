#include "sim/controller/broker_sessions.h"

#include <utility>

namespace kafkasim::controller {

BrokerSessions::BrokerSessions(engine::Node& node, engine::Duration timeout, ExpiredFn on_expired)
    : node_(node), timeout_(timeout), on_expired_(std::move(on_expired)) {}

void BrokerSessions::touch(BrokerId broker) {
    Session& s = sessions_[broker];
    s.last_contact = node_.now();
    // One timer per broker: a touch only moves the deadline, and the timer, when it fires
    // before the new deadline, sets itself again for the rest.
    if (!s.timer_set) arm(broker, timeout_);
}

bool BrokerSessions::recently_heard(BrokerId broker) const {
    const auto it = sessions_.find(broker);
    return it != sessions_.end() && node_.now() < it->second.last_contact + timeout_;
}

void BrokerSessions::arm(BrokerId broker, engine::Duration after) {
    sessions_[broker].timer_set = true;
    node_.set_timer(after, [this, broker] { on_timer(broker); });
}

void BrokerSessions::on_timer(BrokerId broker) {
    Session& s = sessions_.at(broker);
    s.timer_set = false;
    const engine::Instant deadline = s.last_contact + timeout_;
    if (node_.now() < deadline) {
        arm(broker, deadline - node_.now());
        return;
    }
    on_expired_(broker);
}

}  // namespace kafkasim::controller
