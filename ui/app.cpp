#include "ui/app.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace kafkasim::ui {

App::App(scenarios::RunSession& session, const Fonts& fonts, std::string lang, ThemeKind theme, Layout layout)
    : session_(session), fonts_(fonts), lang_(std::move(lang)), theme_(theme), layout_(layout) {
    apply_theme(theme_);
    playback_.sync(session_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    if (layout_ == Layout::viewer) {
        ini_path_ = viewer_ini_path();
        io.IniFilename = ini_path_.c_str();
    }
}

App::~App() {
    if (ImGui::GetCurrentContext() == nullptr || ini_path_.empty()) return;
    ImGuiIO& io = ImGui::GetIO();
    if (io.IniFilename != ini_path_.c_str()) return;
    ImGui::SaveIniSettingsToDisk(ini_path_.c_str());
    io.IniFilename = nullptr;
}

std::string viewer_ini_path() {
    namespace fs = std::filesystem;
    fs::path dir;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/') dir = fs::path(xdg) / "kafkasim";
    else if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') dir = fs::path(home) / ".config" / "kafkasim";
    std::error_code error;
    if (dir.empty() || (!fs::create_directories(dir, error) && !fs::is_directory(dir, error))) return "imgui.ini";
    return (dir / "imgui.ini").string();
}

void App::execute(const Command& command) {
    switch (command.kind) {
        case CommandKind::toggle_play:
            if (session_.at_end()) session_.rewind_to(0), playback_.sync(session_);
            playback_.playing = !playback_.playing;
            return;
        case CommandKind::step: playback_.playing = false; session_.step(); break;
        case CommandKind::step_back: playback_.playing = false; session_.step_back(); break;
        case CommandKind::next_interesting: playback_.playing = false; session_.next_interesting(); break;
        case CommandKind::rewind_to_start: session_.rewind_to(0); break;
        case CommandKind::jump_to_time:
            session_.run_until(engine::Instant::from_ms(std::max<std::int64_t>(command.at_ms, 0)));
            break;
        case CommandKind::jump_to_event: session_.run_to_event(command.event); break;
        case CommandKind::faster: playback_.speed = std::min<int>(playback_.speed + 1, speeds.size() - 1); return;
        case CommandKind::slower: playback_.speed = std::max(playback_.speed - 1, 0); return;
        case CommandKind::toggle_help: show_.help = !show_.help; return;
        case CommandKind::toggle_presenter:
            show_.presenter = !show_.presenter;
            relayout_ = true;
            return;
        case CommandKind::open_picker: return;
        case CommandKind::toggle_theme:
            theme_ = theme_ == ThemeKind::dark ? ThemeKind::light : ThemeKind::dark;
            apply_theme(theme_);
            return;
        case CommandKind::toggle_lang: lang_ = lang_ == "ko" ? "en" : "ko"; return;
        case CommandKind::zoom_in: cluster_.zoom_by(1.25f); return;
        case CommandKind::zoom_out: cluster_.zoom_by(1 / 1.25f); return;
        case CommandKind::reset_view: cluster_.zoom = 1, cluster_.pan = {0, 0}; return;
    }
    playback_.sync(session_);
}

void App::frame(double wall_seconds) {
    for (const Command& c : keyboard_commands()) execute(c);
    playback_.advance(session_, wall_seconds);
    const scenarios::ClusterView& view = session_.view();
    const DrawContext ctx{palette(theme_), fonts_, lang_, layout_ == Layout::fixed,
                          engine::Instant::from_us(static_cast<std::int64_t>(playback_.clock_ms * 1000))};
    ImGui::PushFont(fonts_.body);
    std::vector<Command> clicked = controls_.draw(view, ctx, playback_, session_.spec().name);
    const auto add = [&clicked](std::vector<Command> more) { clicked.insert(clicked.end(), more.begin(), more.end()); };
    if (show_.cluster) cluster_.draw(view, ctx);
    if (show_.partitions) partitions_.draw(view, ctx);
    if (show_.groups) groups_.draw(view, ctx);
    if (show_.event_log) add(event_log_.draw(view, session_.trace_log(), ctx));
    if (show_.timeline) add(timeline_.draw(session_, ctx));
    if (show_.narration) narration_.draw(view, ctx);
    if (show_.help) help_.draw(ctx);
    ImGui::PopFont();
    // After drawing: a command changes the view the panels above still point into.
    for (const Command& c : clicked) execute(c);
}

std::vector<std::string> lesson_texts(const scenarios::ScenarioSpec& spec) {
    std::vector<std::string> out{"재생하려면 스페이스, 도움말은 ?"};
    for (const scenarios::Caption& c : spec.narration) out.push_back(c.text.ko);
    out.push_back(spec.description.ko);
    return out;
}

}  // namespace kafkasim::ui
