#include "engine/net/latency.h"

#include "engine/assert.h"

namespace kafkasim::engine {

Duration LatencyModel::draw(Random& rng) const {
    SIM_ASSERT(min <= max && min >= Duration::zero(), "a latency window needs 0 <= min <= max");
    const Duration width = max - min;
    if (width == Duration::zero()) return min;
    switch (shape) {
        case LatencyShape::uniform:
            return Duration::us(rng.uniform_between(min.count_us(), max.count_us()));
        case LatencyShape::normal:
            return rng.bounded_normal(min + width / 2, width / 4, min, max);
        case LatencyShape::long_tail: {
            const Duration extra = rng.exponential(width / 10);
            return extra < width ? min + extra : max;
        }
    }
    return min;
}

}  // namespace kafkasim::engine
