// The commands a viewer gives, from the keyboard or the control bar. They are the only way
// the window changes the run (style.md, "The visualizer"): App::execute turns each into a
// call on the RunSession (step, rewind, run until) or a change of the window's own state.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kafkasim::ui {

enum class CommandKind : std::uint8_t {
    toggle_play,
    step,             // one event forward
    step_back,        // one event back
    next_interesting, // to the next fault, election, ISR change, rebalance, caption…
    rewind_to_start,
    faster,
    slower,
    jump_to_time,     // to `at_ms`
    jump_to_event,    // to `event` (a timeline marker, an event log row)
    toggle_presenter, // the presenter's arrangement: cluster, timeline, narration, large
    open_picker,      // the lessons (again: back to the session, if there is one)
    open_scenario,    // `path` with `knobs`: a new session in place of the current one
    toggle_charts,    // the charts in the partitions panel's place
    toggle_help,
    toggle_theme,
    toggle_lang,
    zoom_in,          // the cluster view
    zoom_out,
    reset_view,       // the cluster view's zoom and pan
};

struct Command {
    CommandKind kind;
    std::int64_t at_ms = 0;    // jump_to_time only
    std::uint64_t event = 0;   // jump_to_event only
    std::string path{};        // open_scenario only: a file
    std::vector<std::pair<std::string, std::string>> knobs{};  // open_scenario only: (name, value)
    bool operator==(const Command&) const = default;
};

// Key codes as GLFW numbers them (ImGui 1.86's backend indexes io.KeysDown with them), so
// tests can press keys without GLFW.
namespace key {
inline constexpr int space = 32;
inline constexpr int minus = 45;
inline constexpr int zero = 48;
inline constexpr int equal = 61;  // '+' with shift
inline constexpr int slash = 47;  // '?' with shift
inline constexpr int b = 66;
inline constexpr int c = 67;
inline constexpr int l = 76;
inline constexpr int n = 78;
inline constexpr int o = 79;
inline constexpr int p = 80;
inline constexpr int t = 84;
inline constexpr int right = 262;
inline constexpr int left = 263;
inline constexpr int down = 264;
inline constexpr int up = 265;
inline constexpr int home = 268;
inline constexpr int f1 = 290;
inline constexpr int keypad_subtract = 333;
inline constexpr int keypad_add = 334;
}  // namespace key

// The commands the keys pressed this frame ask for (none while a text field has focus):
// space play/pause, Right step, Left or b back, n next interesting, Home rewind, Up/Down
// speed, ? or F1 help, t theme, l language, + and - zoom the cluster view, 0 resets it, p the
// presenter's arrangement, o the lessons, c the charts.
std::vector<Command> keyboard_commands();

}  // namespace kafkasim::ui
