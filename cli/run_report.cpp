#include "cli/run_report.h"

#include <iomanip>
#include <ostream>
#include <sstream>

#include "engine/trace.h"
#include "scenarios/loader/expectation.h"

namespace kafkasim::cli {

namespace {

std::string join(const std::vector<std::int32_t>& v) {
    std::string out;
    for (std::int32_t x : v) out += (out.empty() ? "" : ",") + std::to_string(x);
    return out;
}

std::string seconds(std::int64_t ms) {
    std::ostringstream s;
    s << ms / 1000 << "." << std::setw(3) << std::setfill('0') << ms % 1000 << " s";
    return s.str();
}

std::string or_dash(std::int64_t v) { return v < 0 ? "-" : std::to_string(v); }

// Rows the text report prints per topic and per group: a cluster of 10 000 partitions and ten
// groups would print 110 000 lines (issue 30); --json keeps every row.
constexpr std::size_t max_rows = 100;

void more_rows(std::size_t total, const std::string& of, std::ostream& out) {
    if (total > max_rows)
        out << "    ... " << total - max_rows << " more partitions of " << of << " (--json lists every one)\n";
}

// As `kafka-consumer-groups --describe` shows them: a header per group, then one row per
// partition with the member that owns it ("-" for none).
void print_groups(const std::vector<scenarios::GroupReport>& groups, std::ostream& out) {
    for (const auto& g : groups) {
        out << "  Group: " << g.group << "\tState: " << g.state << "\tGeneration: " << or_dash(g.generation)
            << "\tMembers: " << g.members.size() << "\n";
        std::map<std::string, std::string> owner;
        for (const auto& m : g.members)
            for (const std::string& p : m.partitions) owner[p] = m.member;
        out << "    " << std::left << std::setw(20) << "TOPIC" << std::setw(11) << "PARTITION" << std::setw(16)
            << "CURRENT-OFFSET" << std::setw(16) << "LOG-END-OFFSET" << std::setw(8) << "LAG" << "CLIENT-ID\n";
        for (std::size_t i = 0; i < g.offsets.size() && i < max_rows; ++i) {
            const auto& o = g.offsets[i];
            const auto who = owner.find(o.topic + "-" + std::to_string(o.partition));
            out << "    " << std::setw(20) << o.topic << std::setw(11) << o.partition << std::setw(16)
                << or_dash(o.committed_offset) << std::setw(16) << or_dash(o.log_end_offset) << std::setw(8)
                << or_dash(o.lag) << (who == owner.end() ? std::string("-") : who->second) << "\n";
        }
        more_rows(g.offsets.size(), g.group, out);
        out << std::right;
        for (const auto& m : g.members)
            if (m.partitions.empty()) out << "    (" << m.member << " has no partition)\n";
    }
    if (groups.empty()) out << "  (none)\n";
}

// What follows a checker's count: Jepsen's name, or for unconsumed, the liveness check, its
// count per acks mode, where acks=0 losses broke no promise.
std::string check_note(const std::string& name, const scenarios::CheckSummary& c) {
    std::string note = name == "unconsumed" ? "liveness" : jepsen_name(name);
    if (c.parts.empty()) return note;
    note += ":";
    bool unpromised = false;
    for (std::size_t i = 0; i < c.parts.size(); ++i) {
        const check::CountPart& p = c.parts[i];
        note += std::string(i == 0 ? " " : ", ") + p.label + "=" + p.value + " " + std::to_string(p.count);
        unpromised = unpromised || (p.label == "acks" && p.value == "0" && p.count > 0);
    }
    return unpromised ? note + ": lost, but nothing was promised" : note;
}

}  // namespace

std::string jepsen_name(const std::string& checker) {
    static const std::map<std::string, std::string> names{
        {"lost_acked", "lost-write"},          {"divergent_replicas", "inconsistent-offsets"},
        {"duplicates_in_log", "duplicate"},    {"send_reordered", "nonmonotonic-send"},
        {"redeliveries", "at-least-once duplicates"}, {"consumer_skips", "poll-skip"},
        {"reordered", "nonmonotonic-poll"}};
    const auto it = names.find(checker);
    return it == names.end() ? "" : it->second;
}

void print_text_report(const scenarios::ScenarioSpec& spec, const scenarios::RunResult& result,
                       const std::string& lang, std::ostream& out) {
    const std::string& description = lang == "ko" ? spec.description.ko : spec.description.en;
    out << "Scenario " << result.scenario << " (seed " << result.seed << ")\n";
    out << description.substr(0, description.find('\n')) << "\n\n";

    out << "Topics\n";
    for (const auto& t : result.topics) {
        for (std::size_t i = 0; i < t.partitions.size() && i < max_rows; ++i) {
            const auto& p = t.partitions[i];
            out << "  Topic: " << t.name << "\tPartition: " << p.partition << "\tLeader: "
                << (p.leader < 0 ? std::string("none") : std::to_string(p.leader)) << "\tReplicas: " << join(p.replicas)
                << "\tIsr: " << join(p.isr) << "\tLogEndOffset: " << p.log_end_offset
                << "\tHighWatermark: " << p.high_watermark << "\n";
        }
        more_rows(t.partitions.size(), t.name, out);
    }
    if (result.topics.empty()) out << "  (none)\n";

    out << "\nConsumer groups\n";
    print_groups(result.groups, out);

    out << "\nChecks\n";
    for (const std::string& name : scenarios::checker_names()) {
        const auto& c = result.checks.at(name);
        const std::string note = check_note(name, c);
        out << "  " << std::left << std::setw(30) << name << std::right << std::setw(8) << c.count
            << (note.empty() ? "" : "   (" + note + ")") << "\n";
        for (const std::string& e : c.examples) out << "      e.g. " << e << "\n";
    }

    out << "\nExpectations\n";
    for (const auto& e : result.expectations) {
        const char* verdict = !e.ok ? "n/a " : *e.ok ? "PASS" : "FAIL";
        out << "  " << verdict << "  " << e.name << (e.safety ? " [safety]" : "") << ": " << e.detail << "\n";
    }
    if (result.expectations.empty()) out << "  (none)\n";

    if (!result.errors.empty()) {
        out << "\nErrors\n";
        for (const std::string& e : result.errors) out << "  " << e << "\n";
    }
    if (!result.warnings.empty()) {
        out << "\nWarnings\n";
        for (const std::string& w : result.warnings) out << "  " << w << "\n";
    }

    out << "\nEvents " << result.events << ", simulated " << seconds(result.sim_time_ms) << ", trace hash "
        << engine::hex16(result.trace_hash) << "\n";
}

nlohmann::json json_report(const scenarios::RunResult& result) {
    nlohmann::json j;
    j["scenario"] = result.scenario;
    j["seed"] = result.seed;
    j["trace_hash"] = engine::hex16(result.trace_hash);
    j["events"] = result.events;
    j["sim_time_ms"] = result.sim_time_ms;
    j["checks"] = nlohmann::json::object();
    j["check_examples"] = nlohmann::json::object();
    j["check_parts"] = nlohmann::json::object();
    for (const std::string& name : scenarios::checker_names()) {
        const auto& c = result.checks.at(name);
        j["checks"][name] = c.count;
        j["check_examples"][name] = c.examples;
        if (c.parts.empty()) continue;
        nlohmann::json parts = nlohmann::json::array();
        for (const check::CountPart& p : c.parts) parts.push_back({{p.label, p.value}, {"value", p.count}});
        j["check_parts"][name] = std::move(parts);
    }
    j["expectations"] = nlohmann::json::array();
    for (const auto& e : result.expectations) {
        nlohmann::json x{{"name", e.name}, {"detail", e.detail}, {"safety", e.safety}};
        x["ok"] = e.ok ? nlohmann::json(*e.ok) : nlohmann::json(nullptr);
        if (!e.ok) x["status"] = "not_reached";
        j["expectations"].push_back(std::move(x));
    }
    j["topics"] = nlohmann::json::array();
    for (const auto& t : result.topics) {
        nlohmann::json parts = nlohmann::json::array();
        for (const auto& p : t.partitions)
            parts.push_back({{"partition", p.partition},
                             {"leader", p.leader},
                             {"replicas", p.replicas},
                             {"isr", p.isr},
                             {"log_end_offset", p.log_end_offset},
                             {"high_watermark", p.high_watermark}});
        j["topics"].push_back({{"name", t.name}, {"partitions", std::move(parts)}});
    }
    j["errors"] = result.errors;
    j["warnings"] = result.warnings;
    j["groups"] = nlohmann::json::array();
    for (const auto& g : result.groups) {
        nlohmann::json members = nlohmann::json::array();
        for (const auto& m : g.members)
            members.push_back({{"member", m.member}, {"member_id", m.member_id}, {"partitions", m.partitions}});
        nlohmann::json offsets = nlohmann::json::array();
        for (const auto& o : g.offsets)
            offsets.push_back({{"topic", o.topic},
                               {"partition", o.partition},
                               {"committed_offset", o.committed_offset},
                               {"log_end_offset", o.log_end_offset},
                               {"lag", o.lag}});
        j["groups"].push_back({{"group", g.group},
                               {"state", g.state},
                               {"generation", g.generation},
                               {"members", std::move(members)},
                               {"offsets", std::move(offsets)}});
    }
    j["metrics"] = nlohmann::json::object();
    for (const scenarios::MetricInfo& info : scenarios::metric_catalogue()) {
        if (info.checker) continue;  // under "checks"
        nlohmann::json list = nlohmann::json::array();
        const auto found = result.metrics.find(info.name);
        const std::vector<scenarios::Sample> none;
        for (const auto& s : found == result.metrics.end() ? none : found->second) {
            nlohmann::json x = s.labels;
            x["value"] = s.value == static_cast<double>(static_cast<std::int64_t>(s.value))
                             ? nlohmann::json(static_cast<std::int64_t>(s.value))
                             : nlohmann::json(s.value);
            list.push_back(std::move(x));
        }
        j["metrics"][info.name] = std::move(list);
    }
    return j;
}

}  // namespace kafkasim::cli
