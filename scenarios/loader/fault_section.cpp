// The "faults" section: timed faults, each naming its nodes by name or by role.
#include <algorithm>
#include <limits>

#include "scenarios/loader/loader_parts.h"
#include "sim/controller/controller_result.h"

namespace kafkasim::scenarios {

namespace {

const std::vector<std::string> actions{"crash",     "restart", "power_loss", "pause",          "isolate",
                                       "partition", "cut",     "clog",       "heal",           "slow_disk",
                                       "add_broker", "add_partitions", "reassign", "elect_leaders"};
const std::vector<std::string> modifiers{"at_ms", "torn_tail", "for_ms", "factor", "one_way"};

bool same_ref(const NodeRef& a, const NodeRef& b) { return a.kind == b.kind && a.name == b.name; }

// A node reference as the file writes it.
std::string describe_ref(const NodeRef& r) {
    switch (r.kind) {
        case NodeRef::Kind::name:
        case NodeRef::Kind::controller: return "\"" + r.name + "\"";
        case NodeRef::Kind::leader_of: return "{\"leader_of\": \"" + r.name + "\"}";
        case NodeRef::Kind::follower_of: return "{\"follower_of\": \"" + r.name + "\"}";
        case NodeRef::Kind::coordinator_of: return "{\"coordinator_of\": \"" + r.name + "\"}";
    }
    return r.name;
}

// What exists at a fault's time: the starting cluster plus what earlier faults added.
struct World {
    const Names& names;
    std::int32_t brokers;
    std::map<std::string, std::int32_t> partitions;
    engine::Duration now = engine::Duration::zero();  // the fault's time: a consumer exists from its join_ms
};

class FaultReader {
public:
    FaultReader(Errors& errors, World& world) : errors_(errors), world_(world) {}

    std::optional<NodeRef> node(const Json& j, const std::string& path) {
        NodeRef ref;
        if (j.is_string()) {
            ref.name = j.get<std::string>();
            if (ref.name == "controller") {
                ref.kind = NodeRef::Kind::controller;
                return ref;
            }
            if (known_node(ref.name)) return ref;
            errors_.add(path, "no node named \"" + ref.name + "\" at this time (nodes: controller, broker-1 … broker-" +
                                  std::to_string(world_.brokers) + clients() + ")");
            return std::nullopt;
        }
        if (j.is_object() && j.size() == 1) {
            const std::string role = j.begin().key();
            const Json& target = j.begin().value();
            const std::string at = child(path, role);
            if (!target.is_string()) {
                errors_.add(at, "expected a string, found " + describe(target));
                return std::nullopt;
            }
            ref.name = target.get<std::string>();
            if (role == "leader_of" || role == "follower_of") {
                ref.kind = role == "leader_of" ? NodeRef::Kind::leader_of : NodeRef::Kind::follower_of;
                if (!partition(ref.name, at, ref.partition)) return std::nullopt;
                return ref;
            }
            if (role == "coordinator_of") {
                ref.kind = NodeRef::Kind::coordinator_of;
                if (world_.names.groups.contains(ref.name)) return ref;
                errors_.add(at, "no consumer group named \"" + ref.name + "\"");
                return std::nullopt;
            }
        }
        errors_.add(path, "expected a node name, or {\"leader_of\": partition}, {\"follower_of\": partition} or "
                          "{\"coordinator_of\": group}, found " + j.dump());
        return std::nullopt;
    }

    bool partition(const std::string& text, const std::string& path, TopicPartition& out) {
        const auto tp = parse_partition(text);
        const auto it = tp ? world_.partitions.find(tp->topic) : world_.partitions.end();
        if (!tp || it == world_.partitions.end() || tp->partition >= it->second) {
            errors_.add(path, "no partition \"" + text + "\" at this time (expected TOPIC-INDEX of a topic in \"topics\")");
            return false;
        }
        out = *tp;
        return true;
    }

    std::optional<FaultAction> action(const Json& f, const std::string& path, const std::string& name) {
        const Json& v = f[name];
        const std::string at = child(path, name);
        if (name == "crash") return wrap<CrashAction>(node(v, at));
        if (name == "restart") return wrap<RestartAction>(node(v, at));
        if (name == "isolate") return wrap<IsolateAction>(node(v, at));
        if (name == "power_loss") {
            PowerLossAction a;
            a.torn_tail = read_bool(errors_, f, path, "torn_tail").value_or(false);
            if (v == "all") {
                a.nodes.push_back(NodeRef{NodeRef::Kind::controller, "controller", {}});
                for (std::int32_t b = 1; b <= world_.brokers; ++b)
                    a.nodes.push_back(NodeRef{NodeRef::Kind::name, "broker-" + std::to_string(b), {}});
                return a;
            }
            const Json list = v.is_array() ? v : Json::array({v});
            for (std::size_t i = 0; i < list.size(); ++i) {
                auto ref = node(list[i], v.is_array() ? child(at, i) : at);
                if (!ref) return std::nullopt;
                a.nodes.push_back(std::move(*ref));
            }
            if (a.nodes.empty()) errors_.add(at, "expected \"all\", a node or a non-empty array of nodes");
            return a;
        }
        if (name == "pause") {
            auto ref = node(v, at);
            const auto length = read_ms(errors_, f, path, "for_ms", true);
            if (!ref || !length) return std::nullopt;
            return PauseAction{std::move(*ref), *length};
        }
        if (name == "slow_disk") {
            auto ref = node(v, at);
            const auto factor = read_int(errors_, f, path, "factor", 1, 1'000'000, true);
            if (!ref || !factor) return std::nullopt;
            return SlowDiskAction{std::move(*ref), static_cast<std::uint32_t>(*factor)};
        }
        if (name == "partition") {
            PartitionAction a;
            if (!v.is_array() || v.empty()) {
                errors_.add(at, "expected an array of groups, each an array of nodes (nodes in no group form one more group)");
                return std::nullopt;
            }
            for (std::size_t g = 0; g < v.size(); ++g) {
                if (!v[g].is_array() || v[g].empty()) {
                    errors_.add(child(at, g), "expected a non-empty array of nodes");
                    return std::nullopt;
                }
                a.groups.emplace_back();
                for (std::size_t n = 0; n < v[g].size(); ++n) {
                    auto ref = node(v[g][n], child(child(at, g), n));
                    if (!ref) return std::nullopt;
                    // A node in two groups would be on both sides of the cut (a role that
                    // resolves into two groups only when it fires is the runner's to refuse).
                    for (std::size_t earlier = 0; earlier < a.groups.size(); ++earlier) {
                        const auto& members = a.groups[earlier];
                        if (std::any_of(members.begin(), members.end(), [&](const NodeRef& m) { return same_ref(m, *ref); })) {
                            errors_.add(child(child(at, g), n), describe_ref(*ref) + " is already in this partition's group " +
                                                                    std::to_string(earlier + 1));
                            return std::nullopt;
                        }
                    }
                    a.groups.back().push_back(std::move(*ref));
                }
            }
            return a;
        }
        if (name == "cut" || name == "clog") {
            if (!check_object(errors_, v, at, name == "cut" ? std::vector<std::string>{"from", "to"}
                                                             : std::vector<std::string>{"from", "to", "extra_ms"}))
                return std::nullopt;
            auto from = v.contains("from") ? node(v["from"], child(at, "from")) : std::nullopt;
            auto to = v.contains("to") ? node(v["to"], child(at, "to")) : std::nullopt;
            if (!v.contains("from") || !v.contains("to")) errors_.add(at, "expected \"from\" and \"to\"");
            const bool both = !read_bool(errors_, f, path, "one_way").value_or(false);
            if (!from || !to) return std::nullopt;
            if (name == "cut") return CutAction{std::move(*from), std::move(*to), both};
            const auto extra = read_ms(errors_, v, at, "extra_ms", true);
            if (!extra) return std::nullopt;
            return ClogAction{std::move(*from), std::move(*to), *extra, both};
        }
        if (name == "heal") {
            if (v != true) errors_.add(at, "expected true");
            return HealAction{};
        }
        if (name == "add_broker") {
            const auto count = read_int(errors_, f, path, "add_broker", 1, max_brokers, true);
            if (!count) return std::nullopt;
            if (world_.brokers + *count > max_brokers) {
                errors_.add(at, "the cluster would have " + std::to_string(world_.brokers + *count) +
                                    " brokers; a scenario has at most " + std::to_string(max_brokers) +
                                    " (those it starts with and those that join)");
                return std::nullopt;
            }
            world_.brokers += static_cast<std::int32_t>(*count);
            return AddBrokerAction{static_cast<std::int32_t>(*count)};
        }
        if (name == "add_partitions") {
            if (!check_object(errors_, v, at, {"topic", "count"})) return std::nullopt;
            const auto topic = read_string(errors_, v, at, "topic", true);
            const auto count = read_int(errors_, v, at, "count", 1, std::numeric_limits<std::int32_t>::max(), true);
            if (!topic || !count) return std::nullopt;
            const auto it = world_.partitions.find(*topic);
            if (it == world_.partitions.end()) {
                errors_.add(child(at, "topic"), "no topic named \"" + *topic + "\" in \"topics\"");
                return std::nullopt;
            }
            if (*count <= it->second) {
                errors_.add(child(at, "count"), "expected more than the " + std::to_string(it->second) +
                                                    " partitions the topic has then (count is the new total)");
                return std::nullopt;
            }
            // CreatePartitions writes one record per new partition, and Kafka's controller
            // refuses an operation of more than 10 000 records (POLICY_VIOLATION).
            if (*count - it->second > static_cast<std::int64_t>(controller::max_records_per_user_op)) {
                errors_.add(child(at, "count"), "adds " + std::to_string(*count - it->second) + " partitions to the " +
                                                    std::to_string(it->second) + " the topic has then; Kafka's controller adds at most " +
                                                    std::to_string(controller::max_records_per_user_op) +
                                                    " in one operation (POLICY_VIOLATION)");
                return std::nullopt;
            }
            it->second = static_cast<std::int32_t>(*count);
            return AddPartitionsAction{*topic, static_cast<std::int32_t>(*count)};
        }
        if (name == "reassign") {
            if (!check_object(errors_, v, at, {"partition", "replicas"})) return std::nullopt;
            ReassignAction a;
            const auto text = read_string(errors_, v, at, "partition", true);
            if (!text || !partition(*text, child(at, "partition"), a.partition)) return std::nullopt;
            const auto replicas = v.find("replicas");
            if (replicas == v.end() || !replicas->is_array() || replicas->empty()) {
                errors_.add(child(at, "replicas"), "expected a non-empty array of broker ids");
                return std::nullopt;
            }
            for (std::size_t i = 0; i < replicas->size(); ++i) {
                const Json& b = (*replicas)[i];
                if (!b.is_number_integer() || b.get<std::int64_t>() < 1 || b.get<std::int64_t>() > world_.brokers) {
                    errors_.add(child(child(at, "replicas"), i),
                                "expected a broker id from 1 to " + std::to_string(world_.brokers) + " at this time, found " + b.dump());
                    return std::nullopt;
                }
                a.replicas.push_back(BrokerId{static_cast<std::int32_t>(b.get<std::int64_t>())});
            }
            return a;
        }
        // elect_leaders
        ElectLeadersAction a;
        const std::string type = v.is_string() ? v.get<std::string>() : "?";
        if (type == "unclean") a.type = ElectionType::unclean;
        else if (type != "preferred") {
            errors_.add(at, "expected \"preferred\" or \"unclean\"");
            return std::nullopt;
        }
        return a;
    }

private:
    template <class A>
    static std::optional<FaultAction> wrap(std::optional<NodeRef> ref) {
        if (!ref) return std::nullopt;
        return A{std::move(*ref)};
    }
    bool known_node(const std::string& name) const {
        if (name.starts_with("broker-")) {
            const auto n = name.substr(7);
            return !n.empty() && n.size() <= 4 && std::all_of(n.begin(), n.end(), ::isdigit) && n[0] != '0' &&
                   std::stoi(n) <= world_.brokers;
        }
        const auto it = world_.names.clients.find(name);
        return it != world_.names.clients.end() && it->second <= world_.now;
    }
    std::string clients() const {
        std::string out;
        for (const auto& [c, start] : world_.names.clients)
            if (start <= world_.now) out += ", " + c;
        return out;
    }

    Errors& errors_;
    World& world_;
};

}  // namespace

void load_faults(Errors& errors, const Json& doc, engine::Duration duration, const Names& names,
                 std::vector<FaultSpec>& faults) {
    const auto it = doc.find("faults");
    if (it == doc.end()) return;
    if (!it->is_array()) {
        errors.add("/faults", "expected an array of faults, found " + describe(*it));
        return;
    }
    // Time order first, so that each fault sees the brokers and partitions added before it.
    std::vector<std::pair<std::int64_t, std::size_t>> order;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = child("/faults", i);
        const Json& f = (*it)[i];
        std::vector<std::string> known = actions;
        known.insert(known.end(), modifiers.begin(), modifiers.end());
        if (!check_object(errors, f, path, known) && !f.is_object()) continue;
        const auto at = read_int(errors, f, path, "at_ms", 0, max_time_ms, true);
        if (at && engine::Duration::ms(*at) > duration)
            errors.add(child(path, "at_ms"), "past the scenario's duration_ms (" + std::to_string(duration.count_ms()) + ")");
        else if (at) order.emplace_back(*at, i);
    }
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    World world{names, names.brokers, names.partitions};
    FaultReader reader(errors, world);
    for (const auto& [at, i] : order) {
        const std::string path = child("/faults", i);
        const Json& f = (*it)[i];
        world.now = engine::Duration::ms(at);
        std::vector<std::string> present;
        for (const std::string& a : actions)
            if (f.contains(a)) present.push_back(a);
        if (present.size() != 1) {
            errors.add(path, "expected exactly one action of " + Json(actions).dump() + ", found " +
                                 (present.empty() ? std::string("none") : Json(present).dump()));
            continue;
        }
        static const std::map<std::string, std::vector<std::string>> allowed{
            {"power_loss", {"torn_tail"}}, {"pause", {"for_ms"}}, {"slow_disk", {"factor"}},
            {"cut", {"one_way"}},          {"clog", {"one_way"}}};
        const auto mods = allowed.find(present.front());
        bool stray = false;
        for (const std::string& m : modifiers) {
            if (m == "at_ms" || !f.contains(m)) continue;
            if (mods != allowed.end() && std::find(mods->second.begin(), mods->second.end(), m) != mods->second.end()) continue;
            errors.add(child(path, m), "\"" + m + "\" does not apply to \"" + present.front() + "\"");
            stray = true;
        }
        if (stray) continue;
        if (auto action = reader.action(f, path, present.front()))
            faults.push_back(FaultSpec{engine::Duration::ms(at), std::move(*action), path});
    }
}

}  // namespace kafkasim::scenarios
