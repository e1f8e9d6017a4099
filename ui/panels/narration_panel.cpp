#include "ui/panels/narration_panel.h"

namespace kafkasim::ui {

void NarrationPanel::draw(const scenarios::ClusterView& view, const DrawContext& ctx) {
    if (!begin_panel("Narration", PanelId::narration, ctx)) {
        ImGui::End();
        return;
    }
    const bool korean = ctx.lang == "ko" && ctx.fonts.hangul;
    const auto text = [&](const scenarios::CaptionView& c) { return korean ? c.ko : c.en; };
    const std::size_t n = view.captions.size();
    // The presenter's panel holds the current caption alone: larger text, fewer lines.
    if (n >= 2 && ctx.arrangement == Arrangement::full) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette.muted));
        ImGui::TextWrapped("[%s] %s", clock_text(view.captions[n - 2].at).c_str(), text(view.captions[n - 2]).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushFont(ctx.fonts.caption);
    if (n >= 1) ImGui::TextWrapped("%s", text(view.captions[n - 1]).c_str());
    else ImGui::TextWrapped("%s", korean ? "재생하려면 스페이스, 도움말은 ?" : "Press space to play, ? for help");
    ImGui::PopFont();
    if (ctx.lang == "ko" && !ctx.fonts.hangul)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.paused),
                           "No Hangul font found (install fonts-nanum): captions in English");
    ImGui::End();
}

}  // namespace kafkasim::ui
