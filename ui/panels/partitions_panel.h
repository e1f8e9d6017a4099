// The partitions panel: each partition's log as a strip of its newest records, coloured by
// key, with the log start, the high watermark and the log end marked, and for each group its
// committed offset (above the strip) and each member's position (below), so "current vs
// committed offset" is a picture.
#pragma once

#include "ui/draw_context.h"

namespace kafkasim::ui {

struct PartitionsPanel {
    bool internal_topics = false;  // __consumer_offsets too

    void draw(const scenarios::ClusterView& view, const DrawContext& ctx);
};

}  // namespace kafkasim::ui
