#include "scenarios/shrink/scenario_size.h"

#include <cmath>

namespace kafkasim::shrink {

namespace {

std::size_t entries(const Doc& doc, const char* key) {
    const auto it = doc.find(key);
    return it != doc.end() && it->is_array() ? it->size() : 0;
}

}  // namespace

ScenarioSize measure(const Doc& doc) {
    ScenarioSize s;
    s.faults = entries(doc, "faults");
    s.producers = entries(doc, "producers");
    s.groups = entries(doc, "groups");
    s.topics = entries(doc, "topics");
    s.brokers = doc.at("cluster").at("brokers").get<std::int64_t>();
    s.duration_ms = doc.at("duration_ms").get<std::int64_t>();
    if (s.groups > 0)
        for (const Doc& g : doc["groups"]) {
            const auto m = g.find("members");
            s.members += m == g.end() ? 1 : m->is_array() ? m->size() : m->get<std::size_t>();
        }
    if (s.producers > 0)
        for (const Doc& p : doc["producers"]) s.rate_per_s += p.at("rate_per_s").get<double>();
    return s;
}

Doc plain_number(double v) {
    const double whole = std::trunc(v);
    if (whole == v && std::fabs(v) < 9.0e15) return Doc(static_cast<std::int64_t>(whole));
    return Doc(v);
}

}  // namespace kafkasim::shrink
