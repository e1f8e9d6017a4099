// What every panel's draw() needs besides the view: the colours, the fonts, the caption
// language, whether the layout is fixed (screenshots and tests: no ini file, every window
// placed by layout.h on every frame) or the viewer's own (kept in imgui.ini), and the
// arrangement: every panel, or the presenter's few with large text.
#pragma once

#include <imgui.h>

#include <string>

#include "ui/fonts.h"
#include "ui/theme.h"

namespace kafkasim::ui {

// Every panel, or the presenter's: the cluster, the timeline and the narration, large.
enum class Arrangement : std::uint8_t { full, presenter };

struct DrawContext {
    const Palette& palette;
    const Fonts& fonts;
    const std::string& lang;  // en | ko
    bool fixed_layout = false;
    engine::Instant clock;  // the playback clock: at or after the view's event
    Arrangement arrangement = Arrangement::full;
    bool relayout = false;  // the arrangement changed: every panel goes to its place once
    float text_scale = 1.0f;  // the fonts' size over the full arrangement's (the presenter's is larger)
};

// A panel's place in a display of `display` pixels.
struct PanelRect {
    ImVec2 pos;
    ImVec2 size;
};

enum class PanelId : std::uint8_t { controls, cluster, partitions, groups, narration, timeline, event_log, charts };
// `text_scale`: the current font's size over the body font's (the timeline's height follows it).
PanelRect layout(PanelId panel, ImVec2 display, Arrangement arrangement = Arrangement::full, float text_scale = 1.0f);

// ImGui::Begin at the layout's place (always, with a fixed layout; else on first use).
bool begin_panel(const char* title, PanelId panel, const DrawContext& ctx, ImGuiWindowFlags flags = 0);

// "01:23.456" for a simulated time.
std::string clock_text(engine::Instant t);

}  // namespace kafkasim::ui
