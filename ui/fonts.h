// Fonts: NanumGothic (fonts-nanum) for Latin and Hangul at two sizes, body and caption, and
// the same two larger for the presenter's arrangement.
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
    ImFont* presenter_body = nullptr;     // nullptr: no presenter sizes loaded
    ImFont* presenter_caption = nullptr;
    float presenter_scale = 1.0f;         // their size over body's and caption's
    std::unique_ptr<ImVector<ImWchar>> ranges;  // the atlas reads them when it is built
};

inline constexpr const char* hangul_font_path = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";

// Adds the fonts to the current context's atlas. `texts` are the strings whose glyphs are
// needed beyond Latin (the captions, the UI's own Korean labels). A `presenter_scale` above 1
// adds the presenter's sizes, that many times larger.
Fonts load_fonts(const std::vector<std::string>& texts, float body_px, float caption_px, float presenter_scale = 1.0f);

// The presenter's scale for a monitor's content scale (1 on most screens, 2 on a HiDPI one):
// text readable from the back of a room on a projector at 1920x1080.
float presenter_scale_for(float content_scale);

}  // namespace kafkasim::ui
