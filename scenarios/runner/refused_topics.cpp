#include "scenarios/runner/refused_topics.h"

namespace kafkasim::scenarios {

RefusedTopics::RefusedTopics(const ScenarioSpec& spec, std::vector<std::string>& out) : out_(out) {
    for (const TopicSpec& t : spec.topics) topics_.insert(t.name);
}

void RefusedTopics::write(const engine::TraceRecordView& record) {
    if (record.kind != "controller.create_topic_failed") return;
    std::string_view topic, error, message;
    for (const auto& f : record.fields) {
        if (f.key == "topic") topic = f.value.as_string();
        if (f.key == "error") error = f.value.as_string();
        if (f.key == "message") message = f.value.as_string();
    }
    // TOPIC_ALREADY_EXISTS answers a request sent again after an answer was lost.
    if (!topics_.contains(std::string(topic)) || error == "TOPIC_ALREADY_EXISTS") return;
    out_.push_back("at " + std::to_string(record.time.ms()) + " ms: the controller refused to create topic " +
                   std::string(topic) + ": " + std::string(error) + ": " + std::string(message));
}

}  // namespace kafkasim::scenarios
