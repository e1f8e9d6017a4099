// The narration panel: the current caption large, in Korean or English (switched live), the
// one before it small (not in the presenter's arrangement). Without a Hangul font, Korean falls back to English with a notice.
#pragma once

#include "ui/draw_context.h"

namespace kafkasim::ui {

struct NarrationPanel {
    void draw(const scenarios::ClusterView& view, const DrawContext& ctx);
};

}  // namespace kafkasim::ui
