// Fonts: NanumGothic (fonts-nanum) for Latin and Hangul at two sizes, body and caption.
// ImGui 1.86 would bake the whole Korean range into the atlas; only the glyphs the lesson's
// texts use are added, so large presenter sizes still fit. Without the font file the window
// uses ImGui's own font and shows captions in English with a one-line notice.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

namespace kafkasim::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* caption = nullptr;
    bool hangul = false;  // false: no Hangul font found
    std::unique_ptr<ImVector<ImWchar>> ranges;  // the atlas reads them when it is built
};

inline constexpr const char* hangul_font_path = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";

// Adds the fonts to the current context's atlas. `texts` are the strings whose glyphs are
// needed beyond Latin (the captions, the UI's own Korean labels).
Fonts load_fonts(const std::vector<std::string>& texts, float body_px, float caption_px);

}  // namespace kafkasim::ui
