// The window's panels without a renderer (toolchain.md §4): an ImGui context with a display
// size and a built font atlas, NewFrame / Render, no GL. Every panel draws every bundled
// scenario at several moments without an assertion; simulated key presses drive the session;
// the mouse zooms and pans the cluster view; the ini file is off in tests and on for viewers.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"
#include "ui/app.h"
#include "ui/chart.h"


using namespace kafkasim;
using namespace kafkasim::ui;

namespace {

// An ImGui context for one test: no ini file, a display, the lesson's fonts.
struct Context {
    Fonts fonts;
    explicit Context(const scenarios::ScenarioSpec& spec, float presenter_scale = 1.0f)
        : Context(lesson_texts(spec), presenter_scale) {}
    explicit Context(const std::vector<std::string>& texts, float presenter_scale = 1.0f) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {1600, 900};
        io.DeltaTime = 1.0f / 60;
        fonts = load_fonts(texts, 17, 28, presenter_scale);
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
    // One frame with the mouse at `at`, its left button `down`, the wheel turned by `wheel`.
    void mouse(App& app, ImVec2 at, bool down, float wheel = 0) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        io.MouseDown[0] = down;
        io.MouseWheel = wheel;
        frame(app);
        io.MouseWheel = 0;
    }
};

ImVec2 centre_of(PanelId panel) {
    const PanelRect r = layout(panel, ImGui::GetIO().DisplaySize);
    return {r.pos.x + r.size.x / 2, r.pos.y + r.size.y / 2};
}

scenarios::ScenarioSpec bundled(const std::string& name) {
    const scenarios::LoadResult r = scenarios::load_scenario_file(*scenarios::resolve_scenario(name), {});
    REQUIRE(r.spec.has_value());
    return *r.spec;
}

// Every panel draws `name` at four moments and at its end, in both themes and languages.
void draw_at_moments(const std::string& name) {
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
    app.execute({CommandKind::toggle_charts});
    ctx.frame(app);
    CHECK(ctx.frame(app)->TotalVtxCount > 1000);
    CHECK(app.charts_panel().charts_drawn == 5);
    while (session.step()) {
    }
    ctx.frame(app);
    CHECK(ctx.frame(app)->TotalVtxCount > 1000);
    app.execute({CommandKind::toggle_presenter});
    ctx.frame(app);
    CHECK(ctx.frame(app)->TotalVtxCount > 1000);
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("panels: every panel draws leader-failover and unclean-election at several moments in both themes and languages") {
    draw_at_moments("leader-failover");
    draw_at_moments("unclean-election");
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

TEST_CASE("panels: playback moves the session with the simulated clock and stops at the end") {
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
    CHECK(session.restarts() == 0);  // playing forward never runs the scenario again
    for (int i = 0; i < 20; ++i) app.execute({CommandKind::faster});
    for (int i = 0; i < 2000 && app.playback().playing; ++i) {
        ImGui::NewFrame();
        app.frame(0.1);
        ImGui::Render();
    }
    CHECK_FALSE(app.playback().playing);
    CHECK(session.at_end());
    CHECK(session.restarts() == 0);
}

TEST_CASE("panels: the wheel zooms the cluster view about the mouse and a drag pans it and keys zoom and reset it") {
    const scenarios::ScenarioSpec spec = bundled("leader-failover");
    scenarios::RunSession session(spec);
    Context ctx(spec);
    App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    const ClusterPanel& cluster = app.cluster_panel();
    const ImVec2 centre = centre_of(PanelId::cluster);
    ctx.mouse(app, centre, false);
    ctx.mouse(app, centre, false);
    const PanelRect before = cluster.boxes.at("broker-1");
    CHECK(cluster.zoom == 1.0f);

    // The wheel over another panel does nothing here; over the cluster it zooms in, and the
    // point under the mouse stays put: a box grows away from it.
    ctx.mouse(app, centre_of(PanelId::groups), false, 1);
    CHECK(cluster.zoom == 1.0f);
    ctx.mouse(app, centre, false, 1);
    ctx.mouse(app, centre, false);
    CHECK(cluster.zoom == doctest::Approx(1.1f));
    const PanelRect zoomed = cluster.boxes.at("broker-1");
    CHECK(zoomed.size.x == doctest::Approx(before.size.x * 1.1f).epsilon(0.01));
    CHECK(zoomed.pos.x - centre.x == doctest::Approx((before.pos.x - centre.x) * 1.1f).epsilon(0.01));
    ctx.mouse(app, centre, false, -1);
    ctx.mouse(app, centre, false);
    CHECK(cluster.zoom == doctest::Approx(1.0f));

    // A drag in steps of 10 pixels pans by the distance moved; the boxes follow.
    const ImVec2 pan = cluster.pan;
    ctx.mouse(app, centre, true);
    for (int i = 1; i <= 4; ++i) ctx.mouse(app, {centre.x + 10.0f * i, centre.y + 5.0f * i}, true);
    ctx.mouse(app, {centre.x + 40, centre.y + 20}, false);
    CHECK(cluster.pan.x - pan.x == doctest::Approx(40));
    CHECK(cluster.pan.y - pan.y == doctest::Approx(20));
    CHECK(cluster.boxes.at("broker-1").pos.x - before.pos.x == doctest::Approx(40).epsilon(0.01));

    // Keys: + zooms about the middle, - back out, 0 resets zoom and pan.
    ImGui::GetIO().MousePos = {-1, -1};
    ctx.press(app, key::equal);
    CHECK(cluster.zoom == doctest::Approx(1.25f));
    ctx.press(app, key::minus);
    ctx.press(app, key::minus);
    CHECK(cluster.zoom == doctest::Approx(0.8f));
    ctx.press(app, key::zero);
    CHECK(cluster.zoom == 1.0f);
    CHECK(cluster.pan.x == 0.0f);
    CHECK(cluster.pan.y == 0.0f);
    for (int i = 0; i < 20; ++i) app.execute({CommandKind::zoom_out});
    CHECK(cluster.zoom == doctest::Approx(0.4f));
    ctx.frame(app);
    CHECK(ctx.frame(app)->TotalVtxCount > 1000);
}

TEST_CASE("panels: many messages are thinned to the panel's budget and every busy link keeps one") {
    const scenarios::ScenarioSpec spec = bundled("leader-failover");
    Context ctx(spec);
    // A made-up moment: 200 Produce requests on one link, 40 replica fetches on another, one
    // message on a third, and one from a node without a box (not drawn).
    scenarios::ClusterView v;
    v.controller = {"controller", -1, scenarios::ServerState::up, -1};
    for (int b = 1; b <= 3; ++b) v.brokers.push_back({"broker-" + std::to_string(b), b, scenarios::ServerState::up, 2});
    v.producers = {{"p1", true, 10, 5, 0, 5, {{"orders-0", 2, 3}}}, {"p2", true, 0, 0, 0, 0, {}}};
    const auto add = [&](int n, const std::string& kind, const std::string& from, const std::string& to) {
        for (int i = 0; i < n; ++i)
            v.messages.push_back({kind, false, from, to, engine::Instant::from_ms(i), engine::Instant::from_ms(i + 10)});
    };
    add(200, "Produce", "p1", "broker-1");
    add(40, "Fetch", "broker-2", "broker-1");
    add(1, "Produce", "p2", "broker-3");
    add(1, "Produce", "nobody", "broker-3");
    v.traffic = {{"p1", "broker-1", engine::Instant::from_ms(5)}, {"broker-2", "broker-1", engine::Instant::from_ms(4)}};
    v.time = engine::Instant::from_ms(5);
    const std::string lang = "en";
    const DrawContext dc{palette(ThemeKind::dark), ctx.fonts, lang, true, v.time};
    ClusterPanel panel;
    const auto draw = [&](std::size_t budget) {
        panel.max_messages = budget;
        ImGui::NewFrame();
        panel.draw(v, dc);
        ImGui::Render();
        return panel.messages_drawn;
    };
    CHECK(draw(30) == 10 + 10 + 1);  // 10 each for the two busy links, the quiet one's one
    CHECK(draw(2) == 3);             // below one per link: each link still shows one
    CHECK(draw(1000) == 241);        // within the budget: all
    CHECK(panel.boxes.count("p1") == 1);
}

TEST_CASE("panels: clicking a timeline marker moves the session to its moment's event") {
    const scenarios::ScenarioSpec spec = bundled("leader-failover");
    scenarios::RunSession session(spec);
    while (session.step()) {
    }
    session.rewind_to(0);
    Context ctx(spec);
    App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    ctx.frame(app);
    ctx.frame(app);
    const std::vector<scenarios::Moment>& moments = session.moments();
    const auto crash = std::find_if(moments.begin(), moments.end(), [](const auto& m) { return m.kind == "node.crash"; });
    REQUIRE(crash != moments.end());
    const TimelinePanel& timeline = app.timeline_panel();
    const ImVec2 at = timeline.marker_at(*crash);
    CHECK(at.x > timeline.strip_min.x);
    CHECK(at.x < timeline.strip_max.x);
    ctx.mouse(app, at, false);
    REQUIRE(timeline.hovered.has_value());
    CHECK(moments[*timeline.hovered].kind == "node.crash");
    ctx.mouse(app, at, true);
    ctx.mouse(app, at, false);
    CHECK(session.event() == crash->event);
    CHECK(session.time() == crash->time);
    CHECK_FALSE(timeline.scrubbing);

    // An election lies in another lane: the marker under the pointer, not the nearest in time.
    const auto elect = std::find_if(crash, moments.end(), [](const auto& m) { return m.kind == "controller.elect"; });
    REQUIRE(elect != moments.end());
    ctx.mouse(app, timeline.marker_at(*elect), false);
    ctx.mouse(app, timeline.marker_at(*elect), true);
    ctx.mouse(app, timeline.marker_at(*elect), false);
    CHECK(session.event() == elect->event);
}

TEST_CASE("panels: the timeline draws each rebalance from its start to the group's next stable state") {
    const scenarios::ScenarioSpec spec = bundled("rebalancing");
    scenarios::RunSession session(spec);
    Context ctx(spec);
    App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    app.execute({CommandKind::jump_to_time, 60000});
    ctx.frame(app);
    const std::vector<std::pair<engine::Instant, engine::Instant>>& spans = app.timeline_panel().rebalances;
    // The lesson's rebalances: the first join, consumer-3 joining, consumer-2's session
    // expiring, the partitions added.
    CHECK(spans.size() >= 4);
    const std::vector<scenarios::Moment>& moments = session.moments();
    const auto first = std::find_if(moments.begin(), moments.end(), [](const auto& m) { return m.kind == "group.rebalance"; });
    REQUIRE(first != moments.end());
    REQUIRE(!spans.empty());
    CHECK(spans.front().first == first->time);
    for (const auto& [from, to] : spans) {
        CHECK(from < to);
        CHECK(to <= engine::Instant::from_ms(60000));
    }
    // Each ends at a stable state of the group.
    for (const auto& [from, to] : spans)
        CHECK(std::any_of(moments.begin(), moments.end(), [&](const auto& m) { return m.kind == "group.state" && m.time == to; }));
}

TEST_CASE("panels: pressing the timeline away from a marker and dragging scrubs the session") {
    const scenarios::ScenarioSpec spec = bundled("leader-failover");
    scenarios::RunSession session(spec);
    Context ctx(spec);
    App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    ctx.frame(app);
    ctx.frame(app);
    const TimelinePanel& timeline = app.timeline_panel();
    // Lane 2 (ISR changes) has none before the crash at 10 s.
    const float lane_h = (timeline.strip_max.y - timeline.strip_min.y) / 5;
    const float y = timeline.strip_min.y + lane_h * 2.5f;
    const float x0 = timeline.x_of(engine::Instant::from_ms(3000));
    CHECK_FALSE(timeline.moment_at(session.moments(), {x0, y}).has_value());
    ctx.mouse(app, {x0, y}, false);
    ctx.mouse(app, {x0, y}, true);
    CHECK(timeline.scrubbing);
    const engine::Instant first = timeline.time_at(x0);
    CHECK(session.time() <= first);
    CHECK(session.time() > first - engine::Duration::ms(100));
    std::uint64_t last = session.event();
    for (int i = 1; i <= 3; ++i) {
        const float x = x0 + 40.0f * static_cast<float>(i);
        ctx.mouse(app, {x, y}, true);
        CHECK(session.event() > last);
        CHECK(session.time() <= timeline.time_at(x));
        last = session.event();
    }
    ctx.mouse(app, {x0 - 20, y}, true);  // back: waits while the pointer moves
    CHECK(session.event() == last);
    CHECK(timeline.pending_ms == timeline.time_at(std::floor(x0 - 20)).ms());  // ImGui floors the pointer
    ctx.mouse(app, {x0 - 20, y}, true);  // and goes when it rests
    CHECK(timeline.pending_ms == -1);
    CHECK(session.event() < last);
    CHECK(session.time() <= timeline.time_at(x0 - 20));
    ctx.mouse(app, {x0 - 20, y}, false);
    CHECK_FALSE(timeline.scrubbing);
    CHECK(timeline.x_of(engine::Instant{}) == doctest::Approx(timeline.strip_min.x));
    CHECK(timeline.x_of(session.end()) == doctest::Approx(timeline.strip_max.x));
}

TEST_CASE("panels: the event log filters by node and kind and partition and text and a row click moves the session") {
    const scenarios::ScenarioSpec spec = bundled("leader-failover");
    scenarios::RunSession session(spec);
    Context ctx(spec);
    App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    app.execute({CommandKind::jump_to_time, 25000});  // after the failover's election
    ctx.frame(app);
    ctx.frame(app);
    EventLogPanel& panel = app.event_log_panel();
    const scenarios::TraceLog& log = session.trace_log();
    // Unfiltered: every record through the current event is shown.
    CHECK(panel.shown_through(log, session.event()) == log.count_through(session.event()));
    CHECK(panel.rows().size() == log.size());

    const auto index_of = [](const std::vector<std::string>& names, const std::string& name) {
        const auto it = std::find(names.begin(), names.end(), name);
        REQUIRE(it != names.end());
        return static_cast<int>(it - names.begin());
    };
    panel.filter.kind = index_of(log.kinds(), "controller.elect");
    ctx.frame(app);
    REQUIRE(!panel.rows().empty());
    for (std::uint32_t r : panel.rows()) CHECK(log.kind(log[r]) == "controller.elect");
    panel.filter.partition = index_of(log.partitions(), "orders-0");
    ctx.frame(app);
    REQUIRE(!panel.rows().empty());
    for (std::uint32_t r : panel.rows()) CHECK(log.partition(log[r]) == "orders-0");
    const std::size_t elections = panel.rows().size();

    panel.filter = {};
    panel.filter.node = index_of(log.nodes(), "controller");
    panel.filter.search = "LEADER_EPOCH=1";  // any case
    ctx.frame(app);
    REQUIRE(!panel.rows().empty());
    for (std::uint32_t r : panel.rows()) {
        CHECK(log.node(log[r]) == "controller");
        CHECK(std::string(log.fields(log[r])).find("leader_epoch=1") != std::string::npos);
    }
    CHECK(elections >= 1);  // the failover's

    // A click on a row jumps to its event, back or forward.
    const std::size_t row = panel.rows().size() - 1;
    const std::uint64_t target = log[panel.rows()[row]].event;
    app.execute(panel.click(log, row));
    CHECK(session.event() == target);
    panel.filter = {};
    ctx.frame(app);
    const std::size_t first_row = 5;
    app.execute(panel.click(log, first_row));
    CHECK(session.event() == log[panel.rows()[first_row]].event);
    ctx.frame(app);
    CHECK(panel.shown_through(log, session.event()) == log.count_through(session.event()));
}

TEST_CASE("panels: the picker lists every bundled lesson once in the chapters of the guide's README in its order") {
    Context ctx(std::vector<std::string>{});
    App app(ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    CHECK(app.picking());
    CHECK(app.session() == nullptr);
    ctx.frame(app);
    CHECK(ctx.frame(app)->TotalVtxCount > 1000);
    app.execute({CommandKind::toggle_lang});
    ctx.frame(app);
    CHECK(ctx.frame(app)->TotalVtxCount > 1000);
    // Keys that move a session do nothing without one.
    ctx.press(app, key::right);
    ctx.press(app, key::space);
    CHECK(app.session() == nullptr);
    CHECK_FALSE(app.playback().playing);

    std::vector<std::string> listed;
    for (const Chapter& c : app.picker().chapters)
        for (const Lesson& l : c.lessons) {
            listed.push_back(l.name);
            CHECK(l.errors.empty());
            CHECK_FALSE(l.title("en").empty());
            CHECK_FALSE(l.title("ko").empty());
            CHECK(l.title("en").size() < 60);
        }
    std::vector<std::string> bundled_names;
    for (const auto& [name, path] : scenarios::library_scenarios()) bundled_names.push_back(name);
    std::vector<std::string> sorted = listed;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == bundled_names);

    // docs/scenarios/README.md: one table per group of chapters, a row per lesson, "| [name](…".
    std::ifstream readme(std::string(KAFKASIM_SOURCE_DIR) + "/docs/scenarios/README.md");
    REQUIRE(readme.good());
    std::vector<std::vector<std::string>> tables;
    bool after_row = false;
    for (std::string line; std::getline(readme, line);) {
        const bool row = line.starts_with("| [");
        if (row && !after_row) tables.emplace_back();
        if (row) tables.back().push_back(line.substr(3, line.find(']') - 3));
        after_row = row;
    }
    REQUIRE(tables.size() == guide_chapters().size());
    for (std::size_t c = 0; c < tables.size(); ++c) {
        CAPTURE(c);
        CHECK(guide_chapters()[c].lessons == tables[c]);
        std::vector<std::string> names;
        for (const Lesson& l : app.picker().chapters[c].lessons) names.push_back(l.name);
        CHECK(names == tables[c]);
    }
}

TEST_CASE("panels: a lesson chosen in the picker starts a session with its knobs and a bad file shows the loader's errors") {
    Context ctx(std::vector<std::string>{});
    App app(ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    ScenarioPicker& picker = app.picker();
    for (std::size_t c = 0; c < picker.chapters.size(); ++c)
        for (std::size_t i = 0; i < picker.chapters[c].lessons.size(); ++i)
            if (picker.chapters[c].lessons[i].name == "leader-failover") picker.select(c, i);
    REQUIRE(picker.selected() != nullptr);
    REQUIRE(picker.selected()->name == "leader-failover");
    CHECK(picker.knobs.at("replication_factor") == "3");
    CHECK(picker.open_selected().knobs.empty());  // the defaults: the file as written
    picker.knobs["replication_factor"] = "1";
    ctx.frame(app);
    app.execute(picker.open_selected());
    REQUIRE(app.session() != nullptr);
    CHECK_FALSE(app.picking());
    CHECK(app.session()->spec().name == "leader-failover");
    CHECK(app.session()->spec().topics[0].replication_factor == 1);
    CHECK(app.sessions_opened() == 1);
    ctx.frame(app);
    CHECK(ctx.frame(app)->TotalVtxCount > 1000);
    ctx.press(app, key::right);
    CHECK(app.session()->event() == 1);

    // o opens the picker again over the session; a bad file keeps the session and shows why.
    ctx.press(app, key::o);
    CHECK(app.picking());
    const std::filesystem::path bad = std::filesystem::temp_directory_path() / "kafkasim-ui-bad-scenario.json";
    std::ofstream(bad) << "{\"seed\": 1, \"duration_ms\": -5}";
    const scenarios::LoadResult expected = scenarios::load_scenario_file(bad.string());
    REQUIRE_FALSE(expected.errors.empty());
    app.execute({CommandKind::open_scenario, 0, 0, bad.string(), {}});
    CHECK(picker.errors == expected.errors);
    CHECK(app.picking());
    CHECK(app.session()->spec().name == "leader-failover");
    CHECK(app.session()->event() == 1);
    ctx.frame(app);
    CHECK(ctx.frame(app)->TotalVtxCount > 1000);
    std::filesystem::remove(bad);
    app.execute({CommandKind::open_scenario, 0, 0, "/nonexistent/kafkasim.json", {}});
    CHECK_FALSE(picker.errors.empty());
    ctx.press(app, key::o);  // back to the lesson
    CHECK_FALSE(app.picking());
    CHECK(app.session()->event() == 1);
}

TEST_CASE("panels: the presenter's arrangement shows the cluster and timeline and narration only and larger") {
    const scenarios::ScenarioSpec spec = bundled("leader-failover");
    scenarios::RunSession session(spec);
    Context ctx(spec, presenter_scale_for(1.0f));
    App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    app.execute({CommandKind::jump_to_time, 12000});
    ctx.frame(app);
    ctx.frame(app);
    const auto active = [](const char* name) {
        const ImGuiWindow* w = ImGui::FindWindowByName(name);
        return w != nullptr && w->Active;
    };
    CHECK(active("Partitions"));
    CHECK(active("Controls"));
    const float box = app.cluster_panel().boxes.at("broker-1").size.x;
    ctx.press(app, key::p);
    CHECK(app.show().presenter);
    ctx.frame(app);
    CHECK(ctx.frame(app)->TotalVtxCount > 1000);
    for (const char* hidden : {"Partitions", "Groups", "Event log", "Controls"}) CHECK_FALSE(active(hidden));
    for (const char* shown : {"Cluster", "Timeline", "Narration"}) CHECK(active(shown));
    CHECK(ImGui::FindWindowByName("Cluster")->Size.x == doctest::Approx(1600));
    CHECK(app.cluster_panel().boxes.at("broker-1").size.x > box * 1.2f);
    CHECK(ImGui::FindWindowByName("Narration")->Size.y >= 160);
    ctx.press(app, key::p);
    ctx.frame(app);
    CHECK(active("Partitions"));
    CHECK(app.cluster_panel().boxes.at("broker-1").size.x == doctest::Approx(box));
}

TEST_CASE("panels: the charts draw the session's series and the pointer over one names its bucket") {
    const scenarios::ScenarioSpec spec = bundled("rebalancing");
    scenarios::RunSession session(spec);
    Context ctx(spec);
    App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
    app.execute({CommandKind::jump_to_time, 40000});
    ctx.frame(app);
    ctx.press(app, key::c);
    CHECK(app.show().charts);
    ctx.frame(app);
    const ImGuiWindow* charts = ImGui::FindWindowByName("Charts");
    REQUIRE(charts != nullptr);
    CHECK(charts->Active);
    REQUIRE(ImGui::FindWindowByName("Partitions") != nullptr);
    CHECK_FALSE(ImGui::FindWindowByName("Partitions")->Active);
    CHECK(app.charts_panel().charts_drawn == 5);
    // The first chart's plot spans the panel's left half; 40 s of a 105 s run lies about 38%
    // across it, well inside the part recorded.
    const PanelRect r = layout(PanelId::charts, ImGui::GetIO().DisplaySize);
    ctx.mouse(app, {r.pos.x + r.size.x * 0.2f, r.pos.y + 80}, false);
    REQUIRE(app.charts_panel().hovered_chart.has_value());
    CHECK(*app.charts_panel().hovered_chart == 0);
    REQUIRE(app.charts_panel().hovered_bucket.has_value());
    const std::size_t bucket = *app.charts_panel().hovered_bucket;
    CHECK(bucket < session.series().ends().size());
    CHECK(session.series().ends()[bucket] < engine::Instant::from_ms(40000));
    ctx.press(app, key::c);
    ctx.frame(app);
    CHECK_FALSE(ImGui::FindWindowByName("Charts")->Active);
    CHECK(ImGui::FindWindowByName("Partitions")->Active);
}

TEST_CASE("panels: a chart's value axis is round and a few high peaks do not flatten the rest") {
    CHECK(round_up(0) == 1);
    CHECK(round_up(1) == 1);
    CHECK(round_up(3) == 5);
    CHECK(round_up(120) == 200);
    CHECK(round_up(2000) == 2000);
    scenarios::SeriesChart steady{"acked records/s", "records/s", {{"all", std::vector<std::int64_t>(100, 100)}}};
    CHECK(value_axis_top(steady) == 100);
    steady.lines[0].values[3] = 2000;  // a start-up burst
    CHECK(value_axis_top(steady) == 200);
    steady.lines[0].values.assign(100, 2000);
    steady.lines[0].values[0] = -1;  // none yet
    CHECK(value_axis_top(steady) == 2000);
    CHECK(value_axis_top({"lag", "records", {{"g", {-1, 0, 0}}}}) == 1);
}

TEST_CASE("panels: the ini file is off with a fixed layout and kept for a viewer between runs") {
    const scenarios::ScenarioSpec spec = bundled("leader-failover");
    scenarios::RunSession session(spec);
    {
        Context ctx(spec);
        ImGui::GetIO().IniFilename = "should-not-be-used.ini";
        App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::fixed);
        CHECK(ImGui::GetIO().IniFilename == nullptr);
        ctx.frame(app);
    }
    CHECK_FALSE(std::filesystem::exists("should-not-be-used.ini"));

    const std::filesystem::path home = std::filesystem::temp_directory_path() / "kafkasim-ui-ini-test";
    std::filesystem::remove_all(home);
    REQUIRE(setenv("XDG_CONFIG_HOME", home.c_str(), 1) == 0);
    const std::string ini = (home / "kafkasim" / "imgui.ini").string();
    CHECK(viewer_ini_path() == ini);
    {
        Context ctx(spec);
        App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::viewer);
        REQUIRE(ImGui::GetIO().IniFilename != nullptr);
        CHECK(std::string(ImGui::GetIO().IniFilename) == ini);
        ctx.frame(app);
        ImGui::SetWindowPos("Cluster", {100, 200});  // as a viewer dragging it
        ctx.frame(app);
    }  // the App saves the ini file
    std::stringstream saved;
    saved << std::ifstream(ini).rdbuf();
    CHECK(saved.str().find("[Window][Cluster]\nPos=100,200") != std::string::npos);
    {
        Context ctx(spec);
        App app(session, ctx.fonts, "en", ThemeKind::dark, Layout::viewer);
        ctx.frame(app);
        const ImGuiWindow* w = ImGui::FindWindowByName("Cluster");
        REQUIRE(w != nullptr);
        CHECK(w->Pos.x == 100);
        CHECK(w->Pos.y == 200);
    }
    unsetenv("XDG_CONFIG_HOME");
    std::filesystem::remove_all(home);
}

}  // TEST_SUITE

// Release only (as the scenario library's runs): every bundled scenario run to its end is too
// slow for the sanitizer build's quick tests.
TEST_SUITE("library") {

TEST_CASE("panels: every panel draws every bundled scenario at several moments in both themes and languages") {
    for (const auto& [name, path] : scenarios::library_scenarios()) draw_at_moments(name);
}

}  // TEST_SUITE
