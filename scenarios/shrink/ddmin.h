// Delta debugging: Zeller and Hildebrandt's ddmin ("Simplifying and Isolating Failure-Inducing
// Input", IEEE TSE 28(2), 2002, section 3), over the indices of a list, and the binary search
// the numeric passes use. Each test runs a whole scenario, so the functions here only decide
// what to try; the caller caches answers and counts runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace kafkasim::shrink {

using Subset = std::vector<std::size_t>;  // indices into the list, increasing
// True when the list made of the subset's items still fails.
using FailsWith = std::function<bool(const Subset&)>;

// A 1-minimal failing subset of 0 … count-1: removing any one of its items makes it pass (for
// the subsets ddmin tried). It splits the current subset into n chunks, keeps a chunk that
// fails alone, else a complement of a chunk that fails, else splits finer, until the chunks are
// single items. The caller guarantees that the whole list fails; it is not tested.
Subset ddmin(std::size_t count, const FailsWith& fails);

// `kept` without each item whose removal still fails, tried one at a time in order. After
// ddmin this costs nothing new when answers are cached, and takes the last item away when the
// empty list fails too (ddmin never tests it).
Subset remove_each(Subset kept, const FailsWith& fails);

// The smallest value in [lo, hi] for which `fails` holds, by binary search, assuming that a
// value fails when a smaller one does. `hi` is known to fail and is not tested.
std::int64_t lowest_failing(std::int64_t lo, std::int64_t hi, const std::function<bool(std::int64_t)>& fails);

}  // namespace kafkasim::shrink
