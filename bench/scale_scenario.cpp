#include "bench/scale_scenario.h"

namespace kafkasim::bench {

namespace {

using scenarios::Json;

std::string topic_name(std::int32_t t) { return "events-" + std::to_string(t + 1); }

Json topics(const ScaleSize& size) {
    const std::int32_t n = topic_count(size);
    Json out = Json::array();
    for (std::int32_t t = 0; t < n; ++t) {
        // Even shares; the first topics take one more when P does not divide.
        const std::int32_t partitions = size.partitions / n + (t < size.partitions % n ? 1 : 0);
        out.push_back({{"name", topic_name(t)}, {"partitions", partitions}, {"replication_factor", size.replication_factor}});
    }
    return out;
}

Json producers(const ScaleSize& size) {
    Json out = Json::array();
    for (std::int32_t p = 0; p < size.producers; ++p)
        out.push_back({{"name", "producer-" + std::to_string(p + 1)},
                       {"topic", topic_name(p % topic_count(size))},
                       {"rate_per_s", size.rate_per_s},
                       {"keys", {{"count", 100000}}},
                       {"configs", {{"acks", "all"}, {"linger.ms", 5}}}});
    return out;
}

Json groups(const ScaleSize& size) {
    Json subscription = Json::array();
    for (std::int32_t t = 0; t < topic_count(size); ++t) subscription.push_back(topic_name(t));
    Json out = Json::array();
    for (std::int32_t g = 0; g < size.groups; ++g)
        out.push_back({{"group", "group-" + std::to_string(g + 1)},
                       {"topics", subscription},
                       {"members", size.members},
                       {"configs", {{"auto.offset.reset", "earliest"}}}});
    return out;
}

}  // namespace

std::int32_t topic_count(const ScaleSize& size) {
    return (size.partitions + size.max_topic_partitions - 1) / size.max_topic_partitions;
}

Json scale_scenario(const ScaleSize& size) {
    // "1 group", "2 groups": the description is what `kafkasim run` prints first.
    const auto count = [](std::int64_t n, const std::string& noun) {
        return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
    };
    const std::string what = count(size.brokers, "broker") + ", " + count(size.partitions, "partition") + " (RF " +
                             std::to_string(size.replication_factor) + "), " + count(size.groups, "group") + " of " +
                             std::to_string(size.members) + ", " + count(size.producers, "producer");
    const std::string what_ko = "브로커 " + std::to_string(size.brokers) + "대, 파티션 " + std::to_string(size.partitions) +
                                "개(복제 계수 " + std::to_string(size.replication_factor) + "), 컨슈머 " +
                                std::to_string(size.members) + "개짜리 그룹 " + std::to_string(size.groups) + "개, 프로듀서 " +
                                std::to_string(size.producers) + "개";
    Json doc = {{"seed", size.seed},
                {"duration_ms", size.duration_ms},
                {"description", {{"en", "Issue 30's scale bench (not a lesson): " + what + "."},
                                 {"ko", "이슈 30의 규모 벤치마크(수업 아님): " + what_ko + "."}}},
                {"cluster", {{"brokers", size.brokers}}},
                {"topics", topics(size)},
                {"expectations", Json::array({{{"name", "nothing acknowledged is lost"},
                                               {"expect", "lost_acked == 0"},
                                               {"safety", true}}})}};
    if (size.producers > 0) doc["producers"] = producers(size);
    if (size.groups > 0) doc["groups"] = groups(size);
    return doc;
}

}  // namespace kafkasim::bench
