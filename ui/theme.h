// Colours of the visualizer, dark (a screen) and light (a projector), from the Okabe-Ito
// palette, which stays distinct for viewers with the common colour-vision deficiencies.
// Colour is never the only signal: every state is also written (a crashed broker's box says
// "crashed" and is crossed out), and each record key's colour comes with its cell's position.
#pragma once

#include <imgui.h>

#include <string_view>

#include "scenarios/runner/cluster_view.h"

namespace kafkasim::ui {

enum class ThemeKind : std::uint8_t { dark, light };

struct Palette {
    ImU32 text, muted, panel, box, box_border;
    ImU32 up, crashed, paused, fenced, unregistered;
    ImU32 leader, follower, out_of_isr;
    ImU32 log_fill, high_watermark, log_end, log_start;
    ImU32 committed, position;
    ImU32 link_cut, link_clogged;
    ImU32 keys[8];  // record keys, by hash
};

const Palette& palette(ThemeKind theme);
// Sets ImGui's own colours for `theme`.
void apply_theme(ThemeKind theme);

ImU32 state_colour(const Palette& p, scenarios::ServerState s);
// A message's colour by its API name (Produce, Fetch, replica Fetch, AlterPartition, the group
// protocol, OffsetCommit, the rest); `from_broker` tells a replica Fetch from a consumer's.
ImU32 message_colour(std::string_view kind, bool from_broker);
// The colour of a record key (a stable hash of its bytes); no key has its own grey.
ImU32 key_colour(const Palette& p, const std::optional<std::string>& key);

}  // namespace kafkasim::ui
