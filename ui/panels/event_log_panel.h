// The event log: the trace records up to the current event (RunSession::trace_log()), newest
// at the bottom, filtered by node, kind and partition and searched by text; the current
// event's records highlighted and, while the session moves, scrolled into view. Clicking a row
// jumps to its event. Only the visible rows are drawn (ImGuiListClipper); the filtered rows
// are kept and extended as the log grows, and found again only when a filter changes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/runner/trace_log.h"
#include "ui/commands.h"
#include "ui/draw_context.h"

namespace kafkasim::ui {

struct EventLogFilter {
    int node = -1;       // into the log's nodes(); -1: every node
    int kind = -1;       // into kinds(); -1: every kind
    int partition = -1;  // into partitions(); -1: any record, with a partition or not
    std::string search;  // a case-insensitive substring of the row's text; empty: any
    bool operator==(const EventLogFilter&) const = default;
};

struct EventLogPanel {
    EventLogFilter filter;
    bool follow = true;  // scroll to the current event when it changes

    std::vector<Command> draw(const scenarios::ClusterView& view, const scenarios::TraceLog& log, const DrawContext& ctx);

    // The rows the filter lets through (indices into the log), as far as the log has been read.
    const std::vector<std::uint32_t>& rows() const { return rows_; }
    // Brings rows() up to date with the log and the filter (draw calls it).
    void refresh(const scenarios::TraceLog& log);
    // How many of rows() are at or before `event`: the rows shown.
    std::size_t shown_through(const scenarios::TraceLog& log, std::uint64_t event) const;
    // What clicking row `row` of rows() asks for.
    Command click(const scenarios::TraceLog& log, std::size_t row) const;

private:
    // The node, kind and partition combos, the search field and the follow box.
    void draw_filters(const scenarios::TraceLog& log);
    bool matches(const scenarios::TraceLog& log, const scenarios::TraceLog::Entry& e) const;

    std::vector<std::uint32_t> rows_;
    std::size_t read_ = 0;                 // log records checked against the filter
    EventLogFilter filtered_by_;
    const scenarios::TraceLog* log_ = nullptr;  // a new session's log starts the rows over
    std::string search_lower_;
    std::uint64_t followed_event_ = ~std::uint64_t{0};
};

}  // namespace kafkasim::ui
