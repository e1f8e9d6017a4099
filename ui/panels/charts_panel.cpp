#include "ui/panels/charts_panel.h"

#include <algorithm>

#include "ui/chart.h"
#include "ui/panels/timeline_panel.h"

namespace kafkasim::ui {

void ChartsPanel::draw(const scenarios::RunSession& session, const DrawContext& ctx) {
    hovered_chart.reset();
    hovered_bucket.reset();
    charts_drawn = 0;
    if (!begin_panel("Charts", PanelId::charts, ctx)) {
        ImGui::End();
        return;
    }
    const scenarios::RunSeries& series = session.series();
    std::vector<engine::Instant> marks;
    for (const scenarios::Moment& m : session.moments())
        if (marker_lane(marker_kind(m)) == 0) marks.push_back(m.time);
    const std::size_t n = series.charts().size();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const std::size_t cols = avail.x >= 640 * ctx.text_scale ? 2 : 1;
    const std::size_t rows = (n + cols - 1) / cols;
    const float w = (avail.x - spacing * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float h = std::max(110.0f * ctx.text_scale, (avail.y - spacing * static_cast<float>(rows - 1)) / static_cast<float>(rows));
    for (std::size_t i = 0; i < n; ++i) {
        if (i % cols != 0) ImGui::SameLine();
        const ChartInput in{series.charts()[i], series.ends(), session.end(), ctx.clock, marks};
        if (const auto bucket = line_chart(in, {w, h}, ctx)) {
            hovered_chart = i;
            hovered_bucket = bucket;
        }
        ++charts_drawn;
    }
    if (series.ends().empty())
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.muted), "The charts fill in as the run goes forward.");
    ImGui::End();
}

}  // namespace kafkasim::ui
