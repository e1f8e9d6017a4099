// The bundled lessons as the scenario picker lists them: grouped by the guide's chapters
// (docs/scenarios/README.md's two tables, in their order), each with its description and
// knobs from its file. A bundled file the table does not name goes under "More lessons"; one
// that does not load is listed with its errors.
#pragma once

#include <string>
#include <vector>

#include "scenarios/loader/scenario.h"

namespace kafkasim::ui {

struct Lesson {
    std::string name;  // the file's base name: what `kafkasim run NAME` takes
    std::string path;
    scenarios::Bilingual description;
    std::vector<scenarios::KnobSpec> knobs;
    std::vector<std::string> errors;  // the loader's, when the bundled file does not load
    // The description's first line up to its colon: "Leader failover".
    std::string title(const std::string& lang) const;
};

struct Chapter {
    scenarios::Bilingual title;
    std::vector<Lesson> lessons;  // in the guide's order
};

// Which lessons each of the guide's chapters holds, by name, in order.
struct ChapterPlan {
    scenarios::Bilingual title;
    std::vector<std::string> lessons;
};
const std::vector<ChapterPlan>& guide_chapters();

// Reads the library (scenario_library.h): every bundled lesson, once, in its chapter.
std::vector<Chapter> lesson_catalogue();

// Every text of the catalogue that needs glyphs beyond Latin (for load_fonts).
std::vector<std::string> catalogue_texts(const std::vector<Chapter>& chapters);

}  // namespace kafkasim::ui
