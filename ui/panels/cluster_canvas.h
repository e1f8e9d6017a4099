// The cluster panel's drawing surface: world coordinates (unzoomed pixels of the default
// layout) mapped to the screen by the panel's pan and zoom, and the few shapes it draws.
// Shared by cluster_panel.cpp (the boxes) and cluster_traffic.cpp (links and messages).
#pragma once

#include <imgui.h>

#include <string>

#include "ui/draw_context.h"

namespace kafkasim::ui {

inline ImVec2 add(ImVec2 a, ImVec2 b) { return {a.x + b.x, a.y + b.y}; }
inline ImVec2 lerp(ImVec2 a, ImVec2 b, float t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }
inline ImU32 with_alpha(ImU32 c, int a) { return (c & 0x00ffffffu) | (static_cast<ImU32>(a) << 24); }

struct Canvas {
    ImDrawList* dl;
    ImVec2 origin;
    ImVec2 pan;
    float zoom;
    const DrawContext& ctx;
    ImVec2 at(ImVec2 p) const { return {origin.x + pan.x + p.x * zoom, origin.y + pan.y + p.y * zoom}; }
    void text(ImVec2 p, ImU32 col, const std::string& s, float size = 1.0f) const {
        // zoom already holds the presenter's text scale: the body font's size before it.
        dl->AddText(ctx.fonts.body, ctx.fonts.body->FontSize / ctx.text_scale * size * zoom, at(p), col, s.c_str());
    }
    void rect(ImVec2 a, ImVec2 b, ImU32 col, float thickness = 1.5f, float rounding = 4) const {
        dl->AddRect(at(a), at(b), col, rounding * zoom, 0, thickness * zoom);
    }
    void fill(ImVec2 a, ImVec2 b, ImU32 col, float rounding = 0) const { dl->AddRectFilled(at(a), at(b), col, rounding * zoom); }
};

}  // namespace kafkasim::ui
