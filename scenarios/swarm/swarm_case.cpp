#include "scenarios/swarm/swarm_case.h"

#include <algorithm>
#include <filesystem>

#include "engine/assert.h"
#include "engine/trace.h"
#include "scenarios/loader/input_file.h"
#include "scenarios/loader/json_reader.h"
#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"
#include "scenarios/loader/utf8_text.h"
#include "scenarios/runner/scenario_run.h"
#include "scenarios/swarm/fault_draw.h"

namespace kafkasim::scenarios {

namespace fs = std::filesystem;
using OJson = nlohmann::ordered_json;

std::vector<std::pair<std::string, std::string>> library_templates() {
    std::vector<std::pair<std::string, std::string>> out;
    const auto dir = library_dir();
    if (!dir) return out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(*dir) / "templates", ec)) {
        const fs::path& p = entry.path();
        if (entry.is_regular_file(ec) && p.extension() == ".json") out.emplace_back(p.stem().string(), p.string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::variant<SwarmTemplate, std::vector<std::string>> load_swarm_template(const std::string& arg) {
    std::string path;
    std::error_code ec;
    if (fs::is_regular_file(arg, ec)) path = arg;
    for (const auto& [name, p] : library_templates())
        if (path.empty() && name == arg) path = p;
    // A bundled lesson by name loads, to be told it is not a template.
    if (path.empty()) path = resolve_scenario(arg).value_or("");
    if (path.empty()) {
        std::string known;
        for (const auto& [name, p] : library_templates()) known += (known.empty() ? "" : ", ") + name;
        return std::vector<std::string>{printable(arg) + ": no such file, and no bundled template by that name (templates: " +
                                        known + ")"};
    }
    auto bytes = read_input_file(path, ReaderLimits{}.max_bytes);
    if (const auto* error = std::get_if<InputFileError>(&bytes)) return std::vector<std::string>{printable(path) + ": " + error->message};
    const std::string& text = std::get<std::string>(bytes);
    LoadResult loaded = load_scenario_text(text, path);
    if (!loaded.errors.empty()) return loaded.errors;
    if (!loaded.spec->swarm)
        return std::vector<std::string>{printable(path) +
                                        ": not a swarm template: it has no \"swarm\" section (docs/swarm.md says what goes in it)"};
    SwarmTemplate t;
    t.name = scenario_name(path);
    t.path = path;
    t.doc = OJson::parse(text);  // read_json accepted it, so this parses
    t.spec = std::move(*loaded.spec);
    return t;
}

OJson swarm_case_document(const SwarmTemplate& tmpl, std::uint64_t seed, std::int64_t* drawn) {
    OJson doc = tmpl.doc;
    doc["seed"] = seed;
    FaultSchedule schedule = draw_faults(tmpl.spec, seed);
    if (drawn != nullptr) *drawn = schedule.drawn;
    OJson& faults = doc["faults"];
    if (!faults.is_array()) faults = OJson::array();
    for (OJson& f : schedule.faults) faults.push_back(std::move(f));
    return doc;
}

namespace {

void read_liveness(const RunResult& result, SwarmOutcome& out) {
    if (const auto it = result.metrics.find("unconsumed"); it != result.metrics.end())
        for (const Sample& s : it->second)
            if (const auto acks = s.labels.find("acks"); acks != s.labels.end())
                out.unconsumed[acks->second] += static_cast<std::int64_t>(s.value);
    for (const TopicState& t : result.topics)
        for (const PartitionState& p : t.partitions) out.leaderless_partitions += p.leader < 0 ? 1 : 0;
    for (const GroupReport& g : result.groups) out.unstable_groups += g.state != "Stable" ? 1 : 0;
}

}  // namespace

SwarmOutcome run_swarm_case(const SwarmTemplate& tmpl, std::uint64_t seed, std::uint64_t event_budget) {
    SwarmOutcome out;
    out.seed = seed;
    const OJson doc = swarm_case_document(tmpl, seed, &out.faults_drawn);
    out.fault_entries = static_cast<std::int64_t>(doc["faults"].size());
    LoadResult loaded = load_scenario_text(doc.dump(), tmpl.path);
    if (!loaded.errors.empty()) {
        // The drawer made a schedule the loader refuses: a bug of the swarm, reported as one.
        out.errors.push_back("internal error: the drawn schedule does not load: " + loaded.errors.front());
        return out;
    }
    try {
        ScenarioRun run(*loaded.spec, RunOptions{});
        while (run.step()) {
            if (run.events() >= event_budget) {
                out.errors.push_back("event budget of " + std::to_string(event_budget) + " spent at " +
                                     std::to_string(run.now().ms()) + " ms of " + std::to_string(run.end().ms()) +
                                     " ms: a livelock, or a schedule far busier than the template's");
                out.events = run.events();
                out.trace_hash = run.trace_hash();
                return out;
            }
        }
        const RunResult result = run.finish();
        out.trace_hash = result.trace_hash;
        out.events = result.events;
        out.sim_time_ms = result.sim_time_ms;
        for (const auto& [name, check] : result.checks) out.checks[name] = check.count;
        read_liveness(result, out);
        for (const ExpectationResult& e : result.expectations)
            if (!e.ok.value_or(true)) out.failed.push_back(e.name + ": " + e.detail);
        out.errors = result.errors;
        out.warnings = static_cast<std::int64_t>(result.warnings.size());
    } catch (const engine::AssertionFailure& e) {
        out.errors.push_back(std::string("internal error: ") + e.what());
    } catch (const std::exception& e) {
        out.errors.push_back(std::string("internal error: ") + e.what());
    }
    out.ok = out.failed.empty() && out.errors.empty();
    return out;
}

OJson outcome_json(const SwarmOutcome& o) {
    OJson j;
    j["seed"] = o.seed;
    j["ok"] = o.ok;
    j["trace_hash"] = engine::hex16(o.trace_hash);
    j["events"] = o.events;
    j["sim_time_ms"] = o.sim_time_ms;
    j["faults"] = o.faults_drawn;
    j["fault_entries"] = o.fault_entries;
    j["checks"] = OJson::object();
    for (const auto& [name, count] : o.checks) j["checks"][name] = count;
    OJson liveness;
    liveness["unconsumed"] = OJson::object();
    for (const auto& [acks, count] : o.unconsumed) liveness["unconsumed"][acks] = count;
    liveness["leaderless_partitions"] = o.leaderless_partitions;
    liveness["unstable_groups"] = o.unstable_groups;
    j["liveness"] = std::move(liveness);
    j["failed"] = o.failed;
    j["errors"] = o.errors;
    j["warnings"] = o.warnings;
    return j;
}

}  // namespace kafkasim::scenarios
