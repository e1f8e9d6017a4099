// Running work items in child processes, `jobs` at a time: each child computes one item's
// output (a line of text) and exits, so a crash or an abort in one item costs only that item,
// and the items of a swarm run in parallel without threads in the model. POSIX fork and pipes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace kafkasim::cli {

struct ChildOutcome {
    std::optional<std::string> output;  // what the child wrote, if it exited normally with 0
    std::string death;                  // otherwise: "killed by signal 11 (Segmentation fault)", "exit 3"
};

// Runs work(i) for i in [0, count) in children, at most `jobs` at once, and calls done(i, …)
// in the parent in index order (an item finished early waits for the ones before it).
void run_in_children(std::size_t count, int jobs, const std::function<std::string(std::size_t)>& work,
                     const std::function<void(std::size_t, const ChildOutcome&)>& done);

}  // namespace kafkasim::cli
