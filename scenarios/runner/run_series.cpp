#include "scenarios/runner/run_series.h"

#include <algorithm>

#include "engine/assert.h"
#include "scenarios/runner/group_report.h"
#include "scenarios/runner/scenario_run.h"
#include "sim/check/history.h"

namespace kafkasim::scenarios {

namespace {

enum Chart : std::size_t { acked, latency, processed, lag, isr_chart, chart_count };

std::string record_string(const engine::TraceRecordView& r, std::string_view key) {
    for (const engine::TraceField& f : r.fields)
        if (f.key == key && f.value.type() == engine::TraceValue::Type::string) return std::string(f.value.as_string());
    return {};
}

std::int64_t record_int(const engine::TraceRecordView& r, std::string_view key) {
    for (const engine::TraceField& f : r.fields)
        if (f.key == key && f.value.type() == engine::TraceValue::Type::integer) return f.value.as_int();
    return -1;
}

}  // namespace

void IsrSizes::write(const engine::TraceRecordView& r) {
    if (r.kind != "controller.isr" && r.kind != "controller.partition") return;
    const std::string isr = record_string(r, "isr");
    const std::int64_t replicas = isr.empty() ? 0 : 1 + std::count(isr.begin(), isr.end(), ',');
    sizes_[record_string(r, "topic") + "-" + std::to_string(record_int(r, "partition"))] = replicas;
}

RunSeries::RunSeries(const ScenarioSpec& spec, engine::Duration bucket) : spec_(spec), bucket_(bucket) {
    SIM_ASSERT(bucket > engine::Duration::zero(), "a series bucket lasts some time");
    charts_.resize(chart_count);
    charts_[acked] = {"acked records/s", "records/s", {{"all producers", {}}}};
    charts_[latency] = {"produce latency", "ms", {{"mean", {}}, {"max", {}}}};
    charts_[processed] = {"processed records/s", "records/s", {}};
    charts_[lag] = {"lag per group", "records", {}};
    charts_[isr_chart] = {"ISR size per partition", "replicas", {}};
    for (const GroupSpec& g : spec.groups) {
        charts_[processed].lines.push_back({g.group, {}});
        charts_[lag].lines.push_back({g.group, {}});
    }
}

SeriesLine& RunSeries::line(SeriesChart& chart, const std::string& name) {
    for (SeriesLine& l : chart.lines)
        if (l.name == name) return l;
    chart.lines.push_back({name, std::vector<std::int64_t>(ends_.size(), -1)});
    return chart.lines.back();
}

void RunSeries::advance(const ScenarioRun& model, const IsrSizes& isr, bool finished) {
    const engine::Instant now = model.now();
    engine::Instant next = engine::Instant{} + bucket_ * static_cast<std::int64_t>(ends_.size() + 1);
    while (next <= now) {
        close_bucket(model, isr, next);
        next = next + bucket_;
    }
    // The last, shorter bucket ends with the run.
    if (finished && (ends_.empty() || ends_.back() < now)) close_bucket(model, isr, now);
}

void RunSeries::close_bucket(const ScenarioRun& model, const IsrSizes& isr, engine::Instant end) {
    const check::History& history = model.history();
    const engine::Duration span = end - (ends_.empty() ? engine::Instant{} : ends_.back());
    const auto per_second = [&](std::int64_t n) { return n * 1000000 / std::max<std::int64_t>(span.count_us(), 1); };

    for (; sends_read_ < history.sends().size() && history.sends()[sends_read_].at < end; ++sends_read_) {
        const check::SendEvent& s = history.sends()[sends_read_];
        sent_at_.emplace(std::pair(s.producer, s.value), s.at);
    }
    std::int64_t acks = 0, latency_sum = 0, latency_max = -1;
    for (; acks_read_ < history.acks().size() && history.acks()[acks_read_].at < end; ++acks_read_) {
        const check::AckEvent& a = history.acks()[acks_read_];
        const auto sent = sent_at_.find(std::pair(a.producer, a.value));
        if (a.error != Errc::none) continue;
        ++acks;
        if (sent == sent_at_.end()) continue;
        const std::int64_t us = (a.at - sent->second).count_us();
        latency_sum += us;
        latency_max = std::max(latency_max, us);
        sent_at_.erase(sent);
    }
    charts_[acked].lines[0].values.push_back(per_second(acks));
    charts_[latency].lines[0].values.push_back(acks > 0 ? latency_sum / acks / 1000 : -1);
    charts_[latency].lines[1].values.push_back(latency_max < 0 ? -1 : latency_max / 1000);

    std::vector<std::int64_t> processed_by_group(spec_.groups.size(), 0);
    for (; processed_read_ < history.processed().size() && history.processed()[processed_read_].at < end; ++processed_read_) {
        const check::ProcessEvent& p = history.processed()[processed_read_];
        for (std::size_t g = 0; g < spec_.groups.size(); ++g)
            if (spec_.groups[g].group == p.consumer.group) ++processed_by_group[g];
    }
    ScenarioRun& run = const_cast<ScenarioRun&>(model);  // cluster() reads; it has no const overload
    const std::vector<GroupReport> groups =
        describe_groups(run.cluster(), spec_.groups, spec_.cluster.broker.offsets_topic_num_partitions);
    for (std::size_t g = 0; g < spec_.groups.size(); ++g) {
        charts_[processed].lines[g].values.push_back(per_second(processed_by_group[g]));
        std::int64_t total = 0;
        bool known = false;
        for (const GroupOffsetState& o : groups[g].offsets)
            if (o.lag >= 0) total += o.lag, known = true;
        charts_[lag].lines[g].values.push_back(known ? total : -1);
    }
    // The file's topics only (not __consumer_offsets), partitions added later included.
    for (const auto& [name, size] : isr.sizes())
        for (const TopicSpec& t : spec_.topics)
            if (name.size() > t.name.size() && name.starts_with(t.name) && name[t.name.size()] == '-' &&
                name.find('-', t.name.size() + 1) == std::string::npos)
                line(charts_[isr_chart], name).values.push_back(size);
    ends_.push_back(end);
    // A line that got no value this bucket (a partition not yet created) waits at -1.
    for (SeriesChart& c : charts_)
        for (SeriesLine& l : c.lines)
            if (l.values.size() < ends_.size()) l.values.push_back(-1);
}

std::size_t RunSeries::bytes() const {
    std::size_t n = ends_.capacity() * sizeof(engine::Instant);
    for (const SeriesChart& c : charts_)
        for (const SeriesLine& l : c.lines) n += l.values.capacity() * sizeof(std::int64_t) + l.name.capacity();
    return n + sent_at_.size() * 96;
}

}  // namespace kafkasim::scenarios
