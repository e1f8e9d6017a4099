#include "scenarios/loader/scenario_loader.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "scenarios/loader/input_file.h"
#include "scenarios/loader/json_reader.h"
#include "scenarios/loader/knobs.h"
#include "scenarios/loader/loader_parts.h"
#include "scenarios/loader/utf8_text.h"

namespace kafkasim::scenarios {

namespace {

const std::vector<std::string> top_level_keys{"seed",      "duration_ms", "description",  "cluster", "topics",
                                              "producers", "groups", "faults",      "expectations", "knobs",   "narration", "swarm"};

// Seeds are below 2^53, safe as JSON numbers everywhere (design.md).
constexpr std::int64_t max_seed = (std::int64_t{1} << 53) - 1;

// "/knobs/I/values/VALUE" of the knob named `name`, or "/knobs" when there is none by that name.
std::string knob_value_path(const Json& doc, const std::string& name, const std::string& value) {
    const auto knobs = doc.find("knobs");
    if (knobs == doc.end() || !knobs->is_array()) return "/knobs";
    for (std::size_t i = 0; i < knobs->size(); ++i) {
        const Json& k = (*knobs)[i];
        if (k.is_object() && k.contains("name") && k["name"] == name)
            return child(child(child("/knobs", i), "values"), value);
    }
    return "/knobs";
}

// A "map" partitioner may name only partitions its topic has by the end (add_partitions faults
// included): Kafka's producer throws "Invalid partition given with record" for any other.
void check_map_partitions(Errors& errors, const ScenarioSpec& spec) {
    std::map<std::string, std::int32_t> most;  // topic → its most partitions during the run
    for (const TopicSpec& t : spec.topics)
        most[t.name] = t.replica_assignment.empty() ? t.partitions : static_cast<std::int32_t>(t.replica_assignment.size());
    for (const FaultSpec& f : spec.faults)
        if (const auto* add = std::get_if<AddPartitionsAction>(&f.action)) most[add->topic] = std::max(most[add->topic], add->count);
    for (std::size_t i = 0; i < spec.producers.size(); ++i) {
        const ProducerSpec& p = spec.producers[i];
        const auto* map = p.config.partitioner ? std::get_if<producer::MapPartitioner>(&*p.config.partitioner) : nullptr;
        const auto topic = most.find(p.topic);
        if (map == nullptr || topic == most.end()) continue;
        const std::string at = "/producers/" + std::to_string(i) + "/partitioner";
        const auto bad = [&](std::int32_t partition) {
            return "partition " + std::to_string(partition) + " is not in topic " + p.topic + " (partitions 0 to " +
                   std::to_string(topic->second - 1) + "): Kafka's producer would throw \"Invalid partition given with record\"";
        };
        if (map->default_partition >= topic->second) errors.add(at + "/default_partition", bad(map->default_partition));
        for (const auto& [key, partition] : map->partitions)
            if (partition >= topic->second) errors.add(at + "/map/" + escape_pointer_token(key), bad(partition));
    }
}

ScenarioSpec load_one(const Json& doc, const std::string& name, Errors& errors) {
    ScenarioSpec spec;
    spec.name = name;
    if (!check_object(errors, doc, "", top_level_keys) && !doc.is_object()) return spec;
    spec.seed = static_cast<std::uint64_t>(read_int(errors, doc, "", "seed", 0, max_seed, true).value_or(0));
    const auto duration = read_int(errors, doc, "", "duration_ms", 1, max_time_ms, true);
    spec.duration = engine::Duration::ms(duration.value_or(max_time_ms));
    spec.description = read_bilingual(errors, doc, "", "description");
    Names names;
    load_cluster(errors, doc, spec.cluster);
    load_topics(errors, doc, spec.cluster, spec.topics, names);
    load_producers(errors, doc, spec.producers, names);
    load_groups(errors, doc, spec.cluster, spec.duration, spec.groups, names);
    load_faults(errors, doc, spec.duration, names, spec.faults);
    check_map_partitions(errors, spec);
    load_expectations(errors, doc, spec.duration, spec.expectations);
    load_narration(errors, doc, spec.duration, spec.narration);
    load_swarm(errors, doc, spec.duration, spec.swarm);
    return spec;
}

}  // namespace

ScenarioSpec load_scenario(const Json& doc, const std::string& name, Errors& errors) {
    ScenarioSpec spec = load_one(doc, name, errors);
    spec.knobs = read_knobs(errors, doc);
    if (!errors.empty()) return spec;
    // Every value of every knob must give a valid scenario too.
    for (const KnobSpec& knob : spec.knobs) {
        for (const std::string& value : knob.values) {
            Json turned = doc;
            Errors knob_errors;
            apply_knob(knob_errors, turned, knob.name, value);
            if (knob_errors.empty()) load_one(turned, name, knob_errors);
            for (const LoadError& e : knob_errors.all())
                errors.add_shown_at(e.path, "with knob " + knob.name + "=" + value + ": " + e.message,
                                    knob_value_path(doc, knob.name, value));
        }
    }
    return spec;
}

std::string scenario_name(const std::string& path) {
    std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    if (base.size() > 5 && base.ends_with(".json")) base.resize(base.size() - 5);
    return base;
}

LoadResult load_scenario_file(const std::string& path, const std::vector<std::pair<std::string, std::string>>& knobs) {
    auto bytes = read_input_file(path, ReaderLimits{}.max_bytes);
    if (const auto* error = std::get_if<InputFileError>(&bytes)) {
        LoadResult out;
        out.errors.push_back(printable(path) + ": " + error->message);
        return out;
    }
    return load_scenario_text(std::get<std::string>(bytes), path, knobs);  // past the limit, read_json says so
}

LoadResult load_scenario_text(std::string_view text, const std::string& path,
                              const std::vector<std::pair<std::string, std::string>>& knobs) {
    LoadResult out;
    auto read = read_json(text);
    if (const auto* failed = std::get_if<ReadError>(&read)) {
        out.errors.push_back(format_error(path, *failed));
        return out;
    }
    ParsedDocument& parsed = std::get<ParsedDocument>(read);
    Errors errors;
    // Every value of every knob is checked against the file as written; then the chosen values
    // turn it, and the turned file is the run's (with the knobs the file declares).
    ScenarioSpec spec = load_scenario(parsed.value, scenario_name(path), errors);
    if (errors.empty() && !knobs.empty()) {
        Json turned = parsed.value;
        Errors turned_errors;
        for (const auto& [knob, value] : knobs) apply_knob(turned_errors, turned, knob, value);
        if (turned_errors.empty()) {
            std::vector<KnobSpec> declared = std::move(spec.knobs);
            spec = load_one(turned, scenario_name(path), turned_errors);
            spec.knobs = std::move(declared);
        }
        // A place only the knobs create is shown at the chosen knobs' first value.
        const std::string chosen = knob_value_path(parsed.value, knobs.front().first, knobs.front().second);
        for (const LoadError& e : turned_errors.all()) errors.add_shown_at(e.path, e.message, chosen);
    }
    if (!errors.empty()) {
        const auto where = [&parsed](const LoadError& e) {
            const auto key = e.at_key ? parsed.key_locations.find(e.path) : parsed.key_locations.end();
            if (key != parsed.key_locations.end()) return key->second;
            // A place the file does not have (a knob made it) is shown at the knob, not at 1:1.
            if (!e.shown_at.empty() && !parsed.locations.contains(e.path)) return parsed.location_of(e.shown_at);
            return parsed.location_of(e.path);
        };
        std::vector<LoadError> sorted = errors.all();
        std::stable_sort(sorted.begin(), sorted.end(), [&where](const LoadError& a, const LoadError& b) {
            const SourceLocation la = where(a);
            const SourceLocation lb = where(b);
            return std::pair(la.line, la.column) < std::pair(lb.line, lb.column);
        });
        for (const LoadError& e : sorted) out.errors.push_back(format_error(path, ReadError{e.path, e.message, where(e)}));
        return out;
    }
    out.spec = std::move(spec);
    return out;
}

}  // namespace kafkasim::scenarios
