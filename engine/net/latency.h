// LatencyModel: how long one hop takes (a network link, a disk operation), as a window
// [min, max] and a shape inside it. Draws come from a stream the caller owns, so each link
// or disk keeps its own sequence and adding one never shifts another (design.md).
#pragma once

#include <cstdint>

#include "engine/random.h"
#include "engine/time.h"

namespace kafkasim::engine {

enum class LatencyShape : std::uint8_t {
    uniform,    // every delay in the window equally likely
    normal,     // bell around the middle, standard deviation a quarter of the window
    long_tail,  // mostly near min, now and then up to max (exponential, mean a tenth of the window)
};

struct LatencyModel {
    Duration min = Duration::us(500);  // shortest delay
    Duration max = Duration::ms(2);    // longest delay, >= min
    LatencyShape shape = LatencyShape::uniform;

    // A delay in [min, max]. Caller guarantees min <= max.
    Duration draw(Random& rng) const;
};

}  // namespace kafkasim::engine
