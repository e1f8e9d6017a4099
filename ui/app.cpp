#include "ui/app.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "scenarios/loader/scenario_loader.h"

namespace kafkasim::ui {

App::App(scenarios::RunSession& session, const Fonts& fonts, std::string lang, ThemeKind theme, Layout layout)
    : App(fonts, std::move(lang), theme, layout) {
    session_ = &session;
    playback_.sync(*session_);
}

App::App(const Fonts& fonts, std::string lang, ThemeKind theme, Layout layout)
    : fonts_(fonts), lang_(std::move(lang)), theme_(theme), layout_(layout) {
    apply_theme(theme_);
    picker_.chapters = lesson_catalogue();
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
        case CommandKind::faster: playback_.speed = std::min<int>(playback_.speed + 1, speeds.size() - 1); return;
        case CommandKind::slower: playback_.speed = std::max(playback_.speed - 1, 0); return;
        case CommandKind::toggle_help: show_.help = !show_.help; return;
        case CommandKind::toggle_presenter:
            show_.presenter = !show_.presenter;
            relayout_ = true;
            return;
        case CommandKind::open_picker: show_.picker = !show_.picker; return;
        case CommandKind::toggle_charts: show_.charts = !show_.charts; return;
        case CommandKind::open_scenario: open(command); return;
        case CommandKind::toggle_theme:
            theme_ = theme_ == ThemeKind::dark ? ThemeKind::light : ThemeKind::dark;
            apply_theme(theme_);
            return;
        case CommandKind::toggle_lang: lang_ = lang_ == "ko" ? "en" : "ko"; return;
        case CommandKind::zoom_in: cluster_.zoom_by(1.25f); return;
        case CommandKind::zoom_out: cluster_.zoom_by(1 / 1.25f); return;
        case CommandKind::reset_view: cluster_.zoom = 1, cluster_.pan = {0, 0}; return;
        default: break;
    }
    if (session_ != nullptr && move_session(command)) playback_.sync(*session_);
}

bool App::move_session(const Command& command) {
    scenarios::RunSession& s = *session_;
    switch (command.kind) {
        case CommandKind::toggle_play:
            if (s.at_end()) s.rewind_to(0), playback_.sync(s);
            playback_.playing = !playback_.playing;
            return false;
        case CommandKind::step: playback_.playing = false; s.step(); return true;
        case CommandKind::step_back: playback_.playing = false; s.step_back(); return true;
        case CommandKind::next_interesting: playback_.playing = false; s.next_interesting(); return true;
        case CommandKind::rewind_to_start: s.rewind_to(0); return true;
        case CommandKind::jump_to_time: s.run_until(engine::Instant::from_ms(std::max<std::int64_t>(command.at_ms, 0))); return true;
        case CommandKind::jump_to_event: s.run_to_event(command.event); return true;
        default: return false;
    }
}

void App::open(const Command& command) {
    const scenarios::LoadResult r = scenarios::load_scenario_file(command.path, command.knobs);
    if (!r.spec) {
        picker_.errors = r.errors;  // as `kafkasim validate` prints them
        show_.picker = true;
        return;
    }
    picker_.errors.clear();
    // The panels' state belongs to the run they showed: a new run starts them over.
    cluster_ = {};
    timeline_ = {};
    event_log_ = {};
    charts_ = {};
    playback_ = {.speed = playback_.speed};
    opened_.reset();  // before the next: two runs at once would hold twice the memory
    opened_ = std::make_unique<scenarios::RunSession>(*r.spec);
    session_ = opened_.get();
    ++sessions_opened_;
    show_.picker = false;
    relayout_ = true;
    playback_.sync(*session_);
}

void App::frame(double wall_seconds) {
    for (const Command& c : keyboard_commands()) {
        // Over the lessons only the window's own keys count: o (back), t, l and ?.
        const bool window_key = c.kind == CommandKind::open_picker || c.kind == CommandKind::toggle_theme ||
                                c.kind == CommandKind::toggle_lang || c.kind == CommandKind::toggle_help;
        if (picking() && !window_key) continue;
        if (c.kind == CommandKind::open_picker && session_ == nullptr) continue;
        execute(c);
    }
    const bool presenter = show_.presenter && fonts_.presenter_body != nullptr && !picking();
    if (presenter) {
        presenter_fonts_.body = fonts_.presenter_body;
        presenter_fonts_.caption = fonts_.presenter_caption;
        presenter_fonts_.hangul = fonts_.hangul;
    }
    const Fonts& fonts = presenter ? presenter_fonts_ : fonts_;
    const DrawContext ctx{palette(theme_),
                          fonts,
                          lang_,
                          layout_ == Layout::fixed,
                          engine::Instant::from_us(static_cast<std::int64_t>(playback_.clock_ms * 1000)),
                          presenter ? Arrangement::presenter : Arrangement::full,
                          relayout_,
                          presenter ? fonts_.presenter_scale : 1.0f};
    relayout_ = false;
    std::vector<Command> clicked;
    ImGui::PushFont(fonts.body);
    if (picking()) clicked = picker_.draw(ctx, session_ != nullptr);
    else draw_session(ctx, wall_seconds, clicked);
    if (show_.help) help_.draw(ctx);
    ImGui::PopFont();
    // After drawing: a command changes the view the panels above still point into.
    for (const Command& c : clicked) execute(c);
}

void App::draw_session(const DrawContext& ctx, double wall_seconds, std::vector<Command>& clicked) {
    scenarios::RunSession& s = *session_;
    playback_.advance(s, wall_seconds);
    const auto add = [&clicked](std::vector<Command> more) { clicked.insert(clicked.end(), more.begin(), more.end()); };
    const scenarios::ClusterView& view = s.view();
    const bool full = ctx.arrangement == Arrangement::full;
    if (full) add(controls_.draw(view, ctx, playback_, s.spec().name));
    if (show_.cluster) cluster_.draw(view, ctx);
    if (full && show_.charts) charts_.draw(s, ctx);
    else if (full && show_.partitions) partitions_.draw(view, ctx);
    if (full && show_.groups) groups_.draw(view, ctx);
    if (full && show_.event_log) add(event_log_.draw(view, s.trace_log(), ctx));
    if (show_.timeline) add(timeline_.draw(s, ctx));
    if (show_.narration) narration_.draw(view, ctx);
}

std::vector<std::string> App::font_texts() const {
    std::vector<std::string> out = catalogue_texts(picker_.chapters);
    out.push_back(picker_texts());
    if (session_ != nullptr) {
        const std::vector<std::string> lesson = lesson_texts(session_->spec());
        out.insert(out.end(), lesson.begin(), lesson.end());
    }
    return out;
}

std::vector<std::string> lesson_texts(const scenarios::ScenarioSpec& spec) {
    std::vector<std::string> out{"재생하려면 스페이스, 도움말은 ?"};
    for (const scenarios::Caption& c : spec.narration) out.push_back(c.text.ko);
    out.push_back(spec.description.ko);
    return out;
}

}  // namespace kafkasim::ui
