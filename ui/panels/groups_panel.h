// The groups panel: each consumer group's state, generation and protocol; its members, who
// owns which partition with the lag of each (high watermark minus committed offset);
// members paused by a rebalance greyed, idle members marked.
#pragma once

#include "ui/draw_context.h"

namespace kafkasim::ui {

struct GroupsPanel {
    void draw(const scenarios::ClusterView& view, const DrawContext& ctx);
};

}  // namespace kafkasim::ui
