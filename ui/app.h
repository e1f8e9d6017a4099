// App: the window's state and one frame of it. Which panels are open lives in Show; each
// panel is a struct with its own view state and draw(view, context) (style.md, "The
// visualizer"). The model changes only through execute(Command), which calls the session,
// or opens a new one (the scenario picker's open_scenario) in place of the current.
// A frame needs an ImGui context between NewFrame and Render, and no renderer: tests drive
// it without a display.
#pragma once

#include <memory>
#include <string>

#include "scenarios/runner/run_session.h"
#include "ui/commands.h"
#include "ui/fonts.h"
#include "ui/panels/charts_panel.h"
#include "ui/panels/cluster_panel.h"
#include "ui/panels/control_bar.h"
#include "ui/panels/event_log_panel.h"
#include "ui/panels/groups_panel.h"
#include "ui/panels/narration_panel.h"
#include "ui/panels/partitions_panel.h"
#include "ui/panels/scenario_picker.h"
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
    bool charts = false;     // in the partitions panel's place
    bool help = false;
    bool presenter = false;  // the presenter's arrangement (DrawContext::arrangement)
    bool picker = false;     // the lessons, over everything (always, without a session)
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
    // Without a session: the window opens on the scenario picker.
    App(const Fonts& fonts, std::string lang, ThemeKind theme, Layout layout);
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
    // The session shown (the one given, or the last the picker opened); nullptr before any.
    scenarios::RunSession* session() const { return session_; }
    // How many sessions the picker has opened: the window rebuilds the fonts for each.
    std::uint64_t sessions_opened() const { return sessions_opened_; }
    // Every text the window needs glyphs for beyond Latin: the lessons' and the session's.
    std::vector<std::string> font_texts() const;
    bool picking() const { return show_.picker || session_ == nullptr; }
    ScenarioPicker& picker() { return picker_; }
    const ClusterPanel& cluster_panel() const { return cluster_; }
    const TimelinePanel& timeline_panel() const { return timeline_; }
    EventLogPanel& event_log_panel() { return event_log_; }
    const ChartsPanel& charts_panel() const { return charts_; }

private:
    void open(const Command& command);
    // Executes a command that moves the session; false if it is not one.
    bool move_session(const Command& command);
    // Playback, then the session's panels (the presenter's few, or all).
    void draw_session(const DrawContext& ctx, double wall_seconds, std::vector<Command>& clicked);

    scenarios::RunSession* session_ = nullptr;
    std::unique_ptr<scenarios::RunSession> opened_;  // the picker's choice
    std::uint64_t sessions_opened_ = 0;
    const Fonts& fonts_;
    Fonts presenter_fonts_;  // the presenter's sizes under body and caption's names (no atlas of its own)
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
    ChartsPanel charts_;
    HelpOverlay help_;
    ScenarioPicker picker_;
};

// Every text of the lesson that needs glyphs beyond Latin (for load_fonts).
std::vector<std::string> lesson_texts(const scenarios::ScenarioSpec& spec);

}  // namespace kafkasim::ui
