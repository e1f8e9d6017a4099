// The control bar: the simulated time, the current event, and the controls (rewind to the
// start, step back, play / pause, step, next interesting, speed, jump to a time, theme,
// language, help, the charts, presenter mode, the lessons). It returns the commands clicked; App executes them.
#pragma once

#include <vector>

#include "ui/commands.h"
#include "ui/draw_context.h"
#include "ui/playback.h"

namespace kafkasim::ui {

struct ControlBar {
    int jump_ms = 0;  // the jump field's value

    std::vector<Command> draw(const scenarios::ClusterView& view, const DrawContext& ctx, const Playback& playback,
                              const std::string& scenario);
};

// The help overlay: every key and what it does.
struct HelpOverlay {
    void draw(const DrawContext& ctx);
};

}  // namespace kafkasim::ui
