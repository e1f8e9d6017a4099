#include "ui/panels/cluster_panel.h"

#include <algorithm>
#include <cmath>

#include "ui/panels/cluster_traffic.h"

namespace kafkasim::ui {

namespace {

using scenarios::ClusterView;
using scenarios::PartitionView;
using scenarios::ReplicaView;
using scenarios::ServerView;

std::string short_name(const std::string& name) {
    const auto slash = name.rfind('/');
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

constexpr float row_h = 19;
constexpr float head_h = 44;
constexpr float client_h = 56;

// The partitions whose leader a producer's metadata has wrong: "orders-0->b2".
std::vector<std::string> stale_leaders(const scenarios::ProducerView& p, const ClusterView& v) {
    std::vector<std::string> out;
    for (const scenarios::KnownLeaderView& k : p.leaders) {
        const auto dash = k.partition.rfind('-');
        const PartitionView* part = v.partition(k.partition.substr(0, dash), std::stoi(k.partition.substr(dash + 1)));
        if (part != nullptr && part->leader != k.leader)
            out.push_back(k.partition + "->" + (k.leader < 0 ? "none" : "b" + std::to_string(k.leader)));
    }
    return out;
}

// A producer: its counts, and whether its metadata's idea of the leaders is current. A stale
// leader is what NOT_LEADER_OR_FOLLOWER and a refresh fix; hover for every partition's.
void producer_box(const Canvas& c, ImVec2 a, ImVec2 b, const scenarios::ProducerView& p, const ClusterView& v) {
    const Palette& pal = c.ctx.palette;
    c.fill(a, b, pal.box, 4);
    c.rect(a, b, p.up ? message_colour("Produce", false) : pal.crashed);
    c.text({a.x + 6, a.y + 2}, pal.text, short_name(p.name), 0.85f);
    c.text({a.x + 6, a.y + 20}, pal.muted, "acked " + std::to_string(p.acked) + "  in flight " + std::to_string(p.in_flight), 0.7f);
    const std::vector<std::string> stale = stale_leaders(p, v);
    std::string line = !p.up ? "down" : p.leaders.empty() ? "no metadata yet" : "metadata: leaders current";
    if (!stale.empty()) line = "stale: " + stale.front() + (stale.size() > 1 ? " +" + std::to_string(stale.size() - 1) : "");
    c.text({a.x + 6, a.y + 36}, stale.empty() ? pal.muted : pal.out_of_isr, line, 0.7f);
    if (!p.leaders.empty() && ImGui::IsMouseHoveringRect(c.at(a), c.at(b))) {
        ImGui::BeginTooltip();
        ImGui::Text("%s: leaders as its metadata has them", p.name.c_str());
        for (const scenarios::KnownLeaderView& k : p.leaders)
            ImGui::Text("%s  broker %d  epoch %d", k.partition.c_str(), k.leader, k.leader_epoch);
        ImGui::EndTooltip();
    }
}

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

// A replica as a small cell, for brokers with more replicas than rows fit: the partition's
// number (with its topic's initial when there are several topics), "L" for the leader and
// "x" out of the ISR beside the role's colour, and its log as a strip along the bottom,
// filled to the high watermark.
void replica_cell(const Canvas& c, ImVec2 a, ImVec2 size, const PartitionView& part, const ReplicaView& r, bool topics) {
    const Palette& p = c.ctx.palette;
    std::int64_t longest = 1;
    for (const ReplicaView& copy : part.copies) longest = std::max(longest, copy.log_end);
    const bool apart = !r.in_isr && !r.leader;
    const ImU32 role = !r.online ? p.muted : r.leader ? p.leader : apart ? p.out_of_isr : p.follower;
    const ImVec2 b{a.x + size.x - 3, a.y + size.y - 3};
    // Square corners: a rounded rectangle costs ten times the vertices, and there are many cells.
    c.fill(a, b, with_alpha(role, r.leader ? 90 : 35));
    c.rect(a, b, role, r.leader ? 2.0f : 1.0f, 0);
    std::string label = (topics ? part.topic.substr(0, 1) : "") + std::to_string(part.partition);
    label += r.leader ? "L" : apart ? "x" : "";
    c.text({a.x + 3, a.y + 1}, r.online ? p.text : p.muted, r.online ? label : label + "-", 0.7f);
    if (!r.online) return;
    const float w = b.x - a.x - 4;
    const auto x_of = [&](std::int64_t off) { return a.x + 2 + w * static_cast<float>(off) / static_cast<float>(longest); };
    c.fill({a.x + 2, b.y - 5}, {x_of(r.log_end), b.y - 2}, with_alpha(role, 120));
    c.fill({a.x + 2, b.y - 5}, {x_of(r.high_watermark), b.y - 2}, with_alpha(role, 240));
}

constexpr float cell_w = 38;
constexpr float cell_h = 24;
constexpr std::size_t compact_after = 12;  // replica rows per broker before cells

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

}  // namespace

void ClusterPanel::zoom_by(float factor, std::optional<ImVec2> about) {
    const ImVec2 p = about.value_or(ImVec2{canvas_size.x / 2, canvas_size.y / 2});
    const float next = std::clamp(zoom * factor, 0.4f, 3.0f);
    const float k = next / zoom;
    pan = {p.x - (p.x - pan.x) * k, p.y - (p.y - pan.y) * k};
    zoom = next;
}

void ClusterPanel::draw(const ClusterView& v, const DrawContext& ctx) {
    if (!begin_panel("Cluster", PanelId::cluster, ctx, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        ImGui::End();
        return;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::InvisibleButton("canvas", {std::max(avail.x, 1.0f), std::max(avail.y, 1.0f)});
    canvas_size = avail;
    if (ImGui::IsItemHovered() && ImGui::GetIO().MouseWheel != 0) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        zoom_by(ImGui::GetIO().MouseWheel > 0 ? 1.1f : 1 / 1.1f, ImVec2{mouse.x - origin.x, mouse.y - origin.y});
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        pan = add(pan, ImGui::GetIO().MouseDelta);
    }
    // Fit the whole cluster in the panel's height at zoom 1: the tallest broker decides. Past
    // a dozen replicas a broker shows them as cells, several to a row.
    std::vector<Rows> rows;
    std::size_t most = 0;
    for (const ServerView& b : v.brokers) {
        rows.push_back(rows_of(v, b.broker));
        most = std::max(most, rows.back().replicas.size());
    }
    const bool compact = most > compact_after;
    const std::size_t topics = static_cast<std::size_t>(
        std::count_if(v.topics.begin(), v.topics.end(), [](const scenarios::TopicView& t) { return !t.internal; }));
    const float gap = 14;
    const std::size_t n = std::max<std::size_t>(v.brokers.size(), 1);
    const auto broker_width = [&](float world_w) {
        return std::min(300.0f, (world_w - gap * static_cast<float>(n + 1)) / static_cast<float>(n));
    };
    const auto columns = [&](float bw) { return compact ? std::max(1, static_cast<int>((bw - 16) / cell_w)) : 1; };
    const auto broker_h = [&](const Rows& r, int cols) {
        const std::size_t lines = (r.replicas.size() + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols);
        return head_h + (compact ? cell_h : row_h) * static_cast<float>(lines) + (r.internal_copies > 0 ? row_h : 0) + 8;
    };
    // The presenter's larger text magnifies the whole world with it, so the boxes still hold it.
    const float text = ctx.text_scale;
    float tallest = 0;
    for (const Rows& r : rows) tallest = std::max(tallest, broker_h(r, columns(broker_width(avail.x / text))));
    const float needed = 6 + head_h + 60 + tallest + 40 + client_h + 24;
    const float fit = std::min(1.0f, avail.y / (needed * text));
    const float scale = zoom * fit * text;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, add(origin, avail), true);
    const Canvas c{dl, origin, pan, scale, ctx};
    const float w = avail.x / (fit * text);  // the world's width: zooming magnifies it, never reflows it
    boxes.clear();
    NodeCentres centre;
    std::map<std::string, std::pair<ImVec2, ImVec2>, std::less<>> world;  // each box's corners
    const auto place = [&](const std::string& name, ImVec2 a, ImVec2 b) {
        centre[name] = {(a.x + b.x) / 2, (a.y + b.y) / 2};
        world[name] = {a, b};
        boxes[name] = PanelRect{c.at(a), {(b.x - a.x) * scale, (b.y - a.y) * scale}};
    };

    // The controller on top, centred.
    const ImVec2 ca{w / 2 - 90, 6}, cb{w / 2 + 90, 6 + head_h};
    place(v.controller.name, ca, cb);

    // The brokers in a row, each as tall as its replica rows.
    const float bw = broker_width(w);
    const int cols = columns(bw);
    const float row_y = cb.y + 60;
    float x = (w - (bw * static_cast<float>(n) + gap * static_cast<float>(n - 1))) / 2;
    float lowest = row_y;
    std::vector<std::pair<ImVec2, ImVec2>> broker_boxes;
    for (std::size_t i = 0; i < v.brokers.size(); ++i) {
        const ServerView& b = v.brokers[i];
        const float h = broker_h(rows[i], cols);
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
        place(name, {x, client_y}, {x + cw, client_y + client_h});
        x += cw + gap;
    }
    centre["admin"] = {12, client_y + client_h / 2};

    // Links under everything: faint where nodes talk, strong where cut or clogged.
    draw_links(c, v, centre);
    // The boxes on top.
    server_box(c, ca, cb, v.controller);
    for (std::size_t i = 0; i < v.brokers.size(); ++i) {
        const auto [a, b] = broker_boxes[i];
        server_box(c, a, b, v.brokers[i]);
        const Rows& r = rows[i];
        float y = a.y + head_h;
        for (std::size_t j = 0; j < r.replicas.size(); ++j) {
            const auto& [part, replica] = r.replicas[j];
            if (!compact) {
                replica_row(c, {a.x + 8, y}, bw - 16, *part, *replica);
                y += row_h;
                continue;
            }
            const int col = static_cast<int>(j % static_cast<std::size_t>(cols));
            replica_cell(c, {a.x + 8 + cell_w * static_cast<float>(col), y}, {cell_w, cell_h}, *part, *replica, topics > 1);
            if (col == cols - 1 || j + 1 == r.replicas.size()) y += cell_h;
        }
        if (r.internal_copies > 0)
            c.text({a.x + 8, y}, ctx.palette.muted,
                   "__consumer_offsets: " + std::to_string(r.internal_copies) + " copies, leads " +
                       std::to_string(r.internal_leads), 0.8f);
    }
    for (const scenarios::ProducerView& p : v.producers) {
        const auto [a, b] = world.at(p.name);
        producer_box(c, a, b, p, v);
    }
    for (const scenarios::GroupView& g : v.groups)
        for (const scenarios::MemberView& m : g.members) {
            const auto [a, b] = world.at(m.name);
            const ImU32 col = !m.up ? ctx.palette.crashed : m.rebalancing ? ctx.palette.paused : message_colour("Fetch", false);
            c.fill(a, b, ctx.palette.box, 4);
            c.rect(a, b, col, m.up ? 1.5f : 3.0f);
            c.text({a.x + 6, a.y + 2}, m.up ? ctx.palette.text : ctx.palette.muted, short_name(m.name), 0.85f);
            std::string detail = !m.up ? "down" : m.member_id.empty() ? "joining" : std::to_string(m.partitions.size()) + " partitions";
            if (m.rebalancing) detail = "rebalancing";
            c.text({a.x + 6, a.y + 20}, ctx.palette.muted, g.group + ": " + detail, 0.7f);
        }
    // Messages in flight and the faulty links' labels over the boxes.
    messages_drawn = draw_messages(c, v, centre, max_messages);
    draw_link_labels(c, v, centre);

    std::string count = std::to_string(v.messages.size()) + " messages in flight";
    if (messages_drawn < v.messages.size()) count += ", " + std::to_string(messages_drawn) + " shown";
    c.text({8, client_y + client_h + 4}, ctx.palette.muted, count, 0.8f);
    dl->PopClipRect();
    ImGui::End();
}

}  // namespace kafkasim::ui
