#include "scenarios/runner/partition_clocks.h"

namespace kafkasim::scenarios {

namespace {

std::string_view string_field(const engine::TraceRecordView& r, std::string_view key) {
    for (const auto& f : r.fields)
        if (f.key == key && f.value.type() == engine::TraceValue::Type::string) return f.value.as_string();
    return {};
}

std::optional<std::int64_t> int_field(const engine::TraceRecordView& r, std::string_view key) {
    for (const auto& f : r.fields)
        if (f.key == key && f.value.type() == engine::TraceValue::Type::integer) return f.value.as_int();
    return std::nullopt;
}

}  // namespace

void StateTime::set(bool in_state, engine::Instant at) {
    if (in_state && !since_) {
        since_ = at;
    } else if (!in_state && since_) {
        total_ += at - *since_;
        since_.reset();
    }
}

std::int64_t StateTime::ms(engine::Instant now) const {
    engine::Duration total = total_;
    if (since_ && now > *since_) total += now - *since_;
    return total.count_ms();
}

void LeaderlessClock::write(const engine::TraceRecordView& record) {
    if (record.kind != "controller.partition" && record.kind != "controller.elect") return;
    const auto partition = int_field(record, "partition");
    const auto leader = int_field(record, "leader");
    if (!partition || !leader) return;
    partitions_[std::string(string_field(record, "topic")) + "-" + std::to_string(*partition)].set(*leader < 0, record.time);
}

std::map<std::string, std::int64_t> LeaderlessClock::leaderless_ms(engine::Instant now) const {
    std::map<std::string, std::int64_t> out;
    for (const auto& [name, p] : partitions_) out[name] = p.ms(now);
    return out;
}

void UnavailableClock::write(const engine::TraceRecordView& record) {
    if (record.kind == "controller.partition" || record.kind == "controller.elect") {
        on_controller(record);
    } else if (record.kind == "broker.start" || record.kind == "partition.role" || record.kind.starts_with("node.")) {
        on_node(record);
    }
}

void UnavailableClock::on_controller(const engine::TraceRecordView& record) {
    const auto partition = int_field(record, "partition");
    const auto leader = int_field(record, "leader");
    if (!partition || !leader) return;
    const std::string name = std::string(string_field(record, "topic")) + "-" + std::to_string(*partition);
    Registered& r = partitions_[name];
    r.leader = static_cast<std::int32_t>(*leader);
    // A new partition's first leader epoch is 0 (its PartitionRecord carries no epoch field).
    r.leader_epoch = record.kind == "controller.partition" ? 0 : int_field(record, "leader_epoch").value_or(-1);
    update(name, r, record.time);
}

void UnavailableClock::on_node(const engine::TraceRecordView& record) {
    Process& p = processes_[std::string(record.node_name)];
    if (record.kind == "broker.start") {
        p.broker = static_cast<std::int32_t>(int_field(record, "broker").value_or(-1));
        broker_nodes_[p.broker] = std::string(record.node_name);
        return;  // its node.start came first
    }
    if (record.kind == "partition.role") {
        const std::string partition(string_field(record, "partition"));
        if (string_field(record, "role") == "leader") {
            p.leading[partition] = int_field(record, "leader_epoch").value_or(-1);
        } else {
            p.leading.erase(partition);
        }
        if (const auto it = partitions_.find(partition); it != partitions_.end()) update(partition, it->second, record.time);
        return;
    }
    if (record.kind == "node.start") {
        p.running = true;
        p.paused = false;
        p.leading.clear();  // a new process holds no role until it takes one
    } else if (record.kind == "node.crash" || record.kind == "node.power_loss") {
        p.running = false;
        p.paused = false;
        p.leading.clear();
    } else if (record.kind == "node.pause") {
        p.paused = true;
    } else if (record.kind == "node.resume") {
        p.paused = false;
    } else {
        return;
    }
    if (p.broker >= 0) update_all(record.time);
}

bool UnavailableClock::available(const std::string& partition, const Registered& r) const {
    if (r.leader < 0) return false;
    const auto node = broker_nodes_.find(r.leader);
    if (node == broker_nodes_.end()) return false;
    const Process& p = processes_.at(node->second);
    if (!p.running || p.paused) return false;
    const auto role = p.leading.find(partition);
    return role != p.leading.end() && role->second == r.leader_epoch;
}

void UnavailableClock::update(const std::string& partition, Registered& r, engine::Instant now) {
    const bool up = available(partition, r);
    // A new partition counts from when it first comes online (clients cannot see it before its
    // brokers learn of it), or from its creation when the controller could name no leader.
    if (!r.counting) {
        if (!up && r.leader >= 0) return;
        r.counting = true;
    }
    r.unavailable.set(!up, now);
}

void UnavailableClock::update_all(engine::Instant now) {
    for (auto& [name, r] : partitions_) update(name, r, now);
}

std::map<std::string, std::int64_t> UnavailableClock::unavailable_ms(engine::Instant now) const {
    std::map<std::string, std::int64_t> out;
    for (const auto& [name, r] : partitions_) out[name] = r.unavailable.ms(now);
    return out;
}

}  // namespace kafkasim::scenarios
