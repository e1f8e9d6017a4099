// JSON input of `kafkasim assign` (docs/cli.md): an assignors[] entry of kafka-vectors.json.
#include "cli/assign_input.h"

#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "scenarios/loader/input_file.h"
#include "sim/assign/assignor.h"

namespace kafkasim::cli {

namespace {

using Json = nlohmann::ordered_json;  // keeps the file's member order

const Json& object_at(const Json& doc, const char* key, bool required) {
    static const Json empty = Json::object();
    if (!doc.contains(key)) {
        if (required) throw InputError(std::string("missing \"") + key + "\"");
        return empty;
    }
    const Json& value = doc.at(key);
    if (!value.is_object()) throw InputError(std::string("\"") + key + "\" must be an object");
    return value;
}

std::int32_t int32_at(const Json& value, const std::string& where, std::int64_t min) {
    if (!value.is_number_integer())
        throw InputError(where + " must be an integer");
    const auto v = value.get<std::int64_t>();
    if (v < min || v > std::numeric_limits<std::int32_t>::max())
        throw InputError(where + " is out of range");
    return static_cast<std::int32_t>(v);
}

std::vector<std::string> strings_at(const Json& value, const std::string& where) {
    if (!value.is_array()) throw InputError(where + " must be an array of strings");
    std::vector<std::string> out;
    for (const Json& item : value) {
        if (!item.is_string()) throw InputError(where + " must be an array of strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

assign::MemberSubscription& member_named(assign::GroupSubscription& group, const std::string& id,
                                         const char* key) {
    for (auto& m : group.members)
        if (m.member_id == id) return m;
    throw InputError(std::string("\"") + key + "\" names member \"" + id +
                     "\", which is not in \"subscriptions\"");
}

void read_members(const Json& doc, assign::GroupSubscription& group) {
    for (const auto& [id, topics] : object_at(doc, "subscriptions", true).items())
        group.members.push_back({id, std::nullopt, strings_at(topics, "subscriptions." + id), {}, {}});
    for (const auto& [id, instance] : object_at(doc, "group_instance_ids", false).items()) {
        if (!instance.is_string()) throw InputError("group_instance_ids." + id + " must be a string");
        member_named(group, id, "group_instance_ids").group_instance_id = instance.get<std::string>();
    }
    for (const auto& [id, generation] : object_at(doc, "generations", false).items())
        member_named(group, id, "generations").generation =
            assign::Generation{int32_at(generation, "generations." + id, std::numeric_limits<std::int32_t>::min())};
    for (const auto& [id, owned] : object_at(doc, "owned", false).items()) {
        auto& member = member_named(group, id, "owned");
        for (const std::string& text : strings_at(owned, "owned." + id)) {
            const auto tp = assign::parse_topic_partition(text);
            if (!tp) throw InputError("owned." + id + ": \"" + text + "\" is not TOPIC-PARTITION");
            member.owned.push_back(*tp);
        }
    }
}

}  // namespace

assign::GroupSubscription parse_group_json(const std::string& text) {
    Json doc;
    try {
        doc = Json::parse(text);
    } catch (const Json::exception& e) {
        throw InputError(std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_object()) throw InputError("the input must be a JSON object");
    assign::GroupSubscription group;
    std::int64_t total = 0;
    for (const auto& [topic, count] : object_at(doc, "partitions_per_topic", true).items()) {
        total += group.partitions_per_topic[topic] = int32_at(count, "partitions_per_topic." + topic, 0);
        if (total > max_total_partitions)
            throw InputError("more than " + std::to_string(max_total_partitions) + " partitions in all");
    }
    read_members(doc, group);
    if (const auto problem = assign::check_group(group)) throw InputError(*problem);
    return group;
}

assign::GroupSubscription read_group_file(const std::string& path) {
    constexpr std::size_t max_bytes = 16 * 1024 * 1024;  // a group of thousands of members fits
    auto bytes = scenarios::read_input_file(path, max_bytes);
    if (const auto* error = std::get_if<scenarios::InputFileError>(&bytes)) throw InputError(path + ": " + error->message);
    if (std::get<std::string>(bytes).size() > max_bytes)
        throw InputError(path + ": the file grew past " + std::to_string(max_bytes) + " bytes while it was read");
    try {
        return parse_group_json(std::get<std::string>(bytes));
    } catch (const InputError& e) {
        throw InputError(path + ": " + e.what());
    }
}

}  // namespace kafkasim::cli
