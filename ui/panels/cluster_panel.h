// The cluster panel: the controller, the brokers and the clients as boxes with their state;
// under each broker its replicas (leader marked, followers out of the ISR drawn apart), with
// its log end and high watermark as bars, so a lagging follower and an unreplicated tail show
// at a glance; links between nodes that talk drawn faintly, unhealthy ones strong, cut or
// clogged; the messages in flight moving along their links, coloured by kind and thinned when
// there are many (cluster_traffic.h); each producer's idea of the leaders, stale ones marked.
// Zoom with the mouse wheel or + and -, pan by dragging, 0 resets.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "ui/draw_context.h"

namespace kafkasim::ui {

struct ClusterPanel {
    float zoom = 1.0f;
    ImVec2 pan{0, 0};
    std::size_t max_messages = 160;  // more are thinned to this many, shared evenly by links

    void draw(const scenarios::ClusterView& view, const DrawContext& ctx);
    // Zooms by `factor` (within 0.4x to 3x), keeping the point `about` (pixels from the
    // canvas's corner) where it is; by default the canvas's centre.
    void zoom_by(float factor, std::optional<ImVec2> about = std::nullopt);
    ImVec2 canvas_size{0, 0};  // by the last frame
    // Where the last frame drew each node's box (screen pixels), for tests and screenshots.
    std::map<std::string, PanelRect> boxes;
    std::size_t messages_drawn = 0;  // by the last frame
};

}  // namespace kafkasim::ui
