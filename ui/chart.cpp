#include "ui/chart.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace kafkasim::ui {

std::string tick_label(std::int64_t ms) {
    char buf[32];
    if (ms % 1000 != 0) std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000);
    else if (ms < 60000) std::snprintf(buf, sizeof buf, "%lld s", static_cast<long long>(ms / 1000));
    else std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(ms / 60000), static_cast<long long>(ms / 1000 % 60));
    return buf;
}

std::int64_t tick_step(std::int64_t span_ms, float width, float min_px) {
    static constexpr std::array<std::int64_t, 14> steps{100,   200,   500,   1000,   2000,   5000,   10000,
                                                        15000, 30000, 60000, 120000, 300000, 600000, 1800000};
    for (std::int64_t s : steps)
        if (static_cast<float>(s) / static_cast<float>(std::max<std::int64_t>(span_ms, 1)) * width >= min_px) return s;
    return steps.back();
}

std::int64_t value_axis_top(const scenarios::SeriesChart& chart) {
    std::vector<std::int64_t> values;
    for (const scenarios::SeriesLine& l : chart.lines)
        for (std::int64_t v : l.values)
            if (v > 0) values.push_back(v);
    if (values.empty()) return 1;
    std::sort(values.begin(), values.end());
    const std::int64_t peak = values.back();
    const std::int64_t typical = values[values.size() * 98 / 100];
    return round_up(peak > 3 * typical ? typical + typical / 4 : peak);
}

std::int64_t round_up(std::int64_t v) {
    for (std::int64_t p = 1;; p *= 10)
        for (std::int64_t m : {1, 2, 5})
            if (m * p >= v) return m * p;
}

namespace {

// The title and each line's colour and name, on one line above the plot (eight at most).
void chart_legend(const scenarios::SeriesChart& chart, ImVec2 origin, float fs, const Palette& p) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    dl->AddText(font, fs, origin, p.text, chart.title.c_str());
    float lx = origin.x + font->CalcTextSizeA(fs, 1e9f, 0, chart.title.c_str()).x + 12;
    for (std::size_t i = 0; i < chart.lines.size() && i < 8; ++i) {
        dl->AddRectFilled({lx, origin.y + fs * 0.3f}, {lx + fs * 0.6f, origin.y + fs * 0.9f}, p.keys[i % 8]);
        lx += fs * 0.8f;
        dl->AddText(font, fs, {lx, origin.y}, p.muted, chart.lines[i].name.c_str());
        lx += font->CalcTextSizeA(fs, 1e9f, 0, chart.lines[i].name.c_str()).x + 10;
    }
    if (chart.lines.size() > 8)
        dl->AddText(font, fs, {lx, origin.y}, p.muted, ("+" + std::to_string(chart.lines.size() - 8) + " more").c_str());
}

void values_tooltip(const ChartInput& in, std::size_t bucket, const Palette& p) {
    ImGui::BeginTooltip();
    ImGui::Text("%s, until %s", in.chart.title.c_str(), clock_text(in.ends[bucket]).c_str());
    for (std::size_t i = 0; i < in.chart.lines.size(); ++i) {
        const std::int64_t v = bucket < in.chart.lines[i].values.size() ? in.chart.lines[i].values[bucket] : -1;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(p.keys[i % 8]), "%s", in.chart.lines[i].name.c_str());
        ImGui::SameLine();
        if (v < 0) ImGui::TextDisabled("-");
        else ImGui::Text("%lld %s", static_cast<long long>(v), in.chart.unit.c_str());
    }
    ImGui::EndTooltip();
}

}  // namespace

std::optional<std::size_t> line_chart(const ChartInput& in, ImVec2 size, const DrawContext& ctx) {
    const Palette& p = ctx.palette;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(in.chart.title.c_str(), {std::max(size.x, 40.0f), std::max(size.y, 40.0f)});
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize() * 0.8f;

    const std::int64_t top = value_axis_top(in.chart);
    std::int64_t peak = 0;
    for (const scenarios::SeriesLine& l : in.chart.lines)
        for (std::int64_t v : l.values) peak = std::max(peak, v);
    const std::string top_label = std::to_string(top) + (peak > top ? "+" : "");
    const float left = font->CalcTextSizeA(fs, 1e9f, 0, top_label.c_str()).x + 6;
    const ImVec2 a{origin.x + left, origin.y + fs + 4};
    const ImVec2 b{origin.x + size.x - 4, origin.y + size.y - fs - 4};
    const auto x_of = [&](engine::Instant t) {
        return a.x + (b.x - a.x) * static_cast<float>(static_cast<double>(t.us()) / static_cast<double>(std::max<std::int64_t>(in.axis_end.us(), 1)));
    };
    const auto y_of = [&](std::int64_t v) { return b.y - (b.y - a.y) * static_cast<float>(v) / static_cast<float>(top); };

    chart_legend(in.chart, origin, fs, p);
    dl->AddRectFilled(a, b, p.box);
    dl->AddText(font, fs, {origin.x, a.y - 2}, p.muted, top_label.c_str());
    dl->AddText(font, fs, {origin.x, b.y - fs}, p.muted, "0");
    dl->AddLine({a.x, (a.y + b.y) / 2}, {b.x, (a.y + b.y) / 2}, (p.muted & 0x00ffffffu) | (40u << 24));
    const std::int64_t span_ms = in.axis_end.ms();
    const std::int64_t step = tick_step(span_ms, b.x - a.x, 70 * ctx.text_scale);
    for (std::int64_t ms = 0; ms <= span_ms; ms += step) {
        const float x = x_of(engine::Instant::from_ms(ms));
        dl->AddLine({x, b.y}, {x, b.y + 3}, p.muted);
        const std::string label = tick_label(ms);
        const float w = font->CalcTextSizeA(fs, 1e9f, 0, label.c_str()).x;
        if (x + w / 2 < b.x) dl->AddText(font, fs, {std::max(x - w / 2, a.x), b.y + 2}, p.muted, label.c_str());
    }
    for (engine::Instant m : in.marks) {
        const float x = x_of(m);
        dl->AddLine({x, a.y}, {x, b.y}, (p.crashed & 0x00ffffffu) | (110u << 24));
    }
    dl->PushClipRect(a, b, true);
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < in.chart.lines.size(); ++i) {
        const std::vector<std::int64_t>& v = in.chart.lines[i].values;
        const ImU32 c = p.keys[i % 8];
        // A gap (-1) breaks the line.
        for (std::size_t k = 0; k <= v.size(); ++k) {
            if (k < v.size() && k < in.ends.size() && v[k] >= 0) {
                points.push_back({x_of(in.ends[k]), y_of(v[k])});
                continue;
            }
            if (points.size() == 1) dl->AddCircleFilled(points[0], 2, c);
            if (points.size() > 1) dl->AddPolyline(points.data(), static_cast<int>(points.size()), c, 0, 1.5f * ctx.text_scale);
            points.clear();
        }
    }
    const float cursor = x_of(in.cursor);
    dl->AddLine({cursor, a.y}, {cursor, b.y}, p.text, 1.5f);
    dl->PopClipRect();

    if (!hovered || in.ends.empty()) return std::nullopt;
    const float mx = std::clamp(ImGui::GetIO().MousePos.x, a.x, b.x);
    const engine::Instant t = engine::Instant::from_us(
        static_cast<std::int64_t>(static_cast<double>((mx - a.x) / std::max(b.x - a.x, 1.0f)) * static_cast<double>(in.axis_end.us())));
    const auto it = std::lower_bound(in.ends.begin(), in.ends.end(), t);
    if (it == in.ends.end()) return std::nullopt;
    const std::size_t bucket = static_cast<std::size_t>(it - in.ends.begin());
    dl->AddLine({x_of(*it), a.y}, {x_of(*it), b.y}, p.muted);
    values_tooltip(in, bucket, p);
    return bucket;
}

}  // namespace kafkasim::ui
