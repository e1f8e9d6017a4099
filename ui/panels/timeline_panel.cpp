#include "ui/panels/timeline_panel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "ui/chart.h"
#include "ui/panels/cluster_canvas.h"

namespace kafkasim::ui {

namespace {

constexpr std::array<MarkerKind, 11> legend_order{MarkerKind::fault,     MarkerKind::crash,  MarkerKind::restart,
                                                  MarkerKind::election,  MarkerKind::fencing, MarkerKind::isr,
                                                  MarkerKind::rebalance, MarkerKind::stable, MarkerKind::caption,
                                                  MarkerKind::holds,     MarkerKind::fails};

void legend(const Palette& p, float scale) {
    ImGui::SetWindowFontScale(0.85f);
    const float box = ImGui::GetFontSize() * 0.6f;
    for (MarkerKind k : legend_order) {
        const MarkerStyle s = marker_style(k, p);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float y = at.y + (ImGui::GetTextLineHeight() - box) / 2;
        ImGui::GetWindowDrawList()->AddRectFilled({at.x, y}, {at.x + box, y + box}, s.colour);
        ImGui::Dummy({box + 3 * scale, box});
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(s.name);
        ImGui::SameLine(0, 12 * scale);
    }
    ImGui::NewLine();
    ImGui::SetWindowFontScale(1.0f);
}

}  // namespace

MarkerKind marker_kind(const scenarios::Moment& m) {
    if (m.kind == "scenario.fault") return MarkerKind::fault;
    if (m.kind == "node.crash" || m.kind == "node.power_loss" || m.kind == "node.pause") return MarkerKind::crash;
    if (m.kind == "node.start") return MarkerKind::restart;
    if (m.kind == "controller.elect") return MarkerKind::election;
    if (m.kind == "controller.fence" || m.kind == "controller.unfence") return MarkerKind::fencing;
    if (m.kind == "controller.isr") return MarkerKind::isr;
    if (m.kind == "group.rebalance") return MarkerKind::rebalance;
    if (m.kind == "group.state") return MarkerKind::stable;
    if (m.kind == "expectation") return m.label.ends_with(" holds") ? MarkerKind::holds : MarkerKind::fails;
    return MarkerKind::caption;
}

int marker_lane(MarkerKind kind) {
    switch (kind) {
        case MarkerKind::fault:
        case MarkerKind::crash:
        case MarkerKind::restart: return 0;
        case MarkerKind::election:
        case MarkerKind::fencing: return 1;
        case MarkerKind::isr: return 2;
        case MarkerKind::rebalance:
        case MarkerKind::stable: return 3;
        case MarkerKind::caption:
        case MarkerKind::holds:
        case MarkerKind::fails: return 4;
    }
    return 4;
}

MarkerStyle marker_style(MarkerKind kind, const Palette& p) {
    const int lane = marker_lane(kind);
    switch (kind) {
        case MarkerKind::fault: return {"fault", lane, p.paused};
        case MarkerKind::crash: return {"crash", lane, p.crashed};
        case MarkerKind::restart: return {"restart", lane, p.up};
        case MarkerKind::election: return {"election", lane, p.leader};
        case MarkerKind::fencing: return {"fencing", lane, p.fenced};
        case MarkerKind::isr: return {"ISR", lane, p.out_of_isr};
        case MarkerKind::rebalance: return {"rebalance", lane, p.fenced};
        case MarkerKind::stable: return {"stable", lane, p.up};
        case MarkerKind::caption: return {"caption", lane, p.text};
        case MarkerKind::holds: return {"holds", lane, p.up};
        case MarkerKind::fails: return {"fails", lane, p.crashed};
    }
    return {"?", lane, p.muted};
}

float TimelinePanel::x_of(engine::Instant t) const {
    const double f = static_cast<double>(t.us()) / static_cast<double>(std::max<std::int64_t>(axis_end.us(), 1));
    return strip_min.x + static_cast<float>(std::clamp(f, 0.0, 1.0)) * (strip_max.x - strip_min.x);
}

engine::Instant TimelinePanel::time_at(float x) const {
    const float w = std::max(strip_max.x - strip_min.x, 1.0f);
    const double f = std::clamp(static_cast<double>(x - strip_min.x) / static_cast<double>(w), 0.0, 1.0);
    return engine::Instant::from_us(static_cast<std::int64_t>(std::llround(f * static_cast<double>(axis_end.us()))));
}

ImVec2 TimelinePanel::marker_at(const scenarios::Moment& m) const {
    const float lane_h = (strip_max.y - strip_min.y) / static_cast<float>(lanes);
    const int lane = marker_lane(marker_kind(m));
    return {x_of(m.time), strip_min.y + lane_h * (static_cast<float>(lane) + 0.5f)};
}

std::optional<std::size_t> TimelinePanel::moment_at(const std::vector<scenarios::Moment>& moments, ImVec2 pointer) const {
    if (pointer.y < strip_min.y || pointer.y > strip_max.y) return std::nullopt;
    const float lane_h = (strip_max.y - strip_min.y) / static_cast<float>(lanes);
    const int lane = std::clamp(static_cast<int>((pointer.y - strip_min.y) / lane_h), 0, lanes - 1);
    std::optional<std::size_t> best;
    float best_dx = 5;
    for (std::size_t i = 0; i < moments.size(); ++i) {
        if (marker_lane(marker_kind(moments[i])) != lane) continue;
        const float dx = std::abs(x_of(moments[i].time) - pointer.x);
        if (dx <= best_dx) best = i, best_dx = dx;  // later moments win ties: the latest state
    }
    return best;
}

std::vector<Command> TimelinePanel::draw(const scenarios::RunSession& session, const DrawContext& ctx) {
    std::vector<Command> out;
    if (!begin_panel("Timeline", PanelId::timeline, ctx,
                     ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        ImGui::End();
        return out;
    }
    legend(ctx.palette, ctx.text_scale);
    ImGui::SetWindowFontScale(0.8f);
    const float label_h = ImGui::GetTextLineHeight() + 2;
    ImGui::SetWindowFontScale(1.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float strip_h = std::max(avail.y - label_h, 10.0f);
    strip_min = origin;
    strip_max = {origin.x + std::max(avail.x, 10.0f), origin.y + strip_h};
    axis_end = session.end();
    ImGui::InvisibleButton("strip", {strip_max.x - strip_min.x, strip_h});
    pointer(session.moments(), ctx, out);
    draw_strip(session, ctx);
    draw_rebalances(session, ctx);
    draw_markers(session.moments(), ctx);
    // After the drawing, the strip is still the last item: its hover is the tooltip's.
    tooltip(session.moments(), ctx);
    ImGui::End();
    return out;
}

void TimelinePanel::pointer(const std::vector<scenarios::Moment>& moments, const DrawContext& ctx, std::vector<Command>& out) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    hovered = ImGui::IsItemHovered() ? moment_at(moments, mouse) : std::nullopt;
    if (ImGui::IsItemActivated()) {
        scrubbing = !hovered.has_value();
        scrubbed_ms = -1;
        if (hovered) out.push_back({CommandKind::jump_to_event, 0, moments[*hovered].event});
    }
    pending_ms = -1;
    if (scrubbing) {
        // Forward, the model runs on. Back past the few kept views the scenario runs again from
        // the start, most of a second on the largest lessons: a drag back waits for the pointer
        // to rest or the button to let go, and shows where it will go meanwhile.
        const std::int64_t ms = time_at(mouse.x).ms();
        const bool back = engine::Instant::from_ms(ms) < ctx.clock;
        const bool resting = ImGui::GetIO().MouseDelta.x == 0 || !ImGui::IsItemActive();
        if (ms != scrubbed_ms && (!back || resting)) {
            out.push_back({CommandKind::jump_to_time, ms});
            scrubbed_ms = ms;
        } else if (ms != scrubbed_ms) {
            pending_ms = ms;
        }
    }
    if (!ImGui::IsItemActive()) scrubbing = false;
}

void TimelinePanel::draw_strip(const scenarios::RunSession& session, const DrawContext& ctx) const {
    const Palette& p = ctx.palette;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(strip_min, strip_max, p.box);
    // The part of the run some execution has computed: jumping inside it costs at most a re-run.
    dl->AddRectFilled(strip_min, {x_of(session.computed_until()), strip_max.y}, with_alpha(p.log_fill, 110));
    const float lane_h = (strip_max.y - strip_min.y) / static_cast<float>(lanes);
    for (int i = 1; i < lanes; ++i)
        dl->AddLine({strip_min.x, strip_min.y + lane_h * static_cast<float>(i)},
                    {strip_max.x, strip_min.y + lane_h * static_cast<float>(i)}, with_alpha(p.muted, 40));
    // Ticks and their labels under the strip.
    ImGui::SetWindowFontScale(0.8f);
    const std::int64_t span_ms = axis_end.ms();
    const std::int64_t step = tick_step(span_ms, strip_max.x - strip_min.x, 80 * ctx.text_scale);
    for (std::int64_t ms = 0; ms <= span_ms; ms += step) {
        const float x = x_of(engine::Instant::from_ms(ms));
        dl->AddLine({x, strip_max.y}, {x, strip_max.y + 4}, p.muted);
        const std::string label = tick_label(ms);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        if (x + w / 2 < strip_max.x)
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), {std::max(x - w / 2, strip_min.x), strip_max.y + 2}, p.muted,
                        label.c_str());
    }
    // Where the drained phase begins: producers stop and every fault heals.
    const float drain = x_of(engine::Instant{} + session.spec().duration);
    dl->AddLine({drain, strip_min.y}, {drain, strip_max.y}, p.muted, 1.5f);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), {drain + 3, strip_min.y}, p.muted, "drain");
    ImGui::SetWindowFontScale(1.0f);
}

void TimelinePanel::draw_rebalances(const scenarios::RunSession& session, const DrawContext& ctx) {
    // From a group's first rebalance record to its next stable state: the time its members
    // stop (the eager protocol's pause), as a band in the groups' lane.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float lane_h = (strip_max.y - strip_min.y) / static_cast<float>(lanes);
    const float y0 = strip_min.y + lane_h * static_cast<float>(marker_lane(MarkerKind::rebalance));
    rebalances.clear();
    const auto band = [&](engine::Instant from, engine::Instant to) {
        rebalances.emplace_back(from, to);
        dl->AddRectFilled({x_of(from), y0 + 1}, {std::max(x_of(to), x_of(from) + 1), y0 + lane_h - 1},
                          with_alpha(ctx.palette.fenced, 70));
    };
    std::map<std::string, engine::Instant, std::less<>> open;  // group -> since when
    for (const scenarios::Moment& m : session.moments()) {
        const MarkerKind k = marker_kind(m);
        if (k != MarkerKind::rebalance && k != MarkerKind::stable) continue;
        // Labels start with the group: "g rebalances: …", "g stable, generation 2" (run_probes.cpp).
        const std::string group =
            m.label.substr(0, k == MarkerKind::rebalance ? m.label.find(" rebalances: ") : m.label.rfind(" stable, generation"));
        if (k == MarkerKind::rebalance) {
            open.emplace(group, m.time);
        } else if (const auto it = open.find(group); it != open.end()) {
            band(it->second, m.time);
            open.erase(it);
        }
    }
    for (const auto& [group, since] : open) band(since, session.computed_until());
}

void TimelinePanel::draw_markers(const std::vector<scenarios::Moment>& moments, const DrawContext& ctx) const {
    const Palette& p = ctx.palette;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float lane_h = (strip_max.y - strip_min.y) / static_cast<float>(lanes);
    for (std::size_t i = 0; i < moments.size(); ++i) {
        const MarkerStyle s = marker_style(marker_kind(moments[i]), p);
        const float x = x_of(moments[i].time);
        const float y0 = strip_min.y + lane_h * static_cast<float>(s.lane) + 1;
        const float width = hovered == i ? 4.0f : 2.0f;
        dl->AddLine({x, y0}, {x, y0 + lane_h - 2}, s.colour, width * ctx.text_scale);
    }
    if (pending_ms >= 0) {
        const float x = x_of(engine::Instant::from_ms(pending_ms));
        dl->AddLine({x, strip_min.y}, {x, strip_max.y}, with_alpha(p.text, 120), 2 * ctx.text_scale);
    }
    // The current time: the playback clock, written beside it on whichever side has room (the
    // presenter has no control bar).
    const float cursor = x_of(ctx.clock);
    dl->AddLine({cursor, strip_min.y - 2}, {cursor, strip_max.y + 2}, p.text, 2 * ctx.text_scale);
    const float tri = 6 * ctx.text_scale;
    dl->AddTriangleFilled({cursor - tri, strip_min.y - 2}, {cursor + tri, strip_min.y - 2}, {cursor, strip_min.y + tri}, p.text);
    const std::string now = clock_text(ctx.clock);
    const ImVec2 now_size = ImGui::CalcTextSize(now.c_str());
    const float now_x = cursor + 6 + now_size.x < strip_max.x ? cursor + 6 : cursor - 6 - now_size.x;
    dl->AddRectFilled({now_x - 2, strip_max.y - now_size.y - 2}, {now_x + now_size.x + 2, strip_max.y}, with_alpha(p.panel, 200));
    dl->AddText({now_x, strip_max.y - now_size.y - 1}, p.text, now.c_str());
}

void TimelinePanel::tooltip(const std::vector<scenarios::Moment>& moments, const DrawContext& ctx) const {
    if (!hovered) {
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: click or drag to go there", clock_text(time_at(ImGui::GetIO().MousePos.x)).c_str());
        return;
    }
    ImGui::BeginTooltip();
    const scenarios::Moment& m = moments[*hovered];
    const int lane = marker_lane(marker_kind(m));
    const float x = x_of(m.time);
    int shown = 0;
    for (const scenarios::Moment& n : moments) {
        if (marker_lane(marker_kind(n)) != lane || std::abs(x_of(n.time) - x) > 5) continue;
        if (++shown > 8) continue;
        const MarkerStyle s = marker_style(marker_kind(n), ctx.palette);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.colour), "%s", s.name);
        ImGui::SameLine();
        ImGui::Text("%s  %s  (event %llu)", clock_text(n.time).c_str(), n.label.c_str(), static_cast<unsigned long long>(n.event));
    }
    if (shown > 8) ImGui::TextDisabled("and %d more here", shown - 8);
    ImGui::TextDisabled("click: go to %s", m.label.c_str());
    ImGui::EndTooltip();
}

}  // namespace kafkasim::ui
