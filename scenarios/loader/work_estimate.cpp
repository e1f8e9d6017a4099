#include "scenarios/loader/work_estimate.h"

#include <algorithm>
#include <cmath>

namespace kafkasim::scenarios {

std::int64_t estimated_records(const ScenarioSpec& spec, std::optional<engine::Duration> until) {
    const engine::Duration end = until ? std::min(*until, spec.duration) : spec.duration;
    double total = 0;
    for (const ProducerSpec& p : spec.producers) {
        const engine::Duration stop = std::min(p.stop.value_or(end), end);
        if (stop <= p.start) continue;
        double records = std::floor(p.rate_per_s * static_cast<double>((stop - p.start).count_ms()) / 1000.0) + 1;
        if (p.max_records >= 0) records = std::min(records, static_cast<double>(p.max_records));
        total += records;
    }
    return static_cast<std::int64_t>(std::min(total, 9.0e18));
}

}  // namespace kafkasim::scenarios
