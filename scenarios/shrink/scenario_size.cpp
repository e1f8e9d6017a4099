#include "scenarios/shrink/scenario_size.h"

#include <algorithm>
#include <cmath>

namespace kafkasim::shrink {

namespace {

std::size_t entries(const Doc& doc, const char* key) {
    const auto it = doc.find(key);
    return it != doc.end() && it->is_array() ? it->size() : 0;
}

void measure_faults(const Doc& faults, ScenarioSize& s) {
    for (const Doc& f : faults) {
        if (const auto p = f.find("power_loss"); p != f.end()) s.fault_nodes += p->is_array() ? p->size() : 1;
        if (const auto p = f.find("partition"); p != f.end())
            for (const Doc& group : *p) s.fault_nodes += group.size();
        if (f.contains("pause")) s.pause_ms += f.at("for_ms").get<std::int64_t>();
        if (f.contains("clog")) s.clog_ms += f.at("clog").at("extra_ms").get<std::int64_t>();
        if (f.contains("slow_disk")) s.disk_factor = std::max(s.disk_factor, f.at("factor").get<std::int64_t>());
    }
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
    if (s.faults > 0) measure_faults(doc["faults"], s);
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
