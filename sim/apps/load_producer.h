// LoadProducer: an application on a client node that sends records at a steady rate through a
// real Producer (sim/producer/producer.h): what a scenario's "producers" entries run. Each
// record's value is unique ("<node>#<incarnation>-<n>"), as the history checkers need; keys
// come in turn or at random from a list, on the node's own stream; payload fields cycle through
// their values. A crash loses the application with its producer; a restart begins a new
// incarnation that sends from then on.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/node.h"
#include "engine/random.h"
#include "sim/producer/producer.h"

namespace kafkasim::apps {

struct LoadOptions {
    std::string topic;
    double rate_per_s = 1;
    engine::Duration start = engine::Duration::zero();
    std::optional<engine::Duration> stop;    // none: never
    std::int64_t max_records = -1;           // -1: no limit (per incarnation)
    std::vector<std::string> keys;           // empty: null keys
    bool random_keys = false;                // draw keys instead of taking them in turn
    std::vector<std::pair<std::string, std::vector<std::string>>> fields;
};

class LoadProducer : public engine::Process {
public:
    LoadProducer(engine::Node& node, engine::Network& network, producer::ProducerConfig config, LoadOptions load,
                 check::HistorySink* history);

    // Sends nothing more (the run's drained phase); records in flight still complete.
    void stop_sending();
    const producer::Producer& producer() const { return producer_; }
    std::int64_t sent() const { return sent_; }

private:
    void schedule_next();
    void send_one();

    engine::Node& node_;
    LoadOptions load_;
    engine::Random random_;
    producer::Producer producer_;
    engine::Instant first_;  // when this incarnation's first record goes out
    std::int64_t sent_ = 0;
    bool stopped_ = false;
};

}  // namespace kafkasim::apps
