#include "ui/panels/control_bar.h"

#include <cstdio>

namespace kafkasim::ui {

std::vector<Command> ControlBar::draw(const scenarios::ClusterView& view, const DrawContext& ctx, const Playback& playback,
                                      const std::string& scenario) {
    std::vector<Command> out;
    if (!begin_panel("Controls", PanelId::controls, ctx,
                     ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoResize)) {
        ImGui::End();
        return out;
    }
    const auto button = [&](const char* label, CommandKind kind) {
        if (ImGui::Button(label)) out.push_back({kind});
        ImGui::SameLine();
    };
    button("|<", CommandKind::rewind_to_start);
    button("<", CommandKind::step_back);
    button(playback.playing ? "Pause" : "Play ", CommandKind::toggle_play);
    button(">", CommandKind::step);
    button("Next >>", CommandKind::next_interesting);
    button("-", CommandKind::slower);
    ImGui::Text("%gx", speeds[static_cast<std::size_t>(playback.speed)]);
    ImGui::SameLine();
    button("+", CommandKind::faster);
    ImGui::PushFont(ctx.fonts.caption);
    ImGui::Text(" %s", clock_text(engine::Instant::from_us(static_cast<std::int64_t>(playback.clock_ms * 1000))).c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.muted), "/ %s   event %llu%s", clock_text(view.end).c_str(),
                       static_cast<unsigned long long>(view.event), view.finished ? " (end)" : "");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    ImGui::InputInt("ms", &jump_ms, 1000, 10000);
    ImGui::SameLine();
    if (ImGui::Button("Go")) out.push_back({CommandKind::jump_to_time, jump_ms});
    ImGui::SameLine();
    button(ctx.lang == "ko" ? "EN" : "KO", CommandKind::toggle_lang);
    button("Theme", CommandKind::toggle_theme);
    button("?", CommandKind::toggle_help);
    button("Charts", CommandKind::toggle_charts);
    button("Present", CommandKind::toggle_presenter);
    button("Lessons", CommandKind::open_picker);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.muted), "%s", scenario.c_str());
    ImGui::End();
    return out;
}

void HelpOverlay::draw(const DrawContext& ctx) {
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({d.x / 2, d.y / 2}, ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::SetNextWindowBgAlpha(0.97f);
    ImGui::Begin("Keys", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
    ImGui::PushFont(ctx.fonts.caption);
    static const char* const rows[][2] = {
        {"space", "play / pause"},          {"Right", "step one event"},
        {"Left, b", "step one event back"}, {"n", "next interesting moment"},
        {"Home", "rewind to the start"},    {"Up / Down", "faster / slower"},
        {"l", "captions: English / Korean"}, {"t", "light / dark theme"},
        {"+ / -", "zoom the cluster (or the wheel)"}, {"0", "reset its zoom and pan (drag to pan)"},
        {"c", "the charts in place of the partitions"},
        {"p", "presenter mode: cluster, timeline, captions, large"},
        {"o", "the lessons (again: back)"},
        {"?, F1", "this help"},
    };
    if (ImGui::BeginTable("keys", 2)) {
        for (const auto& r : rows) {
            ImGui::TableNextColumn();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.leader), "%s", r[0]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r[1]);
        }
        ImGui::EndTable();
    }
    ImGui::PopFont();
    ImGui::End();
}

}  // namespace kafkasim::ui
