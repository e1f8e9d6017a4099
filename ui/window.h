// The window: GLFW with an OpenGL 3.3 core context, Dear ImGui's GLFW and OpenGL 3 backends
// (compiled into Debian's libimgui.a), and the frame loop, which is the only place that reads
// the wall clock (to pace playback). With a screenshot path it renders the view at the
// session's current event and saves it as a PNG instead of opening an interactive window.
#pragma once

#include <optional>
#include <string>

#include "scenarios/runner/run_session.h"
#include "ui/playback.h"
#include "ui/theme.h"

namespace kafkasim::ui {

struct WindowOptions {
    int width = 1600;
    int height = 900;
    std::string lang = "en";
    ThemeKind theme = ThemeKind::dark;
    std::optional<std::string> screenshot;  // save a PNG of the first frames and return
    // Play this many frames as fast as they render (no vsync), print the frame rate to stderr
    // and return: the frames-per-second bench (bench/ui_fps).
    std::optional<int> frames;
    int speed = default_speed;  // index into speeds (playback.h)
    bool present = false;       // open in the presenter's arrangement (p toggles it)
    bool charts = false;        // open with the charts in the partitions panel's place (c toggles it)
};

// Exit codes as the CLI's: 0 done, 2 no display (the message says to use xvfb-run) or an
// unwritable screenshot path. Without a session the window opens on the scenario picker.
int run_window(scenarios::RunSession* session, const WindowOptions& options);

}  // namespace kafkasim::ui
