#include "ui/panels/cluster_traffic.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "ui/theme.h"

namespace kafkasim::ui {

namespace {

using Pair = std::pair<std::string, std::string>;  // the two ends, in name order

Pair pair_of(const std::string& a, const std::string& b) { return a < b ? Pair{a, b} : Pair{b, a}; }

const ImVec2* find(const NodeCentres& centre, const std::string& name) {
    const auto it = centre.find(name);
    return it == centre.end() ? nullptr : &it->second;
}

// A message's size on screen: never smaller than a few pixels, however far the view is zoomed
// out, so a 48-partition cluster still shows its traffic.
float radius(const Canvas& c, bool response) { return std::max((response ? 4.0f : 6.0f) * c.zoom, response ? 2.5f : 3.5f); }

// Faulty links once per pair of nodes: how many directions, and one of them (a cut first).
std::map<Pair, std::pair<int, const scenarios::LinkView*>> faulty_pairs(const scenarios::ClusterView& v) {
    std::map<Pair, std::pair<int, const scenarios::LinkView*>> out;
    for (const scenarios::LinkView& l : v.faulty_links) {
        auto& [directions, link] = out[pair_of(l.from, l.to)];
        ++directions;
        if (link == nullptr || (l.cut && !link->cut)) link = &l;
    }
    return out;
}

}  // namespace

void draw_links(const Canvas& c, const scenarios::ClusterView& v, const NodeCentres& centre) {
    const Palette& p = c.ctx.palette;
    // Talking links, both directions as one line.
    std::map<Pair, engine::Instant> talked;
    for (const scenarios::TrafficView& t : v.traffic) {
        engine::Instant& last = talked[pair_of(t.from, t.to)];
        last = std::max(last, t.last_sent);
    }
    for (const auto& [ends, last] : talked) {
        if (v.time - last > talk_window) continue;
        const ImVec2* a = find(centre, ends.first);
        const ImVec2* b = find(centre, ends.second);
        if (a == nullptr || b == nullptr) continue;
        c.dl->AddLine(c.at(*a), c.at(*b), with_alpha(p.muted, 70), std::max(1.0f, 1.2f * c.zoom));
    }
    // Unhealthy links over them, strong.
    for (const auto& [ends, entry] : faulty_pairs(v)) {
        const auto& [directions, l] = entry;
        const ImVec2* a = find(centre, l->from);
        const ImVec2* b = find(centre, l->to);
        if (a == nullptr || b == nullptr) continue;
        c.dl->AddLine(c.at(*a), c.at(*b), l->cut ? p.link_cut : p.link_clogged, (l->cut ? 4.0f : 3.0f) * c.zoom);
    }
}

void draw_link_labels(const Canvas& c, const scenarios::ClusterView& v, const NodeCentres& centre) {
    const Palette& p = c.ctx.palette;
    for (const auto& [ends, entry] : faulty_pairs(v)) {
        const auto& [directions, l] = entry;
        const ImVec2* a = find(centre, l->from);
        const ImVec2* b = find(centre, l->to);
        if (a == nullptr || b == nullptr) continue;
        const ImU32 col = l->cut ? p.link_cut : p.link_clogged;
        std::string label = l->cut ? "CUT" : "clog +" + std::to_string(l->extra_ms) + "ms";
        if (directions == 1) label += " (one way)";
        const float size = c.ctx.fonts.body->FontSize * 0.85f;
        const ImVec2 text = c.ctx.fonts.body->CalcTextSizeA(size, 1e9f, 0, label.c_str());
        const ImVec2 mid = lerp(*a, *b, 0.5f);
        const ImVec2 at{mid.x - text.x / 2 - 4, mid.y - text.y / 2 - 2};
        c.fill(at, {at.x + text.x + 8, at.y + text.y + 4}, p.panel, 3);
        c.rect(at, {at.x + text.x + 8, at.y + text.y + 4}, col, 2.0f);
        c.text({at.x + 4, at.y + 2}, col, label, 0.85f);
    }
}

std::size_t draw_messages(const Canvas& c, const scenarios::ClusterView& v, const NodeCentres& centre,
                          std::size_t max_messages) {
    // Messages by link, in due order; each link gets an even share of the budget.
    struct Link {
        const ImVec2* from;
        const ImVec2* to;
        std::vector<const scenarios::MessageView*> messages;
    };
    std::map<std::pair<std::string_view, std::string_view>, Link> by_link;  // directed
    for (const scenarios::MessageView& m : v.messages) {
        const ImVec2* a = find(centre, m.from);
        const ImVec2* b = find(centre, m.to);
        if (a == nullptr || b == nullptr) continue;
        Link& link = by_link.try_emplace({m.from, m.to}, Link{a, b, {}}).first->second;
        link.messages.push_back(&m);
    }
    if (by_link.empty()) return 0;
    const std::size_t share = std::max<std::size_t>(1, max_messages / by_link.size());
    std::size_t drawn = 0;
    for (const auto& [names, link] : by_link) {
        const std::vector<const scenarios::MessageView*>& messages = link.messages;
        const std::size_t stride = (messages.size() + share - 1) / share;
        for (std::size_t i = 0; i < messages.size(); i += stride) {
            const scenarios::MessageView& m = *messages[i];
            const double span = static_cast<double>((m.due - m.sent).count_us());
            const double done = span > 0 ? static_cast<double>((c.ctx.clock - m.sent).count_us()) / span : 1.0;
            const float t = static_cast<float>(std::clamp(done, 0.0, 1.0));
            const ImVec2 at = c.at(lerp(*link.from, *link.to, t));
            const ImVec2 tail = c.at(lerp(*link.from, *link.to, std::max(0.0f, t - 0.08f)));
            const ImU32 col = message_colour(m.kind, m.from.starts_with("broker-") && m.kind == "Fetch");
            const float r = radius(c, m.response);
            c.dl->AddLine(tail, at, with_alpha(col, 150), r * 0.8f);
            c.dl->AddCircleFilled(at, r, col);
            c.dl->AddCircle(at, r, IM_COL32(0, 0, 0, 170), 0, 1.0f);
            ++drawn;
        }
    }
    return drawn;
}

}  // namespace kafkasim::ui
