// The timeline: the run's simulated time from 0 to its end across the window, the part already
// computed shaded, the drained phase's start marked, the current time as a cursor, and a marker
// for each of the session's moments (RunSession::moments()) in one of five lanes (faults and
// crashes, leaders and fencing, ISR changes, group rebalances, the lesson's captions and
// expectations), coloured by kind with a legend above, and each group's rebalances as bands
// from their start to the group's next stable state. Hovering a marker names it and its
// neighbours; clicking one jumps to its event; pressing anywhere else and dragging scrubs
// (run until the time under the pointer; back, once the pointer rests).
#pragma once

#include <optional>
#include <vector>

#include "scenarios/runner/run_session.h"
#include "ui/commands.h"
#include "ui/draw_context.h"

namespace kafkasim::ui {

enum class MarkerKind : std::uint8_t { fault, crash, restart, election, fencing, isr, rebalance, stable, caption, holds, fails };

struct MarkerStyle {
    const char* name;  // the legend's
    int lane;          // 0 at the top
    ImU32 colour;
};
MarkerKind marker_kind(const scenarios::Moment& m);
int marker_lane(MarkerKind kind);
MarkerStyle marker_style(MarkerKind kind, const Palette& palette);

struct TimelinePanel {
    bool scrubbing = false;                 // the left button went down on the strip, not on a marker
    std::int64_t scrubbed_ms = -1;          // the last time a scrub asked for
    std::int64_t pending_ms = -1;           // a drag back not yet asked for (the pointer moves)
    std::optional<std::size_t> hovered;     // the moment under the pointer, by the last frame

    // Reads the session (its moments, how far it has computed, its end); the commands move it.
    std::vector<Command> draw(const scenarios::RunSession& session, const DrawContext& ctx);

    // The strip's geometry by the last frame (screen pixels), for the pointer and for tests.
    ImVec2 strip_min{0, 0}, strip_max{0, 0};
    engine::Instant axis_end;
    float x_of(engine::Instant t) const;
    engine::Instant time_at(float x) const;
    // Where the last frame drew moment `m` (the middle of its tick).
    ImVec2 marker_at(const scenarios::Moment& m) const;
    // The moment whose marker is nearest `pointer` within a few pixels, by index into `moments`.
    std::optional<std::size_t> moment_at(const std::vector<scenarios::Moment>& moments, ImVec2 pointer) const;
    int lanes = 5;
    // Each group's rebalances drawn by the last frame: (start, next stable state or as far as computed).
    std::vector<std::pair<engine::Instant, engine::Instant>> rebalances;

private:
    // Hover, click and drag on the strip (the last item), as commands.
    void pointer(const std::vector<scenarios::Moment>& moments, const DrawContext& ctx, std::vector<Command>& out);
    void draw_strip(const scenarios::RunSession& session, const DrawContext& ctx) const;
    void draw_rebalances(const scenarios::RunSession& session, const DrawContext& ctx);
    void draw_markers(const std::vector<scenarios::Moment>& moments, const DrawContext& ctx) const;
    void tooltip(const std::vector<scenarios::Moment>& moments, const DrawContext& ctx) const;
};

}  // namespace kafkasim::ui
