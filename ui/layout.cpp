// The default arrangement: the control bar across the top, the cluster on the left, the
// partitions under it, the groups and the event log on the right, the timeline and then the
// caption across the bottom. The presenter's: the cluster, the timeline and the caption, each
// across the whole width.
#include <algorithm>
#include <cstdio>

#include "ui/draw_context.h"

namespace kafkasim::ui {

namespace {

PanelRect presenter_layout(PanelId panel, ImVec2 d, float text_scale) {
    const float caption = std::max(170.0f, d.y * 0.2f);
    const float timeline = 92 * text_scale;
    const float body = d.y - caption - timeline;
    switch (panel) {
        case PanelId::cluster: return {{0, 0}, {d.x, body}};
        case PanelId::timeline: return {{0, body}, {d.x, timeline}};
        case PanelId::narration: return {{0, body + timeline}, {d.x, caption}};
        default: return {{0, 0}, {0, 0}};  // not shown
    }
}

}  // namespace

PanelRect layout(PanelId panel, ImVec2 d, Arrangement arrangement, float text_scale) {
    if (arrangement == Arrangement::presenter) return presenter_layout(panel, d, text_scale);
    const float bar = 64;
    const float caption = std::max(120.0f, d.y * 0.16f);
    const float timeline = 108 * text_scale;
    const float body = d.y - bar - caption - timeline;
    const float left = d.x * 0.58f;
    const float top = body * 0.56f;
    const float groups = body * 0.5f;
    switch (panel) {
        case PanelId::controls: return {{0, 0}, {d.x, bar}};
        case PanelId::cluster: return {{0, bar}, {left, top}};
        case PanelId::partitions:
        case PanelId::charts: return {{0, bar + top}, {left, body - top}};  // one or the other
        case PanelId::groups: return {{left, bar}, {d.x - left, groups}};
        case PanelId::event_log: return {{left, bar + groups}, {d.x - left, body - groups}};
        case PanelId::timeline: return {{0, bar + body}, {d.x, timeline}};
        case PanelId::narration: return {{0, bar + body + timeline}, {d.x, caption}};
    }
    return {{0, 0}, d};
}

bool begin_panel(const char* title, PanelId panel, const DrawContext& ctx, ImGuiWindowFlags flags) {
    const PanelRect r = layout(panel, ImGui::GetIO().DisplaySize, ctx.arrangement, ctx.text_scale);
    // The presenter's arrangement is always its own; leaving it puts every panel back in its
    // default place (ImGui keeps only where a window is, not where it was).
    const bool placed = ctx.fixed_layout || ctx.relayout || ctx.arrangement == Arrangement::presenter;
    const ImGuiCond cond = placed ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(r.pos, cond);
    ImGui::SetNextWindowSize(r.size, cond);
    return ImGui::Begin(title, nullptr, flags | ImGuiWindowFlags_NoCollapse);
}

std::string clock_text(engine::Instant t) {
    const long long ms = t.us() / 1000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld.%03lld", ms / 60000, (ms / 1000) % 60, ms % 1000);
    return buf;
}

}  // namespace kafkasim::ui
