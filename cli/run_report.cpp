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
    for (const auto& t : result.topics)
        for (const auto& p : t.partitions)
            out << "  Topic: " << t.name << "\tPartition: " << p.partition << "\tLeader: "
                << (p.leader < 0 ? std::string("none") : std::to_string(p.leader)) << "\tReplicas: " << join(p.replicas)
                << "\tIsr: " << join(p.isr) << "\tLogEndOffset: " << p.log_end_offset
                << "\tHighWatermark: " << p.high_watermark << "\n";
    if (result.topics.empty()) out << "  (none)\n";

    out << "\nConsumer groups\n  (none)\n";

    out << "\nChecks\n";
    for (const std::string& name : scenarios::checker_names()) {
        const auto& c = result.checks.at(name);
        const std::string jepsen = jepsen_name(name);
        out << "  " << std::left << std::setw(30) << name << std::right << std::setw(8) << c.count
            << (jepsen.empty() ? "" : "   (" + jepsen + ")") << "\n";
        for (const std::string& e : c.examples) out << "      e.g. " << e << "\n";
    }

    out << "\nExpectations\n";
    for (const auto& e : result.expectations) {
        const char* verdict = !e.ok ? "n/a " : *e.ok ? "PASS" : "FAIL";
        out << "  " << verdict << "  " << e.name << (e.safety ? " [safety]" : "") << ": " << e.detail << "\n";
    }
    if (result.expectations.empty()) out << "  (none)\n";

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
    for (const std::string& name : scenarios::checker_names()) {
        const auto& c = result.checks.at(name);
        j["checks"][name] = c.count;
        j["check_examples"][name] = c.examples;
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
    j["groups"] = nlohmann::json::array();
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
