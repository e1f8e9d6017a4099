#include "scenarios/runner/run_probes.h"

#include <array>

#include "sim/proto/envelope.h"

namespace kafkasim::scenarios {

namespace {

std::string field_string(const engine::TraceRecordView& r, std::string_view key) {
    for (const engine::TraceField& f : r.fields)
        if (f.key == key) {
            if (f.value.type() == engine::TraceValue::Type::string) return std::string(f.value.as_string());
            if (f.value.type() == engine::TraceValue::Type::boolean) return f.value.as_bool() ? "true" : "false";
            return std::to_string(f.value.as_int());
        }
    return {};
}

std::int64_t field_int(const engine::TraceRecordView& r, std::string_view key) {
    for (const engine::TraceField& f : r.fields)
        if (f.key == key && f.value.type() != engine::TraceValue::Type::string) return f.value.as_int();
    return 0;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty() || !out.empty()) out.push_back(cur);
    return out;
}

// The API names of requests, by their index in RequestBody; a response has its request's index.
template <std::size_t... I>
std::array<std::string_view, sizeof...(I)> request_names(std::index_sequence<I...>) {
    return {api_name(RequestBody(std::in_place_index<I>))...};
}

std::string_view response_name(const ResponseBody& body) {
    static_assert(std::variant_size_v<RequestBody> == std::variant_size_v<ResponseBody>,
                  "every request has its response at the same index");
    static const auto names = request_names(std::make_index_sequence<std::variant_size_v<RequestBody>>{});
    return names[body.index()];
}

// A partition's name from a record's `topic` and `partition` fields, or its `partition` field.
std::string partition_of(const engine::TraceRecordView& r) {
    const std::string topic = field_string(r, "topic");
    return topic.empty() ? field_string(r, "partition") : topic + "-" + field_string(r, "partition");
}

}  // namespace

void LinkFaults::write(const engine::TraceRecordView& r) {
    if (!r.kind.starts_with("net.")) return;
    const std::string_view kind = r.kind.substr(4);
    if (kind == "cut" || kind == "clog") {
        const std::string from = field_string(r, "from");
        const std::string to = field_string(r, "to");
        const bool both = field_string(r, "direction") == "both_ways";
        for (int i = 0; i < (both ? 2 : 1); ++i) {
            Link& link = links_[i == 0 ? std::pair(from, to) : std::pair(to, from)];
            if (kind == "cut") link.cut = true;
            else link.extra_us = field_int(r, "extra_us");
        }
    } else if (kind == "partition") {
        partition_.clear();
        for (const std::string& side : split(field_string(r, "groups"), '|')) partition_.push_back(split(side, ','));
    } else if (kind == "isolate") {
        isolated_.insert(field_string(r, "node"));
    } else if (kind == "heal") {
        links_.clear();
        partition_.clear();
        isolated_.clear();
    }
}

void Moments::write(const engine::TraceRecordView& r) {
    const std::string node(r.node_name);
    std::string label;
    if (r.kind == "scenario.fault") {
        label = "fault: " + field_string(r, "action") + " " + field_string(r, "target");
    } else if (r.kind == "node.crash" || r.kind == "node.power_loss" || r.kind == "node.pause") {
        label = node + (r.kind == "node.crash" ? " crashed" : r.kind == "node.pause" ? " paused" : " lost power");
    } else if (r.kind == "node.start" && field_int(r, "incarnation") > 1) {
        label = node + " restarted";
    } else if (r.kind == "controller.elect") {
        const std::int64_t leader = field_int(r, "leader");
        label = partition_of(r) + (leader < 0 ? " has no leader" : ": broker-" + std::to_string(leader) + " leads") +
                (field_string(r, "unclean") == "true" ? " (unclean)" : "") + ", epoch " + field_string(r, "leader_epoch");
    } else if (r.kind == "controller.isr") {
        label = partition_of(r) + " ISR [" + field_string(r, "isr") + "]";
    } else if (r.kind == "controller.fence" || r.kind == "controller.unfence") {
        label = "broker-" + field_string(r, "broker") + (r.kind == "controller.fence" ? " fenced" : " unfenced");
    } else if (r.kind == "group.rebalance") {
        label = field_string(r, "group") + " rebalances: " + field_string(r, "detail");
    } else if (r.kind == "group.state" && field_string(r, "detail") == "Stable") {
        label = field_string(r, "group") + " stable, generation " + field_string(r, "generation");
    } else {
        return;
    }
    moments_.push_back(Moment{0, r.time, std::string(r.kind), std::move(label)});
}

void Moments::add(engine::Instant time, std::string kind, std::string label) {
    moments_.push_back(Moment{0, time, std::move(kind), std::move(label)});
}

void Moments::stamp(std::uint64_t event) {
    for (; stamped_ < moments_.size(); ++stamped_) moments_[stamped_].event = event;
}

void WireWatch::on_sent(std::uint64_t connection, engine::Side to, engine::LinkId link, engine::Instant sent,
                        engine::Instant due, const engine::Payload& payload) {
    Message m{link, sent, due, "?", false};
    if (payload.holds<Request>()) {
        m.kind = api_name(payload.as<Request>().body);
    } else if (payload.holds<Response>()) {
        m.kind = response_name(payload.as<Response>().body);
        m.response = true;
    }
    wire_[{connection, to}].push_back(m);
    last_sent_[link] = sent;
}

void WireWatch::on_arrived(std::uint64_t connection, engine::Side to) {
    const auto it = wire_.find({connection, to});
    if (it == wire_.end()) return;
    it->second.pop_front();
    if (it->second.empty()) wire_.erase(it);
}

}  // namespace kafkasim::scenarios
