#include "scenarios/shrink/list_passes.h"

#include <algorithm>
#include <set>

#include "scenarios/shrink/ddmin.h"

namespace kafkasim::shrink {

namespace {

enum class Search : std::uint8_t { ddmin_then_each, each };

// Takes out of the array at `list` the items `removable` accepts, keeping each removal the
// runner says still fails; the others stay where they are.
void remove_items(Doc& doc, const Doc::json_pointer& list, Judge& judge, Search search,
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
    const FailsWith fails = [&](const Subset& kept) { return judge.fails(candidate(kept)); };
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

std::size_t node_count(const Doc& groups) {
    std::size_t n = 0;
    for (const Doc& g : groups) n += g.size();
    return n;
}

// A partition's groups without their k-th node, counting through the groups in order; a group
// left empty goes too. Empty when no group would be left.
Doc without_node(const Doc& groups, std::size_t k) {
    Doc out = Doc::array();
    std::size_t seen = 0;
    for (const Doc& g : groups) {
        Doc kept = Doc::array();
        for (const Doc& node : g)
            if (seen++ != k) kept.push_back(node);
        if (!kept.empty()) out.push_back(std::move(kept));
    }
    return out;
}

// Fewer nodes on each side, one at a time; a side of one node may go entirely, so that the
// fewest sides remain (the nodes in no group form one more).
void reduce_partition(Doc& doc, const Doc::json_pointer& at, Judge& judge) {
    for (std::size_t k = 0; k < node_count(doc[at]);) {
        Doc groups = without_node(doc[at], k);
        if (groups.empty()) break;  // its last node: taking the fault out is the faults pass's
        Doc c = doc;
        c[at] = std::move(groups);
        if (judge.fails(c)) doc = std::move(c);
        else ++k;
    }
}

}  // namespace

void shrink_faults(Doc& doc, Judge& judge) {
    remove_items(doc, Doc::json_pointer("/faults"), judge, Search::ddmin_then_each, any);
}

void remove_producers(Doc& doc, Judge& judge) {
    remove_items(doc, Doc::json_pointer("/producers"), judge, Search::each, any);
}

void remove_groups(Doc& doc, Judge& judge) {
    remove_items(doc, Doc::json_pointer("/groups"), judge, Search::each, any);
}

void reduce_members(Doc& doc, Judge& judge) {
    if (!doc.contains("groups")) return;
    for (std::size_t i = 0; i < doc["groups"].size(); ++i) {
        const Doc::json_pointer members("/groups/" + std::to_string(i) + "/members");
        if (!doc.contains(members)) continue;  // one member
        if (doc[members].is_array()) {
            remove_items(doc, members, judge, Search::each, any);
            continue;
        }
        const auto count = doc[members].get<std::int64_t>();
        const auto fails = [&](std::int64_t n) {
            Doc c = doc;
            c[members] = n;
            return judge.fails(c);
        };
        if (count > 1) doc[members] = lowest_failing(1, count, fails);
    }
}

void remove_unused_topics(Doc& doc, Judge& judge) {
    std::set<std::string> used;
    for (const Doc& p : doc.value("producers", Doc::array())) used.insert(p.value("topic", ""));
    for (const Doc& g : doc.value("groups", Doc::array()))
        for (const Doc& t : g.value("topics", Doc::array())) used.insert(t.get<std::string>());
    remove_items(doc, Doc::json_pointer("/topics"), judge, Search::each,
                 [&used](const Doc& topic) { return !used.contains(topic.value("name", "")); });
}

void reduce_fault_nodes(Doc& doc, Judge& judge) {
    if (!doc.contains("faults")) return;
    for (std::size_t i = 0; i < doc["faults"].size(); ++i) {
        const std::string at = "/faults/" + std::to_string(i);
        const Doc& fault = doc["faults"][i];
        const bool power_loss_list = fault.contains("power_loss") && fault["power_loss"].is_array();
        const bool partition = fault.contains("partition");
        if (power_loss_list) remove_items(doc, Doc::json_pointer(at + "/power_loss"), judge, Search::each, any);
        if (partition) reduce_partition(doc, Doc::json_pointer(at + "/partition"), judge);
    }
}

}  // namespace kafkasim::shrink
