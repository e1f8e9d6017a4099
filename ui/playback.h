// Playback: paces a run against the wall clock. The window reads the wall clock (only ui/
// may) and hands the seconds since the last frame to advance(), which moves a simulated
// clock by them times the speed and the session to the last event at or before it. Paused,
// the clock follows the session, which moves only by steps.
#pragma once

#include <array>
#include <cstdint>

#include "scenarios/runner/run_session.h"

namespace kafkasim::ui {

// Simulated seconds per wall second: slow motion to fast.
inline constexpr std::array<double, 9> speeds{0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25};
inline constexpr int default_speed = 4;

struct Playback {
    bool playing = false;
    int speed = default_speed;  // index into speeds
    double clock_ms = 0;        // the simulated time shown; at or after the session's

    void advance(scenarios::RunSession& session, double wall_seconds);
    // Puts the clock on the session's current event (after a step or a rewind).
    void sync(const scenarios::RunSession& session);
};

}  // namespace kafkasim::ui
