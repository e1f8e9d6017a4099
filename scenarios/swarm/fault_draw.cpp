#include "scenarios/swarm/fault_draw.h"

#include <algorithm>
#include <optional>

#include "engine/random.h"

namespace kafkasim::scenarios {

namespace {

using OJson = nlohmann::ordered_json;

// What a schedule can name: the template's nodes and the partitions and groups roles point at.
struct Targets {
    std::vector<std::string> servers;     // controller, broker-1 …
    std::vector<std::string> clients;     // producers and group members
    std::vector<std::string> partitions;  // "orders-0" …
    std::vector<std::string> groups;
};

Targets targets_of(const ScenarioSpec& spec) {
    Targets t;
    t.servers.push_back("controller");
    for (std::int32_t b = 1; b <= spec.cluster.brokers; ++b) t.servers.push_back("broker-" + std::to_string(b));
    for (const ProducerSpec& p : spec.producers) t.clients.push_back(p.name);
    for (const GroupSpec& g : spec.groups) {
        t.groups.push_back(g.group);
        for (const MemberSpec& m : g.members)
            if (m.join == engine::Duration::zero() && !m.leave) t.clients.push_back(m.name);
    }
    for (const TopicSpec& topic : spec.topics) {
        const auto count = topic.replica_assignment.empty() ? topic.partitions
                                                            : static_cast<std::int32_t>(topic.replica_assignment.size());
        for (std::int32_t p = 0; p < count; ++p) t.partitions.push_back(topic.name + "-" + std::to_string(p));
    }
    return t;
}

class Drawer {
public:
    Drawer(const ScenarioSpec& spec, std::uint64_t seed)
        : swarm_(*spec.swarm), targets_(targets_of(spec)),
          random_(engine::Random::from_seed(seed).split("swarm.faults")) {}

    FaultSchedule draw() {
        FaultSchedule out;
        out.drawn = random_.uniform_between(swarm_.min_faults, swarm_.max_faults);
        for (std::int64_t i = 0; i < out.drawn; ++i) draw_one();
        heal_everything(until());
        // Time order; an undo never comes before what it undoes (it is drawn later, at a later time).
        std::stable_sort(entries_.begin(), entries_.end(),
                         [](const OJson& a, const OJson& b) { return a["at_ms"].get<std::int64_t>() < b["at_ms"].get<std::int64_t>(); });
        out.faults = OJson::array();
        for (OJson& e : entries_) out.faults.push_back(std::move(e));
        return out;
    }

private:
    std::int64_t from() const { return swarm_.faults_from.count_ms(); }
    std::int64_t until() const { return swarm_.faults_until.count_ms(); }

    template <class T>
    const T& pick(const std::vector<T>& from) { return from[random_.uniform(from.size())]; }

    // A server by name, or by a role that resolves to one when the fault fires.
    OJson server() {
        const auto roll = random_.uniform(100);
        if (roll < 15) return "controller";
        if (roll < 40 && !targets_.partitions.empty())
            return OJson{{random_.chance(2, 3) ? "leader_of" : "follower_of", pick(targets_.partitions)}};
        if (roll < 50 && !targets_.groups.empty()) return OJson{{"coordinator_of", pick(targets_.groups)}};
        return pick(std::vector<std::string>(targets_.servers.begin() + 1, targets_.servers.end()));
    }
    // Any node: mostly servers, sometimes a client.
    OJson node() {
        if (!targets_.clients.empty() && random_.chance(1, 4)) return pick(targets_.clients);
        return server();
    }
    // How long until a fault is undone: mostly seconds, sometimes up to the window's end.
    std::int64_t undo_after(std::int64_t at) {
        const std::int64_t longest = std::max<std::int64_t>(1, until() - at);
        const std::int64_t typical = random_.chance(4, 5) ? std::min<std::int64_t>(longest, 15000) : longest;
        return random_.uniform_between(1, typical);
    }

    void add(OJson entry) { entries_.push_back(std::move(entry)); }
    // Undoing happens before faults_until or not at all (heal_everything does it there).
    void add_undo(std::int64_t at, OJson entry) {
        if (at >= until()) return;
        OJson e{{"at_ms", at}};
        for (auto& [key, value] : entry.items()) e[key] = value;
        entries_.push_back(std::move(e));
    }
    // A node named by a role cannot be named again later (the role may point elsewhere by
    // then): undo for every server instead.
    void undo_on(std::int64_t at, const OJson& ref, const char* action, std::optional<std::int64_t> factor = {}) {
        const auto one = [&](const OJson& node) {
            OJson e{{action, node}};
            if (factor) e["factor"] = *factor;
            add_undo(at, std::move(e));
        };
        if (ref.is_string()) return one(ref);
        for (const std::string& s : targets_.servers) one(s);
    }

    void draw_one() {
        const std::int64_t at = random_.uniform_between(from(), until() - 1);
        const std::string& kind = pick(swarm_.kinds);
        const std::int64_t back = at + undo_after(at);
        if (kind == "crash") {
            OJson ref = node();
            add(OJson{{"at_ms", at}, {"crash", ref}});
            if (random_.chance(4, 5)) undo_on(back, ref, "restart");
        } else if (kind == "power_loss") {
            OJson nodes = OJson::array();
            if (random_.chance(1, 10)) {
                add(OJson{{"at_ms", at}, {"power_loss", "all"}, {"torn_tail", random_.chance(1, 2)}});
                undo_on(back, OJson::object(), "restart");
                return;
            }
            // One server, or several at the same instant (by name, so none is listed twice).
            const auto several = random_.chance(1, 3) ? random_.uniform_between(2, std::min<std::int64_t>(3, targets_.servers.size())) : 1;
            if (several == 1) {
                nodes.push_back(server());
            } else {
                std::vector<std::string> left = targets_.servers;
                for (std::int64_t i = 0; i < several; ++i) {
                    const auto k = random_.uniform(left.size());
                    nodes.push_back(left[k]);
                    left.erase(left.begin() + static_cast<std::ptrdiff_t>(k));
                }
            }
            add(OJson{{"at_ms", at}, {"power_loss", nodes.size() == 1 ? nodes[0] : nodes}, {"torn_tail", random_.chance(1, 2)}});
            for (const OJson& n : nodes) undo_on(back, n, "restart");
        } else if (kind == "pause") {
            add(OJson{{"at_ms", at}, {"pause", node()}, {"for_ms", std::min(back, until()) - at}});
        } else if (kind == "isolate") {
            add(OJson{{"at_ms", at}, {"isolate", node()}});
            add_undo(back, OJson{{"heal", true}});
        } else if (kind == "partition") {
            add(OJson{{"at_ms", at}, {"partition", split()}});
            add_undo(back, OJson{{"heal", true}});
        } else if (kind == "cut" || kind == "clog") {
            OJson link{{"from", node()}, {"to", node()}};
            for (int tries = 0; tries < 8 && link["to"] == link["from"]; ++tries) link["to"] = node();
            if (kind == "clog") link["extra_ms"] = random_.chance(1, 2) ? random_.uniform_between(1, 100) : random_.uniform_between(100, 5000);
            OJson e{{"at_ms", at}, {kind, link}};
            if (random_.chance(1, 3)) e["one_way"] = true;
            add(std::move(e));
            add_undo(back, OJson{{"heal", true}});
        } else if (kind == "slow_disk") {
            OJson ref = server();
            static constexpr std::int64_t factors[] = {2, 5, 10, 100, 1000};
            add(OJson{{"at_ms", at}, {"slow_disk", ref}, {"factor", factors[random_.uniform(std::size(factors))]}});
            undo_on(back, ref, "slow_disk", 1);
        } else {  // elect_leaders
            add(OJson{{"at_ms", at}, {"elect_leaders", "preferred"}});
        }
    }

    // Two or three sides, by name; every server on one, clients sometimes with them.
    OJson split() {
        const auto sides = static_cast<std::size_t>(random_.chance(1, 4) ? 3 : 2);
        std::vector<OJson> groups(sides, OJson::array());
        std::vector<std::string> nodes = targets_.servers;
        for (const std::string& c : targets_.clients)
            if (random_.chance(1, 3)) nodes.push_back(c);
        // Each side gets one node first, so none is empty.
        for (std::size_t s = 0; s < sides && !nodes.empty(); ++s) {
            const auto k = random_.uniform(nodes.size());
            groups[s].push_back(nodes[k]);
            nodes.erase(nodes.begin() + static_cast<std::ptrdiff_t>(k));
        }
        for (const std::string& n : nodes) groups[random_.uniform(sides)].push_back(n);
        OJson out = OJson::array();
        for (OJson& g : groups)
            if (!g.empty()) out.push_back(std::move(g));
        return out;
    }

    // The healed quiet phase begins: every link heals, every disk is back to speed, every node
    // that is down starts again (a restart of a running node does nothing).
    void heal_everything(std::int64_t at) {
        const auto undo = [&](OJson e) { entries_.push_back(std::move(e)); };
        undo(OJson{{"at_ms", at}, {"heal", true}});
        for (const std::string& s : targets_.servers) undo(OJson{{"at_ms", at}, {"slow_disk", s}, {"factor", 1}});
        for (const std::string& s : targets_.servers) undo(OJson{{"at_ms", at}, {"restart", s}});
        for (const std::string& c : targets_.clients) undo(OJson{{"at_ms", at}, {"restart", c}});
    }

    const SwarmSpec& swarm_;
    Targets targets_;
    engine::Random random_;
    std::vector<OJson> entries_;
};

}  // namespace

FaultSchedule draw_faults(const ScenarioSpec& spec, std::uint64_t seed) { return Drawer(spec, seed).draw(); }

}  // namespace kafkasim::scenarios
