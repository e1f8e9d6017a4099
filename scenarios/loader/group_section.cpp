// The "groups" section: consumer groups and their members. Each member is a node
// "<group>/<member>" running a consumer that subscribes to the group's topics; the group's
// settings apply to every member and a member's own entry overrides them.
#include <algorithm>
#include <regex>

#include "scenarios/loader/kafka_configs.h"
#include "scenarios/loader/loader_parts.h"

namespace kafkasim::scenarios {

namespace {

constexpr std::int64_t max_members = 1000;

const std::vector<std::string> shared_keys{"processing_ms", "processing", "commit", "poll_timeout_ms", "join_ms",
                                           "leave_ms", "configs"};

bool valid_group_name(const std::string& name) {
    static const std::regex pattern("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    return std::regex_match(name, pattern);
}

// The settings a member gets: the group's, then its own entry's on top.
struct MemberDraft {
    std::string name;
    MemberSpec spec;
    std::string path;  // where its settings last came from, for the combination checks
};

void read_shared(Errors& errors, const Json& j, const std::string& path, MemberDraft& m) {
    if (const auto t = read_number(errors, j, path, "processing_ms", 0, 60000))
        m.spec.workload.processing_time = engine::Duration::us(static_cast<std::int64_t>(*t * 1000.0 + 0.5));
    if (const auto p = read_string(errors, j, path, "processing")) {
        if (*p == "in_loop") m.spec.workload.processing = consumer::ProcessingMode::in_loop;
        else if (*p == "hand_off") m.spec.workload.processing = consumer::ProcessingMode::hand_off;
        else errors.add(child(path, "processing"), "expected \"in_loop\" or \"hand_off\", found \"" + *p + "\"");
    }
    if (const auto c = read_string(errors, j, path, "commit")) {
        using M = consumer::CommitMode;
        static const std::vector<std::pair<std::string, M>> modes{{"auto", M::automatic},
                                                                  {"sync_after_processing", M::sync_after_processing},
                                                                  {"async_after_processing", M::async_after_processing},
                                                                  {"sync_before_processing", M::sync_before_processing}};
        const auto it = std::find_if(modes.begin(), modes.end(), [&](const auto& e) { return e.first == *c; });
        if (it != modes.end()) m.spec.workload.commit = it->second;
        else errors.add(child(path, "commit"), "expected \"auto\", \"sync_after_processing\", \"async_after_processing\" or \"sync_before_processing\", found \"" + *c + "\"");
    }
    if (const auto t = read_int(errors, j, path, "poll_timeout_ms", 0, 60000))
        m.spec.workload.poll_timeout = engine::Duration::ms(*t);
    if (const auto t = read_ms(errors, j, path, "join_ms")) m.spec.join = *t;
    if (const auto t = read_ms(errors, j, path, "leave_ms")) m.spec.leave = *t;
    if (const auto configs = j.find("configs"); configs != j.end())
        apply_consumer_configs(errors, *configs, child(path, "configs"), m.spec.config);
    m.path = path;
}

// What Kafka refuses of a whole member: the consumer's own checks, the coordinator's session
// timeout bounds, and a commit mode that needs auto-commit without it.
void check_member(Errors& errors, const MemberDraft& m, const ClusterSpec& cluster, engine::Duration duration) {
    const std::string at = child(m.path, "configs");
    consumer::ConsumerConfig checked = m.spec.config;
    checked.bootstrap.push_back(engine::NodeId{0});
    const consumer::ConfigCheck check = consumer::check_config(checked);
    if (check.error) {
        errors.add(child(at, check.error->config), check.error->message);
        return;
    }
    const engine::Duration session = m.spec.config.session_timeout;
    if (session < cluster.broker.group_min_session_timeout || session > cluster.broker.group_max_session_timeout)
        errors.add(child(at, "session.timeout.ms"),
                   "outside the brokers' group.min.session.timeout.ms … group.max.session.timeout.ms (" +
                       std::to_string(cluster.broker.group_min_session_timeout.count_ms()) + " … " +
                       std::to_string(cluster.broker.group_max_session_timeout.count_ms()) +
                       "): the coordinator answers INVALID_SESSION_TIMEOUT");
    if (m.spec.workload.commit == consumer::CommitMode::automatic && !check.auto_commit)
        errors.add(child(m.path, "commit"), "\"auto\" commits only through enable.auto.commit, which is false here");
    if (m.spec.join > duration) errors.add(child(m.path, "join_ms"), "past the scenario's duration_ms");
    if (m.spec.leave && *m.spec.leave < m.spec.join) errors.add(child(m.path, "leave_ms"), "expected at least join_ms");
    if (m.spec.leave && *m.spec.leave > duration) errors.add(child(m.path, "leave_ms"), "past the scenario's duration_ms");
}

}  // namespace

void load_groups(Errors& errors, const Json& doc, const ClusterSpec& cluster, engine::Duration duration,
                 std::vector<GroupSpec>& groups, Names& names) {
    const auto it = doc.find("groups");
    if (it == doc.end()) return;
    if (!it->is_array()) {
        errors.add("/groups", "expected an array of consumer groups, found " + describe(*it));
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string path = child("/groups", i);
        const Json& g = (*it)[i];
        std::vector<std::string> known{"group", "topics", "members"};
        known.insert(known.end(), shared_keys.begin(), shared_keys.end());
        if (!check_object(errors, g, path, known) && !g.is_object()) continue;
        GroupSpec spec;
        spec.group = read_string(errors, g, path, "group", true).value_or("");
        if (!spec.group.empty() && !valid_group_name(spec.group))
            errors.add(child(path, "group"), "expected a group id of letters, digits, '.', '_', '-' (at most 64), found \"" + spec.group + "\"");
        else if (!spec.group.empty() && !names.groups.insert(spec.group).second)
            errors.add(child(path, "group"), "a second group \"" + spec.group + "\"");
        if (const auto topics = g.find("topics"); topics == g.end()) {
            errors.add(path, "missing \"topics\" (the topics every member subscribes to)");
        } else if (!topics->is_array() || topics->empty()) {
            errors.add(child(path, "topics"), "expected a non-empty array of topic names");
        } else {
            for (std::size_t k = 0; k < topics->size(); ++k) {
                const Json& t = (*topics)[k];
                if (!t.is_string()) errors.add(child(child(path, "topics"), k), "expected a topic name, found " + describe(t));
                else if (!names.partitions.contains(t.get<std::string>()))
                    errors.add(child(child(path, "topics"), k), "no topic named \"" + t.get<std::string>() + "\" in \"topics\"");
                else spec.topics.push_back(t.get<std::string>());
            }
        }
        MemberDraft base;
        base.spec.config.group_id = spec.group;
        base.spec.workload.subscription = spec.topics;
        read_shared(errors, g, path, base);
        std::vector<MemberDraft> members;
        const auto m = g.find("members");
        const std::string mpath = child(path, "members");
        if (m == g.end() || m->is_number()) {
            const auto count = m == g.end() ? std::optional<std::int64_t>(1) : read_int(errors, g, path, "members", 1, max_members);
            for (std::int64_t k = 0; k < count.value_or(0); ++k) {
                MemberDraft d = base;
                d.name = "consumer-" + std::to_string(k + 1);
                members.push_back(std::move(d));
            }
        } else if (!m->is_array() || m->empty() || m->size() > static_cast<std::size_t>(max_members)) {
            errors.add(mpath, "expected a number of members (1 to 1000) or a non-empty array of members");
        } else {
            for (std::size_t k = 0; k < m->size(); ++k) {
                const std::string at = child(mpath, k);
                std::vector<std::string> member_keys{"name"};
                member_keys.insert(member_keys.end(), shared_keys.begin(), shared_keys.end());
                if (!check_object(errors, (*m)[k], at, member_keys) && !(*m)[k].is_object()) continue;
                MemberDraft d = base;
                d.name = read_string(errors, (*m)[k], at, "name").value_or("consumer-" + std::to_string(k + 1));
                if (!valid_group_name(d.name))
                    errors.add(child(at, "name"), "expected a member name of letters, digits, '.', '_', '-', found \"" + d.name + "\"");
                read_shared(errors, (*m)[k], at, d);
                members.push_back(std::move(d));
            }
        }
        for (MemberDraft& d : members) {
            d.spec.name = spec.group + "/" + d.name;
            check_member(errors, d, cluster, duration);
            if (!names.clients.emplace(d.spec.name, d.spec.join).second)
                errors.add(d.path, "a second member named \"" + d.spec.name + "\"");
            spec.members.push_back(std::move(d.spec));
        }
        groups.push_back(std::move(spec));
    }
}

}  // namespace kafkasim::scenarios
