#include "ui/panels/groups_panel.h"

namespace kafkasim::ui {

namespace {

ImVec4 colour(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

std::int64_t lag_of(const scenarios::GroupView& g, const std::string& partition) {
    for (const scenarios::GroupOffsetState& o : g.offsets)
        if (o.topic + "-" + std::to_string(o.partition) == partition) return o.lag;
    return -1;
}

void producers(const scenarios::ClusterView& v, const DrawContext& ctx) {
    if (v.producers.empty()) return;
    ImGui::Separator();
    ImGui::TextUnformatted("Producers");
    for (const scenarios::ProducerView& p : v.producers)
        ImGui::TextColored(colour(p.up ? ctx.palette.text : ctx.palette.crashed),
                           "%s  %s  sent %lld  acked %lld  failed %lld  in flight %lld", p.name.c_str(), p.up ? "up" : "down",
                           static_cast<long long>(p.sent), static_cast<long long>(p.acked), static_cast<long long>(p.failed),
                           static_cast<long long>(p.in_flight));
}

void member_row(const scenarios::GroupView& g, const scenarios::MemberView& m, const DrawContext& ctx) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const ImVec4 text = colour(!m.up || m.rebalancing ? ctx.palette.muted : ctx.palette.text);
    ImGui::TextColored(text, "%s", m.name.substr(m.name.rfind('/') + 1).c_str());
    ImGui::TableNextColumn();
    if (!m.up) ImGui::TextColored(colour(ctx.palette.crashed), "down");
    else if (m.member_id.empty()) ImGui::TextColored(text, "not in group");
    else if (m.rebalancing) ImGui::TextColored(colour(ctx.palette.paused), "paused");
    else if (m.idle) ImGui::TextColored(colour(ctx.palette.out_of_isr), "idle");
    else ImGui::TextColored(colour(ctx.palette.up), "working");
    ImGui::TableNextColumn();
    if (m.partitions.empty()) ImGui::TextColored(text, "-");
    for (const scenarios::MemberPartitionView& p : m.partitions) {
        const std::int64_t lag = lag_of(g, p.partition);
        ImGui::TextColored(text, "%s  pos %lld  committed %lld  lag %s", p.partition.c_str(),
                           static_cast<long long>(p.position), static_cast<long long>(p.committed),
                           lag < 0 ? "?" : std::to_string(lag).c_str());
    }
}

}  // namespace

void GroupsPanel::draw(const scenarios::ClusterView& view, const DrawContext& ctx) {
    if (!begin_panel("Groups", PanelId::groups, ctx)) {
        ImGui::End();
        return;
    }
    if (view.groups.empty()) ImGui::TextColored(colour(ctx.palette.muted), "no consumer groups in this lesson");
    for (const scenarios::GroupView& g : view.groups) {
        const bool rebalancing = g.state == "PreparingRebalance" || g.state == "CompletingRebalance";
        ImGui::TextUnformatted(g.group.c_str());
        ImGui::SameLine();
        ImGui::TextColored(colour(rebalancing ? ctx.palette.paused : g.state == "Stable" ? ctx.palette.up : ctx.palette.muted),
                           "%s", g.state.c_str());
        ImGui::SameLine();
        ImGui::TextColored(colour(ctx.palette.muted), "generation %d  %s", g.generation, g.protocol.c_str());
        if (ImGui::BeginTable(g.group.c_str(), 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("member", ImGuiTableColumnFlags_WidthFixed, 110);
            ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthFixed, 90);
            ImGui::TableSetupColumn("partitions");
            for (const scenarios::MemberView& m : g.members) member_row(g, m, ctx);
            ImGui::EndTable();
        }
        ImGui::Spacing();
    }
    producers(view, ctx);
    ImGui::End();
}

}  // namespace kafkasim::ui
