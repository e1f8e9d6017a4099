// The cluster panel: the controller, the brokers and the clients as boxes with their state;
// under each broker its replicas (leader marked, followers out of the ISR drawn apart), with
// its log end and high watermark as bars, so a lagging follower and an unreplicated tail show
// at a glance; unhealthy links drawn cut or clogged; the messages in flight moving along
// their links, coloured by kind and thinned when there are many. Zoom with the mouse wheel,
// pan by dragging.
#pragma once

#include <map>
#include <string>

#include "ui/draw_context.h"

namespace kafkasim::ui {

struct ClusterPanel {
    float zoom = 1.0f;
    ImVec2 pan{0, 0};
    std::size_t max_messages = 160;  // more are thinned to this many

    void draw(const scenarios::ClusterView& view, const DrawContext& ctx);
    // Where the last frame drew each node's box (screen pixels), for tests and screenshots.
    std::map<std::string, PanelRect> boxes;
};

}  // namespace kafkasim::ui
