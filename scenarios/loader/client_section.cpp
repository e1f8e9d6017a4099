// The "producers" section.
#include <regex>

#include "scenarios/loader/kafka_configs.h"
#include "scenarios/loader/loader_parts.h"

namespace kafkasim::scenarios {

namespace {

constexpr double max_rate_per_s = 100000;
constexpr std::int64_t max_keys = 100000;

bool valid_node_name(const std::string& name) {
    static const std::regex pattern("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    return std::regex_match(name, pattern);
}

std::vector<std::string> string_list(Errors& errors, const Json& j, const std::string& path) {
    std::vector<std::string> out;
    if (!j.is_array() || j.empty() || j.size() > static_cast<std::size_t>(max_keys)) {
        errors.add(path, "expected a non-empty array of strings (at most 100000)");
        return out;
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
        if (j[i].is_string()) out.push_back(j[i].get<std::string>());
        else errors.add(child(path, i), "expected a string, found " + describe(j[i]));
    }
    return out;
}

void read_keys(Errors& errors, const Json& p, const std::string& path, KeySpec& keys) {
    const auto it = p.find("keys");
    if (it == p.end() || it->is_null()) return;  // null keys: the sticky partitioner
    const std::string at = child(path, "keys");
    if (!check_object(errors, *it, at, {"count", "list", "pick"})) return;
    const bool has_list = it->contains("list");
    if (has_list == it->contains("count")) {
        errors.add(at, "expected exactly one of \"count\" (keys key-0, key-1, …) or \"list\"");
        return;
    }
    if (has_list) {
        keys.keys = string_list(errors, (*it)["list"], child(at, "list"));
    } else if (const auto n = read_int(errors, *it, at, "count", 1, max_keys)) {
        for (std::int64_t k = 0; k < *n; ++k) keys.keys.push_back("key-" + std::to_string(k));
    }
    const std::string pick = read_string(errors, *it, at, "pick").value_or("cycle");
    if (pick == "cycle") keys.kind = KeySpec::Kind::cycle;
    else if (pick == "random") keys.kind = KeySpec::Kind::random;
    else errors.add(child(at, "pick"), "expected \"cycle\" or \"random\", found \"" + pick + "\"");
}

void read_partitioner(Errors& errors, const Json& p, const std::string& path, producer::ProducerConfig& config) {
    const auto it = p.find("partitioner");
    if (it == p.end()) return;
    const std::string at = child(path, "partitioner");
    if (it->is_string()) {
        const std::string name = it->get<std::string>();
        if (name == "roundrobin") config.partitioner = producer::RoundRobin{};
        else if (name != "default") errors.add(at, "expected \"default\", \"roundrobin\", {\"field\": …} or {\"map\": …}, found \"" + name + "\"");
        return;
    }
    if (!check_object(errors, *it, at, {"field", "map", "default_partition"})) return;
    if (it->contains("field") == it->contains("map")) {
        errors.add(at, "expected exactly one of \"field\" or \"map\"");
        return;
    }
    if (it->contains("field")) {
        if (auto field = read_string(errors, *it, at, "field", true)) config.partitioner = producer::FieldPartitioner{*field};
        return;
    }
    producer::MapPartitioner map;
    map.default_partition = static_cast<std::int32_t>(read_int(errors, *it, at, "default_partition", 0, 9999).value_or(0));
    const Json& entries = (*it)["map"];
    if (!entries.is_object() || entries.empty()) {
        errors.add(child(at, "map"), "expected an object from keys to partition numbers");
        return;
    }
    for (const auto& [key, partition] : entries.items()) {
        if (!partition.is_number_integer() || partition.get<std::int64_t>() < 0 || partition.get<std::int64_t>() > 9999)
            errors.add(child(child(at, "map"), key), "expected a partition number from 0 to 9999, found " + partition.dump());
        else map.partitions[key] = static_cast<std::int32_t>(partition.get<std::int64_t>());
    }
    config.partitioner = std::move(map);
}

}  // namespace

void load_producers(Errors& errors, const Json& doc, std::vector<ProducerSpec>& producers, Names& names) {
    const auto it = doc.find("producers");
    if (it == doc.end()) return;
    if (!it->is_array()) {
        errors.add("/producers", "expected an array of producers, found " + describe(*it));
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = child("/producers", i);
        const Json& p = (*it)[i];
        const bool known = check_object(errors, p, path,
                                        {"name", "topic", "rate_per_s", "start_ms", "stop_ms", "max_records", "keys",
                                         "fields", "partitioner", "configs"});
        if (!known && !p.is_object()) continue;
        ProducerSpec spec;
        spec.name = read_string(errors, p, path, "name", true).value_or("");
        if (!spec.name.empty()) {
            if (!valid_node_name(spec.name) || spec.name == "controller" || spec.name.starts_with("broker-"))
                errors.add(child(path, "name"), "expected a node name of letters, digits, '.', '_', '/', '-' (not \"controller\" or \"broker-N\"), found \"" + spec.name + "\"");
            else if (!names.clients.emplace(spec.name, engine::Duration::zero()).second)
                errors.add(child(path, "name"), "a second client named \"" + spec.name + "\"");
        }
        spec.topic = read_string(errors, p, path, "topic", true).value_or("");
        if (!spec.topic.empty() && !names.partitions.contains(spec.topic))
            errors.add(child(path, "topic"), "no topic named \"" + spec.topic + "\" in \"topics\"");
        spec.rate_per_s = read_number(errors, p, path, "rate_per_s", 0.001, max_rate_per_s, true).value_or(1);
        spec.start = read_ms(errors, p, path, "start_ms").value_or(engine::Duration::zero());
        spec.stop = read_ms(errors, p, path, "stop_ms");
        if (spec.stop && *spec.stop < spec.start) errors.add(child(path, "stop_ms"), "expected at least start_ms");
        spec.max_records = read_int(errors, p, path, "max_records", 1, 100'000'000).value_or(-1);
        read_keys(errors, p, path, spec.keys);
        if (const auto fields = p.find("fields"); fields != p.end()) {
            const std::string at = child(path, "fields");
            if (!fields->is_object()) errors.add(at, "expected an object from field names to lists of values");
            else
                for (const auto& [field, values] : fields->items())
                    spec.fields.emplace_back(field, string_list(errors, values, child(at, field)));
        }
        read_partitioner(errors, p, path, spec.config);
        if (const auto configs = p.find("configs"); configs != p.end())
            apply_producer_configs(errors, *configs, child(path, "configs"), spec.config);
        producers.push_back(std::move(spec));
    }
}

}  // namespace kafkasim::scenarios
