// The controller's refusals of a scenario's own topics, read from the trace as the run goes
// (controller.create_topic_failed): a run without one of its topics is not what its file says,
// so each refusal becomes an error of the run (RunResult::errors).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "engine/trace.h"
#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

class RefusedTopics : public engine::TraceSink {
public:
    RefusedTopics(const ScenarioSpec& spec, std::vector<std::string>& out);
    void write(const engine::TraceRecordView& record) override;

private:
    std::set<std::string> topics_;
    std::vector<std::string>& out_;
};

}  // namespace kafkasim::scenarios
