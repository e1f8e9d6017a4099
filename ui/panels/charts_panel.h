// The charts: the session's series against simulated time (RunSession::series(): acked
// records/s, produce latency, processed records/s and lag per group, ISR size per partition),
// in a grid, each with the timeline's faults and crashes marked and the current time as a
// cursor; hover for the values. Shown in the partitions panel's place (c or Charts toggles).
#pragma once

#include <optional>

#include "scenarios/runner/run_session.h"
#include "ui/draw_context.h"

namespace kafkasim::ui {

struct ChartsPanel {
    // The chart and bucket under the pointer, by the last frame.
    std::optional<std::size_t> hovered_chart;
    std::optional<std::size_t> hovered_bucket;
    std::size_t charts_drawn = 0;  // by the last frame

    void draw(const scenarios::RunSession& session, const DrawContext& ctx);
};

}  // namespace kafkasim::ui
