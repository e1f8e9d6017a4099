#include "ui/playback.h"

#include <algorithm>

namespace kafkasim::ui {

void Playback::advance(scenarios::RunSession& session, double wall_seconds) {
    if (!playing) return;
    // A long frame (a rewind, a window being dragged) does not make the run jump ahead.
    const double dt = std::min(wall_seconds, 0.1);
    clock_ms += dt * 1000.0 * speeds[static_cast<std::size_t>(speed)];
    const double end_ms = static_cast<double>(session.end().us()) / 1000.0;
    if (clock_ms >= end_ms) {
        clock_ms = end_ms;
        while (session.step()) {
        }
        playing = false;
        return;
    }
    session.run_until(engine::Instant::from_us(static_cast<std::int64_t>(clock_ms * 1000.0)));
}

void Playback::sync(const scenarios::RunSession& session) {
    clock_ms = static_cast<double>(session.time().us()) / 1000.0;
}

}  // namespace kafkasim::ui
