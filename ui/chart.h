// Our own small chart module (no ImPlot in Debian 12): a line chart of a run's integer series
// against simulated time, drawn on the window's draw list, with a time axis like the
// timeline's, a value axis from 0 to a round maximum, faint marks at chosen instants (the
// timeline's faults), the current time as a cursor, and the values under the pointer in a
// tooltip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/runner/run_series.h"
#include "ui/draw_context.h"

namespace kafkasim::ui {

// The smallest round step (100 ms … 30 min) that leaves `min_px` between ticks over `span_ms`
// drawn `width` pixels wide.
std::int64_t tick_step(std::int64_t span_ms, float width, float min_px);
// "10 s", "1:30", "2.5 s": a time axis label.
std::string tick_label(std::int64_t ms);
// The smallest of 1, 2 and 5 times a power of ten at or above `v` (at least 1).
std::int64_t round_up(std::int64_t v);
// The value axis's top: a round number above every value, or above the 98th percentile when a
// few peaks stand more than three times higher (a start-up burst would flatten the rest). The
// peaks are then cut at the top, the axis label says "+", and the tooltip gives them whole.
std::int64_t value_axis_top(const scenarios::SeriesChart& chart);

struct ChartInput {
    const scenarios::SeriesChart& chart;
    const std::vector<engine::Instant>& ends;  // each bucket's end
    engine::Instant axis_end;                  // the run's last instant: the axis's right end
    engine::Instant cursor;                    // the current time
    std::vector<engine::Instant> marks;        // drawn faintly across the plot
};

// Draws the chart at the cursor, `size` pixels, and returns the bucket under the pointer.
std::optional<std::size_t> line_chart(const ChartInput& in, ImVec2 size, const DrawContext& ctx);

}  // namespace kafkasim::ui
