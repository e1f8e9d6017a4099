#include "ui/panels/event_log_panel.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

namespace kafkasim::ui {

namespace {

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool contains_lower(std::string_view haystack, const std::string& needle_lower) {
    const auto it = std::search(haystack.begin(), haystack.end(), needle_lower.begin(), needle_lower.end(),
                                [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != haystack.end();
}

// A combo over `names` (sorted for the eye, the choice kept as an index into `names`).
void name_combo(const char* label, const char* all, int& choice, const std::vector<std::string>& names, float width) {
    const auto shown = [&](int i) { return names[static_cast<std::size_t>(i)].empty() ? std::string("(engine)") : names[static_cast<std::size_t>(i)]; };
    ImGui::SetNextItemWidth(width);
    const std::string preview = choice < 0 || choice >= static_cast<int>(names.size()) ? all : shown(choice);
    if (!ImGui::BeginCombo(label, preview.c_str())) return;
    if (ImGui::Selectable(all, choice < 0)) choice = -1;
    std::vector<int> order(names.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return names[static_cast<std::size_t>(a)] < names[static_cast<std::size_t>(b)]; });
    for (int i : order)
        if (ImGui::Selectable(shown(i).c_str(), choice == i)) choice = i;
    ImGui::EndCombo();
}

}  // namespace

bool EventLogPanel::matches(const scenarios::TraceLog& log, const scenarios::TraceLog::Entry& e) const {
    if (filter.node >= 0 && e.node != filter.node) return false;
    if (filter.kind >= 0 && e.kind != filter.kind) return false;
    if (filter.partition >= 0 && e.partition != filter.partition) return false;
    if (search_lower_.empty()) return true;
    return contains_lower(log.fields(e), search_lower_) || contains_lower(log.kind(e), search_lower_) ||
           contains_lower(log.node(e), search_lower_) || contains_lower(log.partition(e), search_lower_);
}

void EventLogPanel::refresh(const scenarios::TraceLog& log) {
    if (&log != log_ || !(filter == filtered_by_)) {
        log_ = &log;
        filtered_by_ = filter;
        search_lower_ = lowered(filter.search);
        rows_.clear();
        read_ = 0;
    }
    for (; read_ < log.size(); ++read_)
        if (matches(log, log[read_])) rows_.push_back(static_cast<std::uint32_t>(read_));
}

std::size_t EventLogPanel::shown_through(const scenarios::TraceLog& log, std::uint64_t event) const {
    const auto it = std::upper_bound(rows_.begin(), rows_.end(), event,
                                     [&](std::uint64_t e, std::uint32_t row) { return e < log[row].event; });
    return static_cast<std::size_t>(it - rows_.begin());
}

Command EventLogPanel::click(const scenarios::TraceLog& log, std::size_t row) const {
    return {CommandKind::jump_to_event, 0, log[rows_.at(row)].event};
}

void EventLogPanel::draw_filters(const scenarios::TraceLog& log) {
    const float unit = ImGui::GetFontSize();
    name_combo("##node", "every node", filter.node, log.nodes(), unit * 6.5f);
    ImGui::SameLine();
    name_combo("##kind", "every kind", filter.kind, log.kinds(), unit * 8);
    ImGui::SameLine();
    name_combo("##partition", "every partition", filter.partition, log.partitions(), unit * 7.5f);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, unit * 4));
    ImGui::InputTextWithHint("##search", "search", &filter.search);
    ImGui::Checkbox("follow", &follow);
    ImGui::SameLine();
}

std::vector<Command> EventLogPanel::draw(const scenarios::ClusterView& view, const scenarios::TraceLog& log, const DrawContext& ctx) {
    std::vector<Command> out;
    if (!begin_panel("Event log", PanelId::event_log, ctx)) {
        ImGui::End();
        return out;
    }
    draw_filters(log);
    refresh(log);
    const std::size_t shown = shown_through(log, view.event);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette.muted), "%zu of %zu records through event %llu%s", shown,
                       log.count_through(view.event), static_cast<unsigned long long>(view.event),
                       log.full() ? " (the log is full: later records are not kept)" : "");

    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
    if (ImGui::BeginTable("records", 5, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("event");
        ImGui::TableSetupColumn("time");
        ImGui::TableSetupColumn("node");
        ImGui::TableSetupColumn("kind");
        ImGui::TableSetupColumn("fields", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        // The last row at or before the current event is scrolled into view when the event changes.
        const bool scroll = follow && view.event != followed_event_ && shown > 0;
        followed_event_ = view.event;
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(shown));
        if (scroll) clipper.ForceDisplayRangeByIndices(static_cast<int>(shown) - 1, static_cast<int>(shown));
        const ImU32 current = (ctx.palette.leader & 0x00ffffffu) | (70u << 24);
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const scenarios::TraceLog::Entry& e = log[rows_[static_cast<std::size_t>(i)]];
                ImGui::TableNextRow();
                if (e.event == view.event) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, current);
                ImGui::TableNextColumn();
                ImGui::PushID(i);
                if (ImGui::Selectable(std::to_string(e.event).c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                    out.push_back(click(log, static_cast<std::size_t>(i)));
                if (ImGui::IsItemHovered()) {
                    const std::string_view f = log.fields(e);
                    ImGui::SetTooltip("%.*s\nclick: go to event %llu", static_cast<int>(f.size()), f.data(),
                                      static_cast<unsigned long long>(e.event));
                }
                ImGui::PopID();
                if (scroll && i + 1 == static_cast<int>(shown)) ImGui::SetScrollHereY(1.0f);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(clock_text(e.time).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(log.node(e).data(), log.node(e).data() + log.node(e).size());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(log.kind(e).data(), log.kind(e).data() + log.kind(e).size());
                ImGui::TableNextColumn();
                const std::string_view f = log.fields(e);
                ImGui::TextUnformatted(f.data(), f.data() + f.size());
            }
        }
        ImGui::EndTable();
    }
    ImGui::End();
    return out;
}

}  // namespace kafkasim::ui
