#include "scenarios/export/perfetto.h"

#include <fstream>
#include <set>
#include <stdexcept>

namespace kafkasim::scenarios {

namespace {

nlohmann::json args_of(const engine::TraceRecordView& r) {
    nlohmann::json args = nlohmann::json::object();
    for (const auto& f : r.fields) {
        const std::string key(f.key);
        switch (f.value.type()) {
            case engine::TraceValue::Type::integer: args[key] = f.value.as_int(); break;
            case engine::TraceValue::Type::boolean: args[key] = f.value.as_bool(); break;
            case engine::TraceValue::Type::string: args[key] = std::string(f.value.as_string()); break;
        }
    }
    return args;
}

// Kinds shown as instants: the turns of a story.
bool is_instant(std::string_view kind) {
    static const std::set<std::string_view> kinds{
        "scenario.fault",     "controller.elect",       "controller.fence",       "controller.unfence",
        "controller.isr",     "controller.replicas",    "controller.reassign",    "controller.elect_leaders",
        "controller.recover", "partition.role",         "replica.truncate",       "replica.truncate_to_hw",
        "replica.out_of_range", "replica.delete",       "broker.registered",      "broker.fenced",
        "broker.unfenced",    "broker.state",           "producer.retry",         "producer.epoch_bump",
        "producer.batch_failed", "admin.answer",        "disk.power_loss",        "log.truncate",
        "coordinator.loaded",
        "group.member_added", "group.member_removed",   "group.member_fenced",    "consumer.rejoin_needed",
        "consumer.poll_timeout", "consumer.group_fatal", "consumer.commit_failed", "consumer.closed"};
    return kinds.contains(kind);
}

}  // namespace

std::int32_t PerfettoSink::pid_of(std::string_view node) {
    const std::string name = node.empty() ? "scenario" : std::string(node);
    const auto it = pids_.find(name);
    if (it != pids_.end()) return it->second;
    const auto pid = static_cast<std::int32_t>(pids_.size() + 1);
    pids_.emplace(name, pid);
    return pid;
}

std::int32_t PerfettoSink::tid_of(std::int32_t pid, const std::string& thread) {
    const auto key = std::make_pair(pid, thread);
    const auto it = tids_.find(key);
    if (it != tids_.end()) return it->second;
    const auto tid = static_cast<std::int32_t>(tids_.size() + 100);
    tids_.emplace(key, tid);
    return tid;
}

void PerfettoSink::open(const std::string& key, Open span) {
    if (!open_.contains(key)) open_.emplace(key, std::move(span));
}

void PerfettoSink::close(const std::string& key, std::int64_t end_us) {
    const auto it = open_.find(key);
    if (it == open_.end()) return;
    const Open& s = it->second;
    events_.push_back({{"ph", "X"}, {"name", s.name}, {"ts", s.start_us}, {"dur", end_us - s.start_us},
                       {"pid", s.pid}, {"tid", s.tid}, {"args", s.args}});
    open_.erase(it);
}

void PerfettoSink::write(const engine::TraceRecordView& r) {
    const std::string_view kind = r.kind;
    const std::string node(r.node_name);
    const std::int64_t ts = r.time.us();
    const std::int32_t pid = pid_of(r.node_name);
    const auto field = [&r](std::string_view key) -> const engine::TraceValue* {
        for (const auto& f : r.fields)
            if (f.key == key) return &f.value;
        return nullptr;
    };
    if (kind == "node.crash" || (kind == "node.power_loss" && field("was_up") && field("was_up")->as_bool())) {
        close("paused/" + node, ts);
        open("down/" + node, Open{kind == "node.crash" ? "down (crash)" : "down (power loss)", ts, pid, pid, {}});
    } else if (kind == "node.start") {
        close("down/" + node, ts);
    } else if (kind == "node.pause") {
        open("paused/" + node, Open{"paused", ts, pid, pid, {}});
    } else if (kind == "node.resume") {
        close("paused/" + node, ts);
    } else if (kind == "producer.produce") {
        const auto* request = field("request");
        const auto* partition = field("first_partition");
        if (request != nullptr)
            open(node + "/produce/" + std::to_string(request->as_int()),
                 Open{"Produce " + std::string(partition != nullptr ? partition->as_string() : ""), ts, pid,
                      tid_of(pid, "requests"), args_of(r)});
    } else if (kind == "producer.response") {
        if (const auto* request = field("request")) close(node + "/produce/" + std::to_string(request->as_int()), ts);
    }
    // A member's rebalance, from its JoinGroup to the SyncGroup answer that gives it its
    // partitions; the group's, on its coordinator, from PreparingRebalance to the next state
    // that is not a rebalance.
    if (kind == "consumer.join") {
        open(node + "/rebalance", Open{"rebalance", ts, pid, tid_of(pid, "group"), args_of(r)});
    } else if (kind == "consumer.assigned") {
        close(node + "/rebalance", ts);
    } else if (kind == "group.rebalance" || kind == "group.state") {
        const auto* group = field("group");
        const auto* detail = field("detail");
        const std::string name = group != nullptr ? std::string(group->as_string()) : "";
        const std::string key = node + "/group/" + name;
        if (kind == "group.rebalance")
            open(key, Open{"rebalance " + name, ts, pid, tid_of(pid, "group " + name), args_of(r)});
        else if (detail != nullptr && detail->as_string() != "PreparingRebalance" &&
                 detail->as_string() != "CompletingRebalance")
            close(key, ts);
    }
    if (kind == "node.crash" || kind == "node.power_loss") {
        // The process's requests in flight, and its part in rebalances, die with it.
        std::vector<std::string> keys;
        for (const auto& [key, span] : open_)
            if (key.rfind(node + "/produce/", 0) == 0 || key == node + "/rebalance" || key.rfind(node + "/group/", 0) == 0)
                keys.push_back(key);
        for (const std::string& key : keys) close(key, ts);
    }
    if (kind == "controller.partition" || kind == "controller.elect") {
        const auto* topic = field("topic");
        const auto* partition = field("partition");
        const auto* leader = field("leader");
        if (topic != nullptr && partition != nullptr && leader != nullptr) {
            const std::string tp = std::string(topic->as_string()) + "-" + std::to_string(partition->as_int());
            if (leader->as_int() < 0) open("offline/" + tp, Open{"offline " + tp, ts, pid, tid_of(pid, tp), {}});
            else close("offline/" + tp, ts);
        }
    }
    if (is_instant(kind))
        events_.push_back({{"ph", "i"}, {"s", "t"}, {"name", std::string(kind)}, {"ts", ts}, {"pid", pid},
                           {"tid", pid}, {"args", args_of(r)}});
}

nlohmann::json PerfettoSink::document(engine::Instant end) const {
    nlohmann::json events = nlohmann::json::array();
    for (const auto& [name, pid] : pids_) {
        events.push_back({{"ph", "M"}, {"name", "process_name"}, {"pid", pid}, {"tid", pid}, {"args", {{"name", name}}}});
        events.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", pid}, {"tid", pid}, {"args", {{"name", name}}}});
    }
    for (const auto& [key, tid] : tids_)
        events.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", key.first}, {"tid", tid}, {"args", {{"name", key.second}}}});
    for (const auto& e : events_) events.push_back(e);
    for (const auto& [key, s] : open_)
        events.push_back({{"ph", "X"}, {"name", s.name}, {"ts", s.start_us}, {"dur", end.us() - s.start_us},
                          {"pid", s.pid}, {"tid", s.tid}, {"args", s.args}});
    return {{"traceEvents", std::move(events)}, {"displayTimeUnit", "ms"}};
}

void PerfettoSink::write_file(const std::string& path, engine::Instant end) const {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << document(end).dump() << "\n";
    out.close();
    if (!out) throw std::runtime_error("writing " + path + " failed");
}

}  // namespace kafkasim::scenarios
