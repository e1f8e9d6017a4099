// kafkasim-ui: plays a scenario in a window (issues 28 and 31); without one it opens on the
// scenario picker. The only translation unit that includes CLI11. Bad input follows kafkasim
// run's rules (scenario_request.h): one line on stderr and exit 2, never a crash; --help exits 0.
//   kafkasim-ui [NAME|FILE] [--seed N] [--knob K=V]... [--lang en|ko] [--theme dark|light] [--charts] [--present]
//               [--screenshot out.png [--at MS] [--size WxH]] [--frames N [--at MS] [--speed X]]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <string_view>
#include <iostream>

#include "engine/assert.h"
#include "scenarios/loader/json_walk.h"
#include "scenarios/loader/scenario_request.h"
#include "scenarios/runner/run_session.h"
#include "ui/window.h"

namespace {

struct Args {
    kafkasim::scenarios::ScenarioRequest request;
    std::string theme = "dark";
    std::string screenshot;
    std::string at_ms;
    std::string size = "1600x900";
    std::string frames;
    std::string speed;
    bool present = false;
    bool charts = false;
};

// "WxH", each from 320 to 7680.
bool parse_size(const std::string& s, int& w, int& h) {
    const auto x = s.find('x');
    if (x == std::string::npos) return false;
    const auto a = kafkasim::scenarios::parse_count(s.substr(0, x), 7680);
    const auto b = kafkasim::scenarios::parse_count(s.substr(x + 1), 7680);
    if (!a || !b || *a < 320 || *b < 240) return false;
    w = static_cast<int>(*a);
    h = static_cast<int>(*b);
    return true;
}

int bad(const std::string& message) {
    std::cerr << "kafkasim-ui: " << message << "\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace kafkasim;
    CLI::App app{"kafkasim-ui: play a kafkasim scenario in a window: pause, step, rewind"};
    Args args;
    app.add_option("SCENARIO", args.request.scenario, "A scenario file, or the name of a bundled scenario (none: pick a lesson)");
    app.add_option("--seed", args.request.seed, "Overrides the file's seed (0 to 2^53-1)");
    app.add_option("--knob", args.request.knobs, "NAME=VALUE: set one of the scenario's knobs (repeatable)");
    app.add_option("--lang", args.request.lang, "en | ko (default from LANG); switch live with l");
    app.add_option("--theme", args.theme, "dark | light (a projector); switch live with t");
    app.add_flag("--charts", args.charts, "Show the charts in place of the partitions; toggle with c");
    app.add_flag("--present", args.present, "Presenter mode: the cluster, the timeline and the captions, large; toggle with p");
    app.add_option("--screenshot", args.screenshot, "Save the window at --at as this PNG and exit");
    app.add_option("--at", args.at_ms, "The simulated millisecond of the screenshot: after every event at or before it");
    app.add_option("--size", args.size, "WxH of the window (default 1600x900)");
    app.add_option("--frames", args.frames, "Play N frames as fast as they render, print the frame rate to stderr and exit");
    app.add_option("--speed", args.speed, "Simulated seconds per wall second: 0.05 to 25 (default 1)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return bad(std::string(e.what()) + " (see --help)");
    }
    ui::WindowOptions window;
    if (!parse_size(args.size, window.width, window.height)) return bad("--size takes WxH (320x240 to 7680x7680), not \"" + args.size + "\"");
    if (args.theme != "dark" && args.theme != "light") return bad("--theme must be dark or light, not \"" + args.theme + "\"");
    window.theme = args.theme == "dark" ? ui::ThemeKind::dark : ui::ThemeKind::light;
    std::optional<std::uint64_t> at;
    if (!args.at_ms.empty()) {
        at = scenarios::parse_count(args.at_ms, scenarios::max_time_ms);
        if (!at) return bad("--at must be milliseconds from 0 to " + std::to_string(scenarios::max_time_ms) + ", not \"" + args.at_ms + "\"");
    }
    const bool picker = args.request.scenario.empty();
    if (!args.screenshot.empty() && !at && !picker) return bad("--screenshot needs --at MS");
    if (picker && (at || !args.request.seed.empty() || !args.request.knobs.empty() || !args.frames.empty()))
        return bad("--at, --seed, --knob and --frames need a scenario (NAME or FILE)");
    if (args.screenshot.empty() && args.frames.empty() && at) return bad("--at is the time of a --screenshot or --frames");
    if (!args.frames.empty()) {
        const auto n = scenarios::parse_count(args.frames, 1000000);
        if (!n || *n < 1) return bad("--frames must be a count from 1 to 1000000, not \"" + args.frames + "\"");
        if (!args.screenshot.empty()) return bad("--frames and --screenshot go alone");
        window.frames = static_cast<int>(*n);
    }
    if (!args.speed.empty()) {
        static constexpr std::array<std::string_view, ui::speeds.size()> names{"0.05", "0.1", "0.25", "0.5", "1",
                                                                                "2",    "5",   "10",   "25"};
        const auto it = std::find(names.begin(), names.end(), args.speed);
        if (it == names.end()) return bad("--speed must be one of 0.05 0.1 0.25 0.5 1 2 5 10 25, not \"" + args.speed + "\"");
        window.speed = static_cast<int>(it - names.begin());
    }
    window.present = args.present;
    window.charts = args.charts;
    if (!args.screenshot.empty()) window.screenshot = args.screenshot;
    if (picker) {
        window.lang = args.request.lang.empty() ? scenarios::lang_from_environment() : args.request.lang;
        if (window.lang != "en" && window.lang != "ko") return bad("--lang must be en or ko, not \"" + window.lang + "\"");
        try {
            return ui::run_window(nullptr, window);
        } catch (const engine::AssertionFailure& e) {
            std::cerr << "kafkasim-ui: internal error: " << e.what() << "\n";
            return 3;
        }
    }
    const scenarios::CheckedRequest checked = scenarios::check_request(args.request, "kafkasim-ui");
    if (!checked.spec) {
        for (const std::string& e : checked.errors) std::cerr << e << "\n";
        return 2;
    }
    window.lang = checked.lang;
    scenarios::SessionOptions options;
    options.seed = checked.seed;
    try {
        scenarios::RunSession session(*checked.spec, options);
        if (at) session.run_until(engine::Instant::from_ms(static_cast<std::int64_t>(*at)));
        return ui::run_window(&session, window);
    } catch (const engine::AssertionFailure& e) {
        std::cerr << "kafkasim-ui: internal error in " << checked.spec->name << " with seed "
                  << checked.seed.value_or(checked.spec->seed) << ": " << e.what() << "\n";
        return 3;
    }
}
