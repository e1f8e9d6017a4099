// The window's panels without a renderer (toolchain.md §4): an ImGui context with a display
// size and a built font atlas, NewFrame / Render, no GL. Every panel draws every bundled
// scenario at several moments without an assertion; simulated key presses drive the session.
#include <doctest/doctest.h>
#include <imgui.h>

#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"
#include "ui/app.h"

using namespace kafkasim;
using namespace kafkasim::ui;

namespace {

// An ImGui context for one test: no ini file, a display, the lesson's fonts.
struct Context {
    Fonts fonts;
    explicit Context(const scenarios::ScenarioSpec& spec) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {1600, 900};
        io.DeltaTime = 1.0f / 60;
        fonts = load_fonts(lesson_texts(spec), 17, 28);
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        io.KeyMap[ImGuiKey_Space] = key::space;
    }
    ~Context() { ImGui::DestroyContext(); }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    // One frame; `key` is held down during it (-1: none).
    ImDrawData* frame(App& app, int key = -1, bool shift = false) {
        ImGuiIO& io = ImGui::GetIO();
        if (key >= 0) io.KeysDown[key] = true;
        io.KeyShift = shift;
        ImGui::NewFrame();
        app.frame(0.0);
        ImGui::Render();
        if (key >= 0) io.KeysDown[key] = false;
        io.KeyShift = false;
        return ImGui::GetDrawData();
    }
    // A key pressed and released: two frames.
    void press(App& app, int key, bool shift = false) {
        frame(app, key, shift);
        frame(app);
    }
};

scenarios::ScenarioSpec bundled(const std::string& name) {
    const scenarios::LoadResult r = scenarios::load_scenario_file(*scenarios::resolve_scenario(name), {});
    REQUIRE(r.spec.has_value());
    return *r.spec;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("panels: every panel draws every bundled scenario at several moments, in both themes and languages") {
    for (const auto& [name, path] : scenarios::library_scenarios()) {
        CAPTURE(name);
        const scenarios::ScenarioSpec spec = bundled(name);
        scenarios::RunSession session(spec);
        Context ctx(spec);
        App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
        app.execute({CommandKind::toggle_help});
        const std::int64_t end_ms = session.end().us() / 1000;
        for (std::int64_t at : {std::int64_t{0}, end_ms / 4, end_ms / 2, end_ms * 3 / 4}) {
            app.execute({CommandKind::jump_to_time, at});
            ImDrawData* d = ctx.frame(app);
            ImDrawData* again = ctx.frame(app);
            REQUIRE(d != nullptr);
            CHECK(again->TotalVtxCount > 1000);
            CHECK(app.cluster_panel().boxes.count("controller") == 1);
            CHECK(app.cluster_panel().boxes.size() >= 1 + static_cast<std::size_t>(spec.cluster.brokers));
        }
        app.execute({CommandKind::toggle_theme});
        app.execute({CommandKind::toggle_lang});
        while (session.step()) {
        }
        ctx.frame(app);
        CHECK(ctx.frame(app)->TotalVtxCount > 1000);
    }
}

TEST_CASE("panels: simulated key presses drive the commands") {
    const scenarios::ScenarioSpec spec = bundled("leader-failover");
    scenarios::RunSession session(spec);
    Context ctx(spec);
    App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    ctx.frame(app);
    ctx.press(app, key::right);
    CHECK(session.event() == 1);
    ctx.press(app, key::right);
    ctx.press(app, key::right);
    CHECK(session.event() == 3);
    ctx.press(app, key::left);
    CHECK(session.event() == 2);
    ctx.press(app, key::b);
    CHECK(session.event() == 1);
    ctx.press(app, key::n);
    CHECK(session.event() > 1);
    CHECK(session.moments().back().event == session.event());
    ctx.press(app, key::home);
    CHECK(session.event() == 0);
    ctx.press(app, key::space);
    CHECK(app.playback().playing);
    ctx.press(app, key::space);
    CHECK_FALSE(app.playback().playing);
    const int speed = app.playback().speed;
    ctx.press(app, key::up);
    CHECK(app.playback().speed == speed + 1);
    ctx.press(app, key::down);
    CHECK(app.playback().speed == speed);
    ctx.press(app, key::slash, true);
    CHECK(app.show().help);
    ctx.press(app, key::t);
    CHECK(app.theme() == ThemeKind::light);
    ctx.press(app, key::l);
    CHECK(app.lang() == "ko");
}

TEST_CASE("panels: playback moves the session with the simulated clock, and stops at the end") {
    const scenarios::ScenarioSpec spec = bundled("unclean-election");
    scenarios::RunSession session(spec);
    Context ctx(spec);
    App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    app.execute({CommandKind::toggle_play});
    for (int i = 0; i < 10; ++i) {
        ImGui::NewFrame();
        app.frame(0.05);  // 50 ms of wall time at 1x: 50 simulated ms
        ImGui::Render();
    }
    CHECK(app.playback().clock_ms == doctest::Approx(500));
    CHECK(session.time() <= engine::Instant::from_ms(500));
    CHECK(session.event() > 0);
    for (int i = 0; i < 20; ++i) app.execute({CommandKind::faster});
    for (int i = 0; i < 2000 && app.playback().playing; ++i) {
        ImGui::NewFrame();
        app.frame(0.1);
        ImGui::Render();
    }
    CHECK_FALSE(app.playback().playing);
    CHECK(session.at_end());
}

}  // TEST_SUITE
