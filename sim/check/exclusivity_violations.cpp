#include "sim/check/exclusivity_violations.h"

#include <map>
#include <tuple>

namespace kafkasim::check {

namespace {

struct Run {
    engine::Instant first;
    engine::Instant last;
};

using Process = std::pair<std::string, std::uint64_t>;  // member name, incarnation

}  // namespace

CheckResult check_exclusivity_violations(const History& history) {
    // (group, partition) → (process, generation) → span
    std::map<std::pair<std::string, TopicPartition>, std::map<std::tuple<Process, std::int32_t>, Run>> runs;
    for (const ProcessEvent& e : history.processed()) {
        auto& by_run = runs[{e.consumer.group, e.tp}];
        const auto key = std::make_tuple(Process{e.consumer.member, e.consumer.incarnation}, e.consumer.generation.value);
        const auto [it, fresh] = by_run.try_emplace(key, Run{e.at, e.at});
        if (!fresh) it->second.last = e.at;
    }
    CheckResult result;
    for (const auto& [where, by_run] : runs) {
        for (auto a = by_run.begin(); a != by_run.end(); ++a) {
            for (auto b = std::next(a); b != by_run.end(); ++b) {
                if (std::get<0>(a->first) == std::get<0>(b->first)) continue;
                const bool overlap = a->second.first <= b->second.last && b->second.first <= a->second.last;
                if (!overlap) continue;
                ++result.count;
                if (result.examples.size() < 5)
                    result.examples.push_back(where.second.str() + " of group " + where.first + ": " +
                                              std::get<0>(a->first).first + " (generation " +
                                              std::to_string(std::get<1>(a->first)) + ") and " +
                                              std::get<0>(b->first).first + " (generation " +
                                              std::to_string(std::get<1>(b->first)) + ") both processed it between " +
                                              std::to_string(std::max(a->second.first, b->second.first).ms()) +
                                              " and " + std::to_string(std::min(a->second.last, b->second.last).ms()) +
                                              " ms");
            }
        }
    }
    return result;
}

}  // namespace kafkasim::check
