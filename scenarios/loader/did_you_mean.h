// "Did you mean" for unknown keys and names in scenario files (issue 18): the closest known
// name by optimal string alignment distance (Levenshtein plus the swap of two adjacent
// characters, each edit costing 1), compared case-insensitively (ASCII letters).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::scenarios {

// The known name closest to `unknown`, if its distance is at most max(1, length / 3) with
// length the number of bytes of `unknown`: one edit in a short word, a third of the letters in
// a long one, so that "partitons" finds "partitions" but "seed" does not find "speed_ms".
// Among names equally close, the first in `known` wins, so the answer never depends on
// anything but the arguments.
std::optional<std::string> did_you_mean(std::string_view unknown, const std::vector<std::string>& known);

// The optimal string alignment distance between `a` and `b`, case-insensitive (ASCII).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace kafkasim::scenarios
