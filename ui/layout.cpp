// The default arrangement: the control bar across the top, the cluster on the left, the
// groups on the right, the partitions under them, the caption across the bottom.
#include <algorithm>
#include <cstdio>

#include "ui/draw_context.h"

namespace kafkasim::ui {

PanelRect layout(PanelId panel, ImVec2 d) {
    const float bar = 64;
    const float caption = std::max(120.0f, d.y * 0.16f);
    const float body = d.y - bar - caption;
    const float left = d.x * 0.58f;
    const float top = body * 0.56f;
    switch (panel) {
        case PanelId::controls: return {{0, 0}, {d.x, bar}};
        case PanelId::cluster: return {{0, bar}, {left, top}};
        case PanelId::partitions: return {{0, bar + top}, {left, body - top}};
        case PanelId::groups: return {{left, bar}, {d.x - left, body}};
        case PanelId::narration: return {{0, bar + body}, {d.x, caption}};
    }
    return {{0, 0}, d};
}

bool begin_panel(const char* title, PanelId panel, const DrawContext& ctx, ImGuiWindowFlags flags) {
    const PanelRect r = layout(panel, ImGui::GetIO().DisplaySize);
    const ImGuiCond cond = ctx.fixed_layout ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
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
