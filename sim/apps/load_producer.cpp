#include "sim/apps/load_producer.h"

#include <algorithm>
#include <cmath>

namespace kafkasim::apps {

LoadProducer::LoadProducer(engine::Node& node, engine::Network& network, producer::ProducerConfig config,
                           LoadOptions load, check::HistorySink* history)
    : node_(node), load_(std::move(load)),
      random_(node.sim().random_stream(node.name()).split("load").split(std::to_string(node.incarnation()))),
      producer_(node, network, std::move(config), history) {
    const engine::Instant begin = engine::Instant{} + load_.start;
    first_ = std::max(node.now(), begin);
    schedule_next();
}

void LoadProducer::stop_sending() { stopped_ = true; }

void LoadProducer::schedule_next() {
    if (stopped_ || (load_.max_records >= 0 && sent_ >= load_.max_records)) return;
    // Evenly spaced from this incarnation's first record, without drift; after a pause, the
    // records it fell behind on go out at once (the application catches up).
    const auto offset_us = static_cast<std::int64_t>(std::llround(static_cast<double>(sent_) * 1e6 / load_.rate_per_s));
    const engine::Instant at = first_ + engine::Duration::us(offset_us);
    if (load_.stop && at > engine::Instant{} + *load_.stop) return;
    node_.set_timer_at(at, [this] { send_one(); });
}

void LoadProducer::send_one() {
    if (stopped_) return;
    producer::ProducerRecord record;
    record.topic = load_.topic;
    record.value = node_.name() + "#" + std::to_string(node_.incarnation()) + "-" + std::to_string(sent_);
    if (!load_.keys.empty()) {
        const std::size_t k = load_.random_keys
                                  ? static_cast<std::size_t>(random_.uniform(load_.keys.size()))
                                  : static_cast<std::size_t>(sent_) % load_.keys.size();
        record.key = load_.keys[k];
    }
    for (const auto& [field, values] : load_.fields)
        if (!values.empty()) record.fields[field] = values[static_cast<std::size_t>(sent_) % values.size()];
    ++sent_;
    producer_.send(std::move(record));
    schedule_next();
}

}  // namespace kafkasim::apps
