#include "ui/lesson_catalogue.h"

#include <algorithm>

#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"

namespace kafkasim::ui {

std::string Lesson::title(const std::string& lang) const {
    const std::string& text = lang == "ko" && !description.ko.empty() ? description.ko : description.en;
    const std::string line = text.substr(0, text.find('\n'));
    // Up to the colon, or the first sentence's end where a translation put no colon.
    return line.substr(0, std::min(line.find(':'), line.find(". ")));
}

const std::vector<ChapterPlan>& guide_chapters() {
    static const std::vector<ChapterPlan> chapters{
        {{"Producers, partitions and consumers", "프로듀서, 파티션, 컨슈머"},
         {"key-ordering", "custom-partitioner", "partitions-gt-consumers", "partitions-eq-consumers",
          "partitions-lt-consumers", "independent-groups", "rebalancing", "commit-timing"}},
        {{"Brokers, clusters and replication", "브로커, 클러스터, 복제"},
         {"leader-failover", "unclean-election", "acks", "kip-101", "scale-out", "power-loss"}},
    };
    return chapters;
}

std::vector<Chapter> lesson_catalogue() {
    std::vector<Chapter> out;
    for (const ChapterPlan& plan : guide_chapters()) out.push_back({plan.title, {}});
    Chapter more{{"More lessons", "다른 레슨"}, {}};
    for (const auto& [name, path] : scenarios::library_scenarios()) {
        Lesson lesson{name, path, {}, {}, {}};
        const scenarios::LoadResult r = scenarios::load_scenario_file(path);
        if (r.spec) {
            lesson.description = r.spec->description;
            lesson.knobs = r.spec->knobs;
        } else {
            lesson.errors = r.errors;
        }
        bool placed = false;
        for (std::size_t c = 0; c < guide_chapters().size() && !placed; ++c) {
            const std::vector<std::string>& names = guide_chapters()[c].lessons;
            if (std::find(names.begin(), names.end(), name) == names.end()) continue;
            out[c].lessons.push_back(lesson);
            placed = true;
        }
        if (!placed) more.lessons.push_back(lesson);
    }
    // The guide's order within a chapter, not the library's alphabetical one.
    for (std::size_t c = 0; c < guide_chapters().size(); ++c) {
        const std::vector<std::string>& names = guide_chapters()[c].lessons;
        std::sort(out[c].lessons.begin(), out[c].lessons.end(), [&](const Lesson& a, const Lesson& b) {
            return std::find(names.begin(), names.end(), a.name) < std::find(names.begin(), names.end(), b.name);
        });
    }
    if (!more.lessons.empty()) out.push_back(std::move(more));
    std::erase_if(out, [](const Chapter& c) { return c.lessons.empty(); });
    return out;
}

std::vector<std::string> catalogue_texts(const std::vector<Chapter>& chapters) {
    std::vector<std::string> out;
    for (const Chapter& c : chapters) {
        out.push_back(c.title.ko);
        for (const Lesson& l : c.lessons) {
            out.push_back(l.description.ko);
            for (const scenarios::KnobSpec& k : l.knobs) out.push_back(k.description.ko);
        }
    }
    return out;
}

}  // namespace kafkasim::ui
