// RunSeries: what the visualizer's charts plot against simulated time (issue 31), recorded by
// a RunSession as its run first goes forward, in fixed buckets of simulated time:
//   - acked records per second (all producers), from the history's acks;
//   - produce latency (send to acknowledgement) per bucket, mean and max, in ms;
//   - processed records per second per group, from the history;
//   - lag per group (the sum over its partitions of high watermark minus committed offset),
//     as kafka-consumer-groups would show it at the bucket's end;
//   - ISR size per partition of the file's topics, from the trace's controller records.
// Every value is an integer; a bucket is recorded once, on the first execution that reaches
// its end, and a re-execution after a rewind records nothing (it would find the same).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/trace.h"
#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

class ScenarioRun;

struct SeriesLine {
    std::string name;                  // "order-processor", "orders-0", "mean"
    std::vector<std::int64_t> values;  // one per bucket; -1: none yet (the partition did not exist)
};

struct SeriesChart {
    std::string title;  // "acked records/s"
    std::string unit;   // "records/s", "ms", "records", "replicas"
    std::vector<SeriesLine> lines;
};

// The ISR size of each partition as the controller's records say (controller.partition and
// controller.isr); one per execution: the session feeds it the model's trace.
class IsrSizes : public engine::TraceSink {
public:
    void write(const engine::TraceRecordView& record) override;
    const std::map<std::string, std::int64_t>& sizes() const { return sizes_; }

private:
    std::map<std::string, std::int64_t> sizes_;  // "orders-0" -> replicas in its ISR
};

class RunSeries {
public:
    RunSeries(const ScenarioSpec& spec, engine::Duration bucket);

    // Closes every bucket that ends at or before the model's clock (all of them, with
    // `finished`): called by the session after each step that went past its frontier.
    void advance(const ScenarioRun& model, const IsrSizes& isr, bool finished);

    engine::Duration bucket() const { return bucket_; }
    // The end of each recorded bucket, in order.
    const std::vector<engine::Instant>& ends() const { return ends_; }
    // Acked records/s, produce latency, processed records/s, lag, ISR size: in that order.
    const std::vector<SeriesChart>& charts() const { return charts_; }
    std::size_t bytes() const;

private:
    void close_bucket(const ScenarioRun& model, const IsrSizes& isr, engine::Instant end);
    SeriesLine& line(SeriesChart& chart, const std::string& name);

    const ScenarioSpec& spec_;
    engine::Duration bucket_;
    std::vector<engine::Instant> ends_;
    std::vector<SeriesChart> charts_;
    std::size_t acks_read_ = 0;       // history entries already counted
    std::size_t sends_read_ = 0;
    std::size_t processed_read_ = 0;
    std::map<std::pair<std::string, std::string>, engine::Instant> sent_at_;  // (producer, value), until acked
};

}  // namespace kafkasim::scenarios
