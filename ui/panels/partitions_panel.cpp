#include "ui/panels/partitions_panel.h"

#include <algorithm>

#include "scenarios/runner/view_builder.h"


namespace kafkasim::ui {

namespace {

using scenarios::PartitionView;
using scenarios::ReplicaView;

// The copy a strip shows: the leader's, or while there is none the longest.
const ReplicaView* shown_copy(const PartitionView& p) {
    const ReplicaView* best = nullptr;
    for (const ReplicaView& r : p.copies) {
        if (!r.online) continue;
        if (r.leader) return &r;
        if (best == nullptr || r.log_end > best->log_end) best = &r;
    }
    return best;
}

// A vertical mark with its label to the right, above the strip or below it.
void marker(ImDrawList* dl, float x, float y0, float y1, ImU32 col, const char* label, bool below, const DrawContext& ctx) {
    dl->AddLine({x, y0}, {x, y1}, col, 2.5f);
    const float size = ctx.fonts.body->FontSize * 0.75f;
    dl->AddText(ctx.fonts.body, size, {x + 3, below ? y1 - size : y0}, col, label);
}

void strip(const scenarios::ClusterView& v, const PartitionView& p, const DrawContext& ctx) {
    const Palette& pal = ctx.palette;
    const ReplicaView* r = shown_copy(p);
    ImGui::Text("%s", p.name().c_str());
    ImGui::SameLine(110);
    if (r == nullptr) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.crashed), "offline: no live replica");
        return;
    }
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.muted), "start %lld  HW %lld  LEO %lld  leader %s  epoch %d",
                       static_cast<long long>(r->log_start), static_cast<long long>(r->high_watermark),
                       static_cast<long long>(r->log_end), p.leader < 0 ? "none" : ("broker-" + std::to_string(p.leader)).c_str(),
                       p.leader_epoch);
    const float cells = static_cast<float>(scenarios::view_records) + 4;
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x - 60;
    const float cell = w / cells;
    const float h = 22, mark = 12;
    // A strip scrolled out of sight costs nothing (48 partitions: most are).
    if (!ImGui::IsRectVisible(a, {a.x + w, a.y + h + 2 * mark + 4})) {
        ImGui::Dummy({w, h + 2 * mark + 4});
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::int64_t first = r->log_end - static_cast<std::int64_t>(scenarios::view_records);
    const auto x_of = [&](std::int64_t off) { return a.x + cell * static_cast<float>(off - first); };
    const float y0 = a.y + mark, y1 = y0 + h;
    dl->AddRectFilled({a.x, y0}, {a.x + w, y1}, (pal.muted & 0x00ffffffu) | 0x28000000u);
    for (const scenarios::RecordView& rec : r->last_records) {
        const float x = x_of(rec.offset);
        const bool committed = rec.offset < r->high_watermark;
        dl->AddRectFilled({x + 1, y0 + 1}, {x + cell - 1, y1 - 1},
                          committed ? key_colour(pal, rec.key) : (key_colour(pal, rec.key) & 0x00ffffffu) | 0x70000000u);
    }
    if (r->log_start >= first) marker(dl, x_of(r->log_start), y0 - 4, y1 + 4, pal.log_start, "start", true, ctx);
    marker(dl, x_of(r->high_watermark), y0 - 4, y1 + 4, pal.high_watermark, "HW", true, ctx);
    marker(dl, x_of(r->log_end), y0 - 4, y1 + 4, pal.log_end, "LEO", false, ctx);
    // Per group: committed offset above (triangle down), members' positions below (up).
    for (const scenarios::GroupView& g : v.groups) {
        for (const scenarios::GroupOffsetState& o : g.offsets)
            if (o.topic == p.topic && o.partition == p.partition && o.committed_offset >= first && o.committed_offset >= 0) {
                const float x = x_of(o.committed_offset);
                dl->AddTriangleFilled({x - 6, y0 - mark}, {x + 6, y0 - mark}, {x, y0 - 1}, pal.committed);
            }
        for (const scenarios::MemberView& m : g.members)
            for (const scenarios::MemberPartitionView& mp : m.partitions)
                if (mp.partition == p.name() && mp.position >= first && mp.position >= 0) {
                    const float x = x_of(mp.position);
                    dl->AddTriangleFilled({x - 6, y1 + mark}, {x + 6, y1 + mark}, {x, y1 + 1}, pal.position);
                }
    }
    ImGui::Dummy({w, h + 2 * mark + 4});
}

}  // namespace

void PartitionsPanel::draw(const scenarios::ClusterView& view, const DrawContext& ctx) {
    if (!begin_panel("Partitions", PanelId::partitions, ctx)) {
        ImGui::End();
        return;
    }
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.muted),
                       "newest records by key colour; faded: above the high watermark (not yet committed)");
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.committed), "  v committed");
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.position), "  ^ position");
    for (const scenarios::TopicView& t : view.topics) {
        if (t.internal && !internal_topics) continue;
        for (const PartitionView& p : t.partitions) strip(view, p, ctx);
    }
    if (view.topics.empty()) ImGui::TextUnformatted("no topics yet");
    ImGui::End();
}

}  // namespace kafkasim::ui
