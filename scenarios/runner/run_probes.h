// What a visualized run records beside the model, for its views and its timeline: observers
// that the run feeds and never reads back (design.md: a sink only observes), so a run with
// probes gives the same trace hash as one without.
//   - LinkFaults follows the network's faults in the trace (net.cut, net.clog,
//     net.partition, net.isolate, net.heal), as a picture of which links are unhealthy now.
//   - Moments notes the records a viewer would want to stop at: a fault, a crash or restart,
//     an election, an ISR change, a fencing, a rebalance's start and end.
//   - WireWatch keeps the messages on the wire (engine/net/network.h, WireObserver).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/net/network.h"
#include "engine/trace.h"

namespace kafkasim::scenarios {

class LinkFaults : public engine::TraceSink {
public:
    struct Link {
        bool cut = false;
        std::int64_t extra_us = 0;
    };
    void write(const engine::TraceRecordView& record) override;

    const std::map<std::pair<std::string, std::string>, Link>& links() const { return links_; }
    const std::vector<std::vector<std::string>>& partition() const { return partition_; }
    const std::set<std::string>& isolated() const { return isolated_; }

private:
    std::map<std::pair<std::string, std::string>, Link> links_;  // (from, to)
    std::vector<std::vector<std::string>> partition_;
    std::set<std::string> isolated_;
};

// A moment worth stopping at; `event` is the index of the event that recorded it (the number
// of events run once it had run).
struct Moment {
    std::uint64_t event = 0;
    engine::Instant time;
    std::string kind;   // the trace kind, or "caption" / "expectation"
    std::string label;  // a short English description
    bool operator==(const Moment&) const = default;
};

class Moments : public engine::TraceSink {
public:
    void write(const engine::TraceRecordView& record) override;
    // Adds a moment the trace does not carry (a caption, an expectation judged).
    void add(engine::Instant time, std::string kind, std::string label);
    // Stamps the moments recorded since the last call with `event`.
    void stamp(std::uint64_t event);
    const std::vector<Moment>& all() const { return moments_; }

private:
    std::vector<Moment> moments_;
    std::size_t stamped_ = 0;
};

class WireWatch : public engine::WireObserver {
public:
    struct Message {
        engine::LinkId link;
        engine::Instant sent;
        engine::Instant due;
        std::string_view kind;  // a static API name
        bool response = false;
    };
    void on_sent(std::uint64_t connection, engine::Side to, engine::LinkId link, engine::Instant sent,
                 engine::Instant due, const engine::Payload& payload) override;
    void on_arrived(std::uint64_t connection, engine::Side to) override;
    // Every message on the wire, by connection and direction, oldest first.
    const std::map<std::pair<std::uint64_t, engine::Side>, std::deque<Message>>& on_wire() const { return wire_; }
    // Every directed link that has carried a message, with when it last sent one: the links
    // between nodes that talk, which the cluster panel draws faintly.
    const std::map<engine::LinkId, engine::Instant>& last_sent() const { return last_sent_; }

private:
    std::map<std::pair<std::uint64_t, engine::Side>, std::deque<Message>> wire_;
    std::map<engine::LinkId, engine::Instant> last_sent_;
};

}  // namespace kafkasim::scenarios
