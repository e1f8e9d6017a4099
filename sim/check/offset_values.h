// OffsetValues: one replica's records as offset → value, kept as a vector sorted by offset.
// A log's offsets only grow, so the snapshot appends in order and never pays a map's node per
// record; lookups are binary searches. Hand-made logs in tests may insert anywhere.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sim/common/ids.h"

namespace kafkasim::check {

class OffsetValues {
public:
    using Entry = std::pair<Offset, std::string>;
    using const_iterator = std::vector<Entry>::const_iterator;

    // The value at `offset`, inserted empty if absent (as std::map's operator[]).
    std::string& operator[](Offset offset) {
        if (entries_.empty() || entries_.back().first < offset) return entries_.emplace_back(offset, std::string()).second;
        const auto it = lower(offset);
        if (it != entries_.end() && it->first == offset) return it->second;
        return entries_.emplace(it, offset, std::string())->second;
    }
    const_iterator find(Offset offset) const {
        const auto it = lower(offset);
        return it != entries_.end() && it->first == offset ? const_iterator(it) : entries_.end();
    }
    // The first entry at or past `offset`.
    const_iterator lower_bound(Offset offset) const { return lower(offset); }
    const_iterator begin() const { return entries_.begin(); }
    const_iterator end() const { return entries_.end(); }
    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    void reserve(std::size_t n) { entries_.reserve(n); }

private:
    std::vector<Entry>::iterator lower(Offset offset) {
        return std::lower_bound(entries_.begin(), entries_.end(), offset,
                                [](const Entry& e, Offset o) { return e.first < o; });
    }
    std::vector<Entry>::const_iterator lower(Offset offset) const {
        return std::lower_bound(entries_.begin(), entries_.end(), offset,
                                [](const Entry& e, Offset o) { return e.first < o; });
    }

    std::vector<Entry> entries_;
};

}  // namespace kafkasim::check
