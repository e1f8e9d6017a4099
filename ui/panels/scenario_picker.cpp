#include "ui/panels/scenario_picker.h"

#include <imgui_stdlib.h>

namespace kafkasim::ui {

namespace {

ImVec4 picker_colour(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

const std::string& in(const scenarios::Bilingual& text, const std::string& lang, const Fonts& fonts) {
    return lang == "ko" && fonts.hangul && !text.ko.empty() ? text.ko : text.en;
}

// The picker's labels in Korean; picker_texts() hands them all to the font atlas.
constexpr const char* ko_title = "kafkasim: 레슨을 고르세요";
constexpr const char* ko_back = "돌아가기";
constexpr const char* ko_knobs = "노브: 레슨을 뒤집는 설정";
constexpr const char* ko_default = " (기본)";
constexpr const char* ko_open_lesson = "레슨 열기";
constexpr const char* ko_open_file = "또는 시나리오 파일 열기:";
constexpr const char* ko_open = "열기";

}  // namespace

std::string picker_texts() {
    return std::string(ko_title) + ko_back + ko_knobs + ko_default + ko_open_lesson + ko_open_file + ko_open;
}

const Lesson* ScenarioPicker::selected() const {
    if (chapter >= chapters.size() || lesson >= chapters[chapter].lessons.size()) return nullptr;
    return &chapters[chapter].lessons[lesson];
}

void ScenarioPicker::select(std::size_t chapter_index, std::size_t lesson_index) {
    chapter = chapter_index;
    lesson = lesson_index;
    knobs.clear();
    if (const Lesson* l = selected())
        for (const scenarios::KnobSpec& k : l->knobs) knobs[k.name] = k.default_value;
}

Command ScenarioPicker::open_selected() const {
    Command c{CommandKind::open_scenario};
    const Lesson* l = selected();
    if (l == nullptr) return c;
    c.path = l->path;
    for (const scenarios::KnobSpec& k : l->knobs) {
        const auto it = knobs.find(k.name);
        if (it != knobs.end() && it->second != k.default_value) c.knobs.emplace_back(k.name, it->second);
    }
    return c;
}

std::vector<Command> ScenarioPicker::draw(const DrawContext& ctx, bool back) {
    std::vector<Command> out;
    const bool ko = ctx.lang == "ko" && ctx.fonts.hangul;
    if (knobs.empty() && selected() != nullptr && !selected()->knobs.empty()) select(chapter, lesson);
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({0, 0}, ImGuiCond_Always);
    ImGui::SetNextWindowSize(d, ImGuiCond_Always);
    ImGui::Begin("Lessons", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushFont(ctx.fonts.caption);
    ImGui::TextUnformatted(ko ? ko_title : "kafkasim: choose a lesson");
    ImGui::PopFont();
    ImGui::SameLine();
    if (ImGui::Button(ctx.lang == "ko" ? "EN" : "KO")) out.push_back({CommandKind::toggle_lang});
    ImGui::SameLine();
    if (ImGui::Button("Theme")) out.push_back({CommandKind::toggle_theme});
    if (back) {
        ImGui::SameLine();
        if (ImGui::Button(ko ? ko_back : "Back to the lesson")) out.push_back({CommandKind::open_picker});
    }
    const float unit = ImGui::GetFontSize();
    const float bottom = unit * 4.5f + unit * 1.4f * static_cast<float>(std::min<std::size_t>(errors.size(), 6));
    const float body = std::max(ImGui::GetContentRegionAvail().y - bottom, unit * 6);

    draw_list(ctx, body, out);
    ImGui::SameLine();
    draw_lesson(ctx, body, out);
    ImGui::TextUnformatted(ko ? ko_open_file : "Or open a scenario file:");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x - unit * 6, unit * 10));
    const bool entered = ImGui::InputTextWithHint("##path", "path/to/scenario.json", &path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(ko ? ko_open : "Open") || entered) && !path.empty()) out.push_back({CommandKind::open_scenario, 0, 0, path, {}});
    for (std::size_t i = 0; i < errors.size() && i < 6; ++i) ImGui::TextColored(picker_colour(ctx.palette.crashed), "%s", errors[i].c_str());
    if (errors.size() > 6) ImGui::TextColored(picker_colour(ctx.palette.crashed), "… and %zu more", errors.size() - 6);
    ImGui::End();
    return out;
}

void ScenarioPicker::draw_list(const DrawContext& ctx, float height, std::vector<Command>& out) {
    const bool ko = ctx.lang == "ko" && ctx.fonts.hangul;
    ImGui::BeginChild("list", {ImGui::GetContentRegionAvail().x * 0.42f, height}, true);
    for (std::size_t c = 0; c < chapters.size(); ++c) {
        ImGui::Spacing();
        ImGui::TextColored(picker_colour(ctx.palette.leader), "%s", in(chapters[c].title, ctx.lang, ctx.fonts).c_str());
        ImGui::Separator();
        if (!ImGui::BeginTable(("chapter" + std::to_string(c)).c_str(), 2, ImGuiTableFlags_SizingStretchProp)) continue;
        ImGui::TableSetupColumn("title", ImGuiTableColumnFlags_WidthStretch, 3);
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        for (std::size_t i = 0; i < chapters[c].lessons.size(); ++i) {
            const Lesson& l = chapters[c].lessons[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string label = l.title(ko ? "ko" : "en") + "##" + l.name;
            const ImGuiSelectableFlags flags = ImGuiSelectableFlags_AllowDoubleClick | ImGuiSelectableFlags_SpanAllColumns;
            if (ImGui::Selectable(label.c_str(), c == chapter && i == lesson, flags)) {
                if (c != chapter || i != lesson) select(c, i);
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) out.push_back(open_selected());
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", l.title(ko ? "ko" : "en").c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(picker_colour(ctx.palette.muted), "%s", l.name.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

void ScenarioPicker::draw_lesson(const DrawContext& ctx, float height, std::vector<Command>& out) {
    const bool ko = ctx.lang == "ko" && ctx.fonts.hangul;
    const float unit = ImGui::GetFontSize();
    ImGui::BeginChild("lesson", {0, height}, true);
    if (const Lesson* l = selected()) {
        ImGui::PushFont(ctx.fonts.caption);
        ImGui::TextWrapped("%s", l->title(ko ? "ko" : "en").c_str());
        ImGui::PopFont();
        ImGui::TextColored(picker_colour(ctx.palette.muted), "kafkasim run %s", l->name.c_str());
        ImGui::Spacing();
        ImGui::TextWrapped("%s", in(l->description, ctx.lang, ctx.fonts).c_str());
        for (const std::string& e : l->errors) ImGui::TextColored(picker_colour(ctx.palette.crashed), "%s", e.c_str());
        if (!l->knobs.empty()) {
            ImGui::Spacing();
            ImGui::TextColored(picker_colour(ctx.palette.leader), "%s", ko ? ko_knobs : "Knobs: what turns the lesson around");
        }
        for (const scenarios::KnobSpec& k : l->knobs) {
            std::string& value = knobs[k.name];
            ImGui::SetNextItemWidth(unit * 9);
            const std::string id = k.name + "##knob";
            const std::string preview = value + (value == k.default_value ? (ko ? ko_default : " (default)") : "");
            if (ImGui::BeginCombo(id.c_str(), preview.c_str())) {
                for (const std::string& v : k.values)
                    if (ImGui::Selectable((v + (v == k.default_value ? (ko ? ko_default : " (default)") : "")).c_str(), v == value)) value = v;
                ImGui::EndCombo();
            }
            ImGui::TextColored(picker_colour(ctx.palette.muted), "%s", in(k.description, ctx.lang, ctx.fonts).c_str());
        }
        ImGui::Spacing();
        ImGui::PushFont(ctx.fonts.caption);
        if (l->errors.empty() && ImGui::Button(ko ? ko_open_lesson : "Open the lesson")) out.push_back(open_selected());
        ImGui::PopFont();
    }
    ImGui::EndChild();

}

}  // namespace kafkasim::ui
