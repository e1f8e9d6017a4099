#include "ui/panels/cluster_panel.h"

#include <algorithm>
#include <cmath>

namespace kafkasim::ui {

namespace {

using scenarios::ClusterView;
using scenarios::PartitionView;
using scenarios::ReplicaView;
using scenarios::ServerView;

ImVec2 add(ImVec2 a, ImVec2 b) { return {a.x + b.x, a.y + b.y}; }
ImVec2 lerp(ImVec2 a, ImVec2 b, float t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

// Maps the panel's world coordinates (unzoomed pixels) to the screen.
struct Canvas {
    ImDrawList* dl;
    ImVec2 origin;
    ImVec2 pan;
    float zoom;
    const DrawContext& ctx;
    ImVec2 at(ImVec2 p) const { return {origin.x + pan.x + p.x * zoom, origin.y + pan.y + p.y * zoom}; }
    void text(ImVec2 p, ImU32 col, const std::string& s, float size = 1.0f) const {
        dl->AddText(ctx.fonts.body, ctx.fonts.body->FontSize * size * zoom, at(p), col, s.c_str());
    }
    void rect(ImVec2 a, ImVec2 b, ImU32 col, float thickness = 1.5f) const {
        dl->AddRect(at(a), at(b), col, 4 * zoom, 0, thickness * zoom);
    }
    void fill(ImVec2 a, ImVec2 b, ImU32 col, float rounding = 0) const { dl->AddRectFilled(at(a), at(b), col, rounding * zoom); }
};

constexpr float row_h = 19;
constexpr float head_h = 44;

ImU32 with_alpha(ImU32 c, int a) { return (c & 0x00ffffffu) | (static_cast<ImU32>(a) << 24); }

// The box of a server, with its name, its state written out, and a cross when it is down.
void server_box(const Canvas& c, ImVec2 a, ImVec2 b, const ServerView& s) {
    const Palette& p = c.ctx.palette;
    const ImU32 state = state_colour(p, s.state);
    c.fill(a, b, p.box, 4);
    c.fill(a, {b.x, a.y + head_h - 8}, state, 4);
    c.rect(a, b, state, s.state == scenarios::ServerState::up ? 1.5f : 3.0f);
    c.text({a.x + 8, a.y + 4}, IM_COL32(20, 20, 20, 255), s.name);
    std::string detail(scenarios::to_string(s.state));
    if (s.broker_epoch >= 0) detail += "  epoch " + std::to_string(s.broker_epoch);
    c.text({a.x + 8, a.y + 20}, IM_COL32(20, 20, 20, 255), detail, 0.8f);
    if (s.state == scenarios::ServerState::crashed) {
        c.dl->AddLine(c.at(a), c.at(b), with_alpha(state, 160), 3 * c.zoom);
        c.dl->AddLine(c.at({a.x, b.y}), c.at({b.x, a.y}), with_alpha(state, 160), 3 * c.zoom);
    }
}

// One replica row: the partition, its role, and its log as a bar against the partition's
// longest copy: filled to the high watermark, lighter to the log end.
void replica_row(const Canvas& c, ImVec2 a, float w, const PartitionView& part, const ReplicaView& r) {
    const Palette& p = c.ctx.palette;
    std::int64_t longest = 1;
    for (const ReplicaView& copy : part.copies) longest = std::max(longest, copy.log_end);
    const bool apart = !r.in_isr && !r.leader;  // out of the ISR: drawn apart, shifted right
    const float x0 = a.x + (apart ? 16 : 0);
    const ImU32 role = r.leader ? p.leader : apart ? p.out_of_isr : p.follower;
    const std::string tag = r.leader ? "L" : apart ? "out" : "F";
    c.text({x0, a.y}, role, part.name() + " " + tag, 0.85f);
    const float bar_x = a.x + w * 0.52f;
    const float bar_w = w * 0.46f - (apart ? 0 : 0);
    c.fill({bar_x, a.y + 3}, {bar_x + bar_w, a.y + row_h - 4}, with_alpha(p.muted, 50));
    if (!r.online) {
        c.text({bar_x + 4, a.y}, p.muted, "offline", 0.75f);
        return;
    }
    const auto x_of = [&](std::int64_t off) { return bar_x + bar_w * static_cast<float>(off) / static_cast<float>(longest); };
    c.fill({bar_x, a.y + 3}, {x_of(r.log_end), a.y + row_h - 4}, with_alpha(role, 110));
    c.fill({bar_x, a.y + 3}, {x_of(r.high_watermark), a.y + row_h - 4}, with_alpha(role, 230));
    c.dl->AddLine(c.at({x_of(r.high_watermark), a.y + 1}), c.at({x_of(r.high_watermark), a.y + row_h - 2}),
                  p.high_watermark, 2 * c.zoom);
}

struct Rows {
    std::vector<std::pair<const PartitionView*, const ReplicaView*>> replicas;
    int internal_leads = 0;
    int internal_copies = 0;
};

Rows rows_of(const ClusterView& v, std::int32_t broker) {
    Rows rows;
    for (const scenarios::TopicView& t : v.topics)
        for (const PartitionView& p : t.partitions)
            for (const ReplicaView& r : p.copies) {
                if (r.broker != broker) continue;
                if (t.internal) {
                    ++rows.internal_copies;
                    if (r.leader) ++rows.internal_leads;
                } else {
                    rows.replicas.emplace_back(&p, &r);
                }
            }
    return rows;
}

std::string short_name(const std::string& name) {
    const auto slash = name.rfind('/');
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

}  // namespace

void ClusterPanel::draw(const ClusterView& v, const DrawContext& ctx) {
    if (!begin_panel("Cluster", PanelId::cluster, ctx, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        ImGui::End();
        return;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::InvisibleButton("canvas", {std::max(avail.x, 1.0f), std::max(avail.y, 1.0f)});
    if (ImGui::IsItemHovered() && ImGui::GetIO().MouseWheel != 0) {
        zoom = std::clamp(zoom * (ImGui::GetIO().MouseWheel > 0 ? 1.1f : 1 / 1.1f), 0.4f, 3.0f);
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        pan = add(pan, ImGui::GetIO().MouseDelta);
    }
    // Fit the whole cluster in the panel's height at zoom 1: the tallest broker decides.
    std::size_t most_rows = 0;
    for (const ServerView& b : v.brokers) {
        const Rows rows = rows_of(v, b.broker);
        most_rows = std::max(most_rows, rows.replicas.size() + (rows.internal_copies > 0 ? 1 : 0));
    }
    const float needed = 6 + head_h + 60 + head_h + row_h * static_cast<float>(most_rows) + 8 + 40 + 40 + 24;
    const float scale = zoom * std::min(1.0f, avail.y / needed);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, add(origin, avail), true);
    const Canvas c{dl, origin, pan, scale, ctx};
    const float w = avail.x / scale;
    boxes.clear();
    std::map<std::string, ImVec2> centre;
    const auto place = [&](const std::string& name, ImVec2 a, ImVec2 b) {
        centre[name] = {(a.x + b.x) / 2, (a.y + b.y) / 2};
        boxes[name] = PanelRect{c.at(a), {(b.x - a.x) * scale, (b.y - a.y) * scale}};
    };

    // The controller on top, centred.
    const ImVec2 ca{w / 2 - 90, 6}, cb{w / 2 + 90, 6 + head_h};
    place(v.controller.name, ca, cb);

    // The brokers in a row, each as tall as its replica rows.
    const float gap = 14;
    const std::size_t n = std::max<std::size_t>(v.brokers.size(), 1);
    const float bw = std::min(300.0f, (w - gap * static_cast<float>(n + 1)) / static_cast<float>(n));
    const float row_y = cb.y + 60;
    float x = (w - (bw * static_cast<float>(n) + gap * static_cast<float>(n - 1))) / 2;
    float lowest = row_y;
    std::vector<std::pair<ImVec2, ImVec2>> broker_boxes;
    for (const ServerView& b : v.brokers) {
        const Rows rows = rows_of(v, b.broker);
        const float h = head_h + row_h * static_cast<float>(rows.replicas.size() + (rows.internal_copies > 0 ? 1 : 0)) + 8;
        broker_boxes.push_back({{x, row_y}, {x + bw, row_y + h}});
        place(b.name, {x, row_y}, {x + bw, row_y + h});
        lowest = std::max(lowest, row_y + h);
        x += bw + gap;
    }

    // The clients in a row below.
    std::vector<std::string> clients;
    for (const scenarios::ProducerView& p : v.producers) clients.push_back(p.name);
    for (const scenarios::GroupView& g : v.groups)
        for (const scenarios::MemberView& m : g.members) clients.push_back(m.name);
    const std::size_t k = std::max<std::size_t>(clients.size(), 1);
    const float cw = std::min(170.0f, (w - gap * static_cast<float>(k + 1)) / static_cast<float>(k));
    const float client_y = lowest + 40;
    x = (w - (cw * static_cast<float>(k) + gap * static_cast<float>(k - 1))) / 2;
    for (const std::string& name : clients) {
        place(name, {x, client_y}, {x + cw, client_y + 40});
        x += cw + gap;
    }
    centre["admin"] = {12, client_y + 20};

    // Unhealthy links under everything.
    for (const scenarios::LinkView& l : v.faulty_links) {
        const auto f = centre.find(l.from), t = centre.find(l.to);
        if (f == centre.end() || t == centre.end()) continue;
        const ImU32 col = l.cut ? ctx.palette.link_cut : ctx.palette.link_clogged;
        dl->AddLine(c.at(f->second), c.at(t->second), col, (l.cut ? 4.0f : 3.0f) * scale);
        const ImVec2 mid = lerp(f->second, t->second, 0.5f);
        c.text({mid.x - 20, mid.y - 10}, col, l.cut ? "CUT" : "clog +" + std::to_string(l.extra_ms) + "ms");
    }
    // The boxes on top.
    server_box(c, ca, cb, v.controller);
    for (std::size_t i = 0; i < v.brokers.size(); ++i) {
        const auto [a, b] = broker_boxes[i];
        server_box(c, a, b, v.brokers[i]);
        const Rows rows = rows_of(v, v.brokers[i].broker);
        float y = a.y + head_h;
        for (const auto& [part, replica] : rows.replicas) {
            replica_row(c, {a.x + 8, y}, bw - 16, *part, *replica);
            y += row_h;
        }
        if (rows.internal_copies > 0)
            c.text({a.x + 8, y}, ctx.palette.muted,
                   "__consumer_offsets: " + std::to_string(rows.internal_copies) + " copies, leads " +
                       std::to_string(rows.internal_leads), 0.8f);
    }
    for (const scenarios::ProducerView& p : v.producers) {
        const PanelRect& r = boxes[p.name];
        const ImVec2 a{(r.pos.x - origin.x - pan.x) / scale, (r.pos.y - origin.y - pan.y) / scale};
        const ImVec2 b{a.x + r.size.x / scale, a.y + r.size.y / scale};
        c.fill(a, b, ctx.palette.box, 4);
        c.rect(a, b, p.up ? message_colour("Produce", false) : ctx.palette.crashed);
        c.text({a.x + 6, a.y + 2}, ctx.palette.text, short_name(p.name), 0.85f);
        c.text({a.x + 6, a.y + 20}, ctx.palette.muted, "acked " + std::to_string(p.acked) + "  in flight " +
                                                           std::to_string(p.in_flight), 0.7f);
    }
    for (const scenarios::GroupView& g : v.groups)
        for (const scenarios::MemberView& m : g.members) {
            const PanelRect& r = boxes[m.name];
            const ImVec2 a{(r.pos.x - origin.x - pan.x) / scale, (r.pos.y - origin.y - pan.y) / scale};
            const ImVec2 b{a.x + r.size.x / scale, a.y + r.size.y / scale};
            const ImU32 col = !m.up ? ctx.palette.crashed : m.rebalancing ? ctx.palette.paused : message_colour("Fetch", false);
            c.fill(a, b, ctx.palette.box, 4);
            c.rect(a, b, col, m.up ? 1.5f : 3.0f);
            c.text({a.x + 6, a.y + 2}, m.up ? ctx.palette.text : ctx.palette.muted, short_name(m.name), 0.85f);
            std::string detail = !m.up ? "down" : m.member_id.empty() ? "joining" : std::to_string(m.partitions.size()) + " partitions";
            if (m.rebalancing) detail = "rebalancing";
            c.text({a.x + 6, a.y + 20}, ctx.palette.muted, g.group + ": " + detail, 0.7f);
        }
    // Messages in flight over the boxes, thinned evenly when there are many.
    const std::size_t stride = v.messages.size() / max_messages + 1;
    for (std::size_t i = 0; i < v.messages.size(); i += stride) {
        const scenarios::MessageView& m = v.messages[i];
        const auto f = centre.find(m.from), t = centre.find(m.to);
        if (f == centre.end() || t == centre.end()) continue;
        const double span = static_cast<double>((m.due - m.sent).count_us());
        const double done = span > 0 ? static_cast<double>((ctx.clock - m.sent).count_us()) / span : 1.0;
        const ImVec2 at = lerp(f->second, t->second, static_cast<float>(std::clamp(done, 0.0, 1.0)));
        const ImU32 col = message_colour(m.kind, m.from.starts_with("broker-") && m.kind == "Fetch");
        dl->AddCircleFilled(c.at(at), (m.response ? 4.0f : 6.0f) * scale, col);
        dl->AddCircle(c.at(at), (m.response ? 4.0f : 6.0f) * scale, IM_COL32(0, 0, 0, 160), 0, 1.0f);
    }

    c.text({8, client_y + 44}, ctx.palette.muted, std::to_string(v.messages.size()) + " messages in flight", 0.8f);
    dl->PopClipRect();
    ImGui::End();
}

}  // namespace kafkasim::ui
