// What a checker returns: how many cases it found and a few of them, worded for a person.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kafkasim::check {

// One share of a checker's count, named by a label and its value (unconsumed: acks=all).
struct CountPart {
    std::string label;
    std::string value;
    std::int64_t count = 0;
    bool operator==(const CountPart&) const = default;
};

struct CheckResult {
    std::int64_t count = 0;
    std::vector<std::string> examples;  // at most five
    std::vector<CountPart> parts;       // empty, or shares that sum to count, always the same labels
};

}  // namespace kafkasim::check
