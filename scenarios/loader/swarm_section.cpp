// The `swarm` section: how `kafkasim swarm` draws fault schedules from a template
// (docs/swarm.md). Checked here so a template's mistakes show at `validate`, with places.
#include <algorithm>

#include "scenarios/loader/did_you_mean.h"
#include "scenarios/loader/loader_parts.h"

namespace kafkasim::scenarios {

const std::vector<std::string>& swarm_fault_kinds() {
    static const std::vector<std::string> kinds{"crash",     "power_loss", "pause", "isolate",   "partition",
                                                "cut",       "clog",       "slow_disk", "elect_leaders"};
    return kinds;
}

void load_swarm(Errors& errors, const Json& doc, engine::Duration duration, std::optional<SwarmSpec>& swarm) {
    const auto it = doc.find("swarm");
    if (it == doc.end()) return;
    const std::string path = "/swarm";
    if (!check_object(errors, *it, path, {"faults_from_ms", "faults_until_ms", "faults", "kinds"}) && !it->is_object())
        return;
    SwarmSpec s;
    s.faults_from = read_ms(errors, *it, path, "faults_from_ms").value_or(engine::Duration::ms(1000));
    const auto until = read_ms(errors, *it, path, "faults_until_ms", true);
    if (until) {
        s.faults_until = *until;
        if (*until >= duration)
            errors.add(child(path, "faults_until_ms"), "must be before duration_ms (" + std::to_string(duration.count_ms()) +
                                                           "): the healed quiet phase runs from here to duration_ms");
        else if (*until <= s.faults_from)
            errors.add(child(path, "faults_until_ms"), "must be after faults_from_ms (" +
                                                           std::to_string(s.faults_from.count_ms()) + ")");
    }
    if (const auto faults = it->find("faults"); faults != it->end()) {
        const std::string at = child(path, "faults");
        if (check_object(errors, *faults, at, {"min", "max"})) {
            s.min_faults = static_cast<std::int32_t>(read_int(errors, *faults, at, "min", 0, 1000).value_or(s.min_faults));
            s.max_faults = static_cast<std::int32_t>(read_int(errors, *faults, at, "max", 0, 1000).value_or(s.max_faults));
            if (s.min_faults > s.max_faults) errors.add(child(at, "max"), "must not be below min");
        }
    }
    const auto kinds = it->find("kinds");
    if (kinds == it->end()) {
        s.kinds = swarm_fault_kinds();
    } else if (!kinds->is_array() || kinds->empty()) {
        errors.add(child(path, "kinds"), "expected a non-empty array of fault kinds, found " + describe(*kinds));
    } else {
        for (std::size_t i = 0; i < kinds->size(); ++i) {
            const std::string at = child(child(path, "kinds"), i);
            const Json& k = (*kinds)[i];
            const auto& all = swarm_fault_kinds();
            if (!k.is_string() || std::find(all.begin(), all.end(), k.get<std::string>()) == all.end()) {
                std::string message = "expected one of " + Json(all).dump() + ", found " + k.dump();
                if (k.is_string())
                    if (const auto near = did_you_mean(k.get<std::string>(), all)) message += "; did you mean \"" + *near + "\"?";
                errors.add(at, message);
            } else if (std::find(s.kinds.begin(), s.kinds.end(), k.get<std::string>()) != s.kinds.end()) {
                errors.add(at, "\"" + k.get<std::string>() + "\" is listed twice");
            } else {
                s.kinds.push_back(k.get<std::string>());
            }
        }
    }
    swarm = std::move(s);
}

}  // namespace kafkasim::scenarios
