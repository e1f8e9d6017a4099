// Loads the assignor test vectors copied from the shared kafka-vectors.json into the model.
#include "tests/sim/assign/vector_reader.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace kafkasim::assign::test {

namespace {

using Json = nlohmann::ordered_json;

Json load_file() {
    const std::string path = std::string(KAFKASIM_TEST_DATA_DIR) + "/kafka-vectors-assignors.json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    return Json::parse(in);
}

Json all_vectors() { return load_file().at("assignors"); }

MemberSubscription& member(GroupSubscription& group, const std::string& id) {
    for (auto& m : group.members)
        if (m.member_id == id) return m;
    throw std::runtime_error("vector names unknown member " + id);
}

}  // namespace

GroupSubscription group_from_json(const Json& entry) {
    GroupSubscription group;
    for (const auto& [topic, count] : entry.at("partitions_per_topic").items())
        group.partitions_per_topic[topic] = count.get<std::int32_t>();
    for (const auto& [id, topics] : entry.at("subscriptions").items())
        group.members.push_back({id, std::nullopt, topics.get<std::vector<std::string>>(), {}, {}});
    if (entry.contains("group_instance_ids"))
        for (const auto& [id, instance] : entry["group_instance_ids"].items())
            member(group, id).group_instance_id = instance.get<std::string>();
    if (entry.contains("generations"))
        for (const auto& [id, generation] : entry["generations"].items())
            member(group, id).generation = Generation{generation.get<std::int32_t>()};
    if (entry.contains("owned") && entry["owned"].is_object())
        for (const auto& [id, owned] : entry["owned"].items())
            for (const auto& text : owned) member(group, id).owned.push_back(*parse_topic_partition(text.get<std::string>()));
    return group;
}

Assignment assignment_from_json(const Json& members) {
    Assignment assignment;
    for (const auto& [id, partitions] : members.items()) {
        auto& list = assignment[id];
        for (const auto& text : partitions) list.push_back(*parse_topic_partition(text.get<std::string>()));
    }
    return sorted(std::move(assignment));
}

std::vector<VectorCase> load_assignor_vectors() {
    std::vector<VectorCase> cases;
    const Json vectors = all_vectors();
    for (const Json& entry : vectors) {
        VectorCase c;
        c.id = entry.at("id").get<std::string>();
        c.kind = entry.at("kind").get<std::string>();
        const Json& names = entry.at("assignor");
        if (names.is_string()) c.assignors.push_back(names.get<std::string>());
        else c.assignors = names.get<std::vector<std::string>>();
        if (entry.contains("partitions_per_topic")) c.group = group_from_json(entry);
        if (entry.contains("expected")) c.expected = assignment_from_json(entry["expected"]);
        if (entry.contains("expected_cooperative_first_round"))
            c.expected_first_round = assignment_from_json(entry["expected_cooperative_first_round"]);
        if (entry.contains("kafka_code_result"))
            c.kafka_code_result = assignment_from_json(entry["kafka_code_result"]);
        if (entry.contains("partitions_transferring_ownership")) {
            c.transferring.emplace();
            for (const auto& [text, member] : entry["partitions_transferring_ownership"].items())
                (*c.transferring)[*parse_topic_partition(text)] = member.get<std::string>();
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

Json raw_vector(const std::string& id) {
    const Json vectors = all_vectors();
    for (const Json& entry : vectors)
        if (entry.at("id") == id) return entry;
    throw std::runtime_error("no vector " + id);
}

}  // namespace kafkasim::assign::test
