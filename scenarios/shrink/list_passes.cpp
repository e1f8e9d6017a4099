#include "scenarios/shrink/list_passes.h"

#include <algorithm>
#include <set>

#include "scenarios/shrink/ddmin.h"

namespace kafkasim::shrink {

namespace {

enum class Search : std::uint8_t { ddmin_then_each, each };

// Takes out of the array at `list` the items `removable` accepts, keeping each removal the
// runner says still fails; the others stay where they are.
void remove_items(Doc& doc, const Doc::json_pointer& list, CandidateRunner& runner, Search search,
                  const std::function<bool(const Doc&)>& removable) {
    if (!doc.contains(list) || !doc[list].is_array()) return;
    const Doc all = doc[list];
    std::vector<std::size_t> free;  // the indices in `all` that may go
    for (std::size_t i = 0; i < all.size(); ++i)
        if (removable(all[i])) free.push_back(i);
    if (free.empty()) return;
    const auto candidate = [&](const Subset& kept) {
        std::vector<bool> keep(all.size(), true);
        for (std::size_t i : free) keep[i] = false;
        for (std::size_t k : kept) keep[free[k]] = true;
        Doc c = doc;
        Doc& items = c[list] = Doc::array();
        for (std::size_t i = 0; i < all.size(); ++i)
            if (keep[i]) items.push_back(all[i]);
        return c;
    };
    const FailsWith fails = [&](const Subset& kept) { return runner.fails(candidate(kept)); };
    Subset kept;
    if (search == Search::ddmin_then_each) {
        kept = ddmin(free.size(), fails);
    } else {
        kept.resize(free.size());
        for (std::size_t k = 0; k < kept.size(); ++k) kept[k] = k;
    }
    doc = candidate(remove_each(std::move(kept), fails));
}

bool any(const Doc&) { return true; }

}  // namespace

void shrink_faults(Doc& doc, CandidateRunner& runner) {
    remove_items(doc, Doc::json_pointer("/faults"), runner, Search::ddmin_then_each, any);
}

void remove_producers(Doc& doc, CandidateRunner& runner) {
    remove_items(doc, Doc::json_pointer("/producers"), runner, Search::each, any);
}

void remove_groups(Doc& doc, CandidateRunner& runner) {
    remove_items(doc, Doc::json_pointer("/groups"), runner, Search::each, any);
}

void reduce_members(Doc& doc, CandidateRunner& runner) {
    if (!doc.contains("groups")) return;
    for (std::size_t i = 0; i < doc["groups"].size(); ++i) {
        const Doc::json_pointer members("/groups/" + std::to_string(i) + "/members");
        if (!doc.contains(members)) continue;  // one member
        if (doc[members].is_array()) {
            remove_items(doc, members, runner, Search::each, any);
            continue;
        }
        const auto count = doc[members].get<std::int64_t>();
        const auto fails = [&](std::int64_t n) {
            Doc c = doc;
            c[members] = n;
            return runner.fails(c);
        };
        if (count > 1) doc[members] = lowest_failing(1, count, fails);
    }
}

void remove_unused_topics(Doc& doc, CandidateRunner& runner) {
    std::set<std::string> used;
    for (const Doc& p : doc.value("producers", Doc::array())) used.insert(p.value("topic", ""));
    for (const Doc& g : doc.value("groups", Doc::array()))
        for (const Doc& t : g.value("topics", Doc::array())) used.insert(t.get<std::string>());
    remove_items(doc, Doc::json_pointer("/topics"), runner, Search::each,
                 [&used](const Doc& topic) { return !used.contains(topic.value("name", "")); });
}

}  // namespace kafkasim::shrink
