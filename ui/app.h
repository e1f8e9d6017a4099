// App: the window's state and one frame of it. Which panels are open lives in Show; each
// panel is a struct with its own view state and draw(view, context) (style.md, "The
// visualizer"). The model changes only through execute(Command), which calls the session.
// A frame needs an ImGui context between NewFrame and Render, and no renderer: tests drive
// it without a display.
#pragma once

#include <string>

#include "scenarios/runner/run_session.h"
#include "ui/commands.h"
#include "ui/fonts.h"
#include "ui/panels/cluster_panel.h"
#include "ui/panels/control_bar.h"
#include "ui/panels/event_log_panel.h"
#include "ui/panels/groups_panel.h"
#include "ui/panels/narration_panel.h"
#include "ui/panels/partitions_panel.h"
#include "ui/panels/timeline_panel.h"
#include "ui/playback.h"
#include "ui/theme.h"

namespace kafkasim::ui {

struct Show {
    bool cluster = true;
    bool partitions = true;
    bool groups = true;
    bool narration = true;
    bool timeline = true;
    bool event_log = true;
    bool help = false;
    bool presenter = false;  // the presenter's arrangement (DrawContext::arrangement)
};

enum class Layout : std::uint8_t { viewer, fixed };  // fixed: screenshots and tests

// Where a viewer's layout is kept between runs: $XDG_CONFIG_HOME/kafkasim/imgui.ini, else
// $HOME/.config/kafkasim/imgui.ini, else imgui.ini in the working directory.
std::string viewer_ini_path();

class App {
public:
    // Sets the current context's ini file: the viewer's (viewer_ini_path()), or none with a
    // fixed layout, so that tests and screenshots neither read nor write one.
    App(scenarios::RunSession& session, const Fonts& fonts, std::string lang, ThemeKind theme, Layout layout);
    // Saves a viewer's layout and takes its ini file back from the context, which would
    // otherwise read the freed path when it is destroyed after the App.
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // One frame: keys, playback paced by `wall_seconds` since the last frame, the panels.
    void frame(double wall_seconds);
    void execute(const Command& command);

    const Playback& playback() const { return playback_; }
    const Show& show() const { return show_; }
    const std::string& lang() const { return lang_; }
    ThemeKind theme() const { return theme_; }
    const ClusterPanel& cluster_panel() const { return cluster_; }
    const TimelinePanel& timeline_panel() const { return timeline_; }
    EventLogPanel& event_log_panel() { return event_log_; }

private:
    scenarios::RunSession& session_;
    const Fonts& fonts_;
    std::string lang_;
    ThemeKind theme_;
    Layout layout_;
    std::string ini_path_;  // ImGui keeps a pointer to it
    bool relayout_ = false;  // the arrangement changed: place every panel once
    Playback playback_;
    Show show_;
    ControlBar controls_;
    ClusterPanel cluster_;
    PartitionsPanel partitions_;
    GroupsPanel groups_;
    NarrationPanel narration_;
    TimelinePanel timeline_;
    EventLogPanel event_log_;
    HelpOverlay help_;
};

// Every text of the lesson that needs glyphs beyond Latin (for load_fonts).
std::vector<std::string> lesson_texts(const scenarios::ScenarioSpec& spec);

}  // namespace kafkasim::ui
