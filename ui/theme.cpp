#include "ui/theme.h"

namespace kafkasim::ui {

namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) { return IM_COL32(r, g, b, 255); }

// Okabe & Ito, "Color Universal Design" (2008).
constexpr ImU32 orange = rgb(230, 159, 0);
constexpr ImU32 sky_blue = rgb(86, 180, 233);
constexpr ImU32 bluish_green = rgb(0, 158, 115);
constexpr ImU32 yellow = rgb(240, 228, 66);
constexpr ImU32 blue = rgb(0, 114, 178);
constexpr ImU32 vermillion = rgb(213, 94, 0);
constexpr ImU32 reddish_purple = rgb(204, 121, 167);

const Palette dark_palette{
    rgb(235, 235, 235), rgb(150, 150, 160), rgb(30, 32, 38), rgb(46, 50, 60), rgb(90, 96, 110),
    bluish_green, vermillion, yellow, reddish_purple, rgb(120, 120, 130),
    sky_blue, rgb(110, 140, 170), orange,
    rgb(70, 110, 150), yellow, sky_blue, rgb(160, 160, 170),
    bluish_green, orange,
    vermillion, orange,
    {orange, sky_blue, bluish_green, yellow, blue, vermillion, reddish_purple, rgb(200, 200, 200)},
};

const Palette light_palette{
    rgb(20, 20, 25), rgb(95, 95, 105), rgb(250, 250, 250), rgb(236, 238, 242), rgb(120, 125, 135),
    bluish_green, vermillion, orange, reddish_purple, rgb(150, 150, 155),
    blue, rgb(90, 120, 160), orange,
    rgb(150, 185, 215), rgb(190, 120, 0), blue, rgb(90, 90, 100),
    bluish_green, vermillion,
    vermillion, orange,
    {orange, sky_blue, bluish_green, rgb(200, 185, 0), blue, vermillion, reddish_purple, rgb(90, 90, 90)},
};

}  // namespace

const Palette& palette(ThemeKind theme) { return theme == ThemeKind::dark ? dark_palette : light_palette; }

void apply_theme(ThemeKind theme) {
    ImGuiStyle& style = ImGui::GetStyle();
    if (theme == ThemeKind::dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowRounding = 4;
    style.FrameRounding = 3;
    style.WindowBorderSize = 1;
    style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(palette(theme).panel);
    style.Colors[ImGuiCol_WindowBg].w = 1.0f;  // opaque: a screenshot reads back what is seen
}

ImU32 state_colour(const Palette& p, scenarios::ServerState s) {
    switch (s) {
        case scenarios::ServerState::up: return p.up;
        case scenarios::ServerState::crashed: return p.crashed;
        case scenarios::ServerState::paused: return p.paused;
        case scenarios::ServerState::fenced: return p.fenced;
        case scenarios::ServerState::unregistered: return p.unregistered;
    }
    return p.muted;
}

ImU32 message_colour(std::string_view kind, bool from_broker) {
    if (kind == "Produce") return orange;
    if (kind == "Fetch") return from_broker ? sky_blue : bluish_green;
    if (kind == "AlterPartition") return vermillion;
    if (kind == "JoinGroup" || kind == "SyncGroup" || kind == "Heartbeat" || kind == "LeaveGroup") return reddish_purple;
    if (kind == "OffsetCommit" || kind == "OffsetFetch") return yellow;
    return rgb(150, 150, 160);
}

ImU32 key_colour(const Palette& p, const std::optional<std::string>& key) {
    if (!key) return p.muted;
    std::uint32_t h = 2166136261u;  // FNV-1a: the same colour for a key in every run
    for (unsigned char c : *key) h = (h ^ c) * 16777619u;
    return p.keys[h % 8];
}

}  // namespace kafkasim::ui
