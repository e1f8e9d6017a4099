// The scenario picker: the window `kafkasim-ui` opens on without a file, and again with o or
// the control bar's Lessons button. The bundled lessons grouped by the guide's chapters
// (lesson_catalogue.h), the chosen one's description and knobs in the window's language, a
// value for each knob, and a path field to open any scenario file. Choosing gives an
// open_scenario command; when that file does not load, App hands the loader's one-line errors
// (as `kafkasim validate` prints them) back to show under the field.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ui/commands.h"
#include "ui/draw_context.h"
#include "ui/lesson_catalogue.h"

namespace kafkasim::ui {

struct ScenarioPicker {
    std::vector<Chapter> chapters;             // read once, when the window opens
    std::size_t chapter = 0;                   // the selected lesson
    std::size_t lesson = 0;
    std::map<std::string, std::string> knobs;  // the selected lesson's chosen values, by knob
    std::string path;                          // the file field
    std::vector<std::string> errors;           // why the last file did not open

    // `back`: a session is open, so the picker can close.
    std::vector<Command> draw(const DrawContext& ctx, bool back);
    void select(std::size_t chapter_index, std::size_t lesson_index);
    const Lesson* selected() const;
    // The command that opens the selected lesson with the chosen knob values (the defaults
    // are left out: the file as written).
    Command open_selected() const;

private:
    void draw_list(const DrawContext& ctx, float height, std::vector<Command>& out);
    void draw_lesson(const DrawContext& ctx, float height, std::vector<Command>& out);
};

// The picker's own Korean labels (for load_fonts).
std::string picker_texts();

}  // namespace kafkasim::ui
