// What every panel's draw() needs besides the view: the colours, the fonts, the caption
// language, and whether the layout is fixed (screenshots and tests: no ini file, every
// window placed by layout.h on every frame) or the viewer's own (kept in imgui.ini).
#pragma once

#include <imgui.h>

#include <string>

#include "ui/fonts.h"
#include "ui/theme.h"

namespace kafkasim::ui {

struct DrawContext {
    const Palette& palette;
    const Fonts& fonts;
    const std::string& lang;  // en | ko
    bool fixed_layout = false;
    engine::Instant clock;  // the playback clock: at or after the view's event
};

// A panel's place in a display of `display` pixels.
struct PanelRect {
    ImVec2 pos;
    ImVec2 size;
};

enum class PanelId : std::uint8_t { controls, cluster, partitions, groups, narration };
PanelRect layout(PanelId panel, ImVec2 display);

// ImGui::Begin at the layout's place (always, with a fixed layout; else on first use).
bool begin_panel(const char* title, PanelId panel, const DrawContext& ctx, ImGuiWindowFlags flags = 0);

// "01:23.456" for a simulated time.
std::string clock_text(engine::Instant t);

}  // namespace kafkasim::ui
