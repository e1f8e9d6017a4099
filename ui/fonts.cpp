#include "ui/fonts.h"

#include <algorithm>
#include <fstream>

namespace kafkasim::ui {

float presenter_scale_for(float content_scale) { return 1.6f * std::clamp(content_scale, 1.0f, 4.0f); }

Fonts load_fonts(const std::vector<std::string>& texts, float body_px, float caption_px, float presenter_scale) {
    Fonts fonts;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const bool presenter = presenter_scale > 1.0f;
    if (presenter) fonts.presenter_scale = presenter_scale;
    if (!std::ifstream(hangul_font_path)) {
        ImFontConfig config;
        config.SizePixels = body_px;
        fonts.body = io.Fonts->AddFontDefault(&config);
        config.SizePixels = caption_px;
        fonts.caption = io.Fonts->AddFontDefault(&config);
        if (presenter) {
            config.SizePixels = body_px * presenter_scale;
            fonts.presenter_body = io.Fonts->AddFontDefault(&config);
            config.SizePixels = caption_px * presenter_scale;
            fonts.presenter_caption = io.Fonts->AddFontDefault(&config);
        }
        return fonts;
    }
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    static const ImWchar extra[] = {0x2190, 0x21FF, 0x2500, 0x25FF, 0x2022, 0x2026, 0};  // arrows, shapes, bullets
    builder.AddRanges(extra);
    for (const std::string& t : texts) builder.AddText(t.c_str());
    fonts.ranges = std::make_unique<ImVector<ImWchar>>();
    builder.BuildRanges(fonts.ranges.get());
    fonts.body = io.Fonts->AddFontFromFileTTF(hangul_font_path, body_px, nullptr, fonts.ranges->Data);
    fonts.caption = io.Fonts->AddFontFromFileTTF(hangul_font_path, caption_px, nullptr, fonts.ranges->Data);
    if (presenter) {
        fonts.presenter_body = io.Fonts->AddFontFromFileTTF(hangul_font_path, body_px * presenter_scale, nullptr, fonts.ranges->Data);
        fonts.presenter_caption =
            io.Fonts->AddFontFromFileTTF(hangul_font_path, caption_px * presenter_scale, nullptr, fonts.ranges->Data);
    }
    fonts.hangul = fonts.body != nullptr && fonts.caption != nullptr;
    if (!fonts.hangul) {
        io.Fonts->Clear();
        fonts.body = fonts.caption = io.Fonts->AddFontDefault();
        fonts.presenter_body = fonts.presenter_caption = nullptr;
        fonts.presenter_scale = 1.0f;
    }
    return fonts;
}

}  // namespace kafkasim::ui
