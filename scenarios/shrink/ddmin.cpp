#include "scenarios/shrink/ddmin.h"

#include <algorithm>
#include <numeric>

namespace kafkasim::shrink {

namespace {

// `s` cut into `n` consecutive chunks whose sizes differ by at most one.
std::vector<Subset> split(const Subset& s, std::size_t n) {
    std::vector<Subset> chunks;
    for (std::size_t i = 0; i < n; ++i)
        chunks.emplace_back(s.begin() + static_cast<std::ptrdiff_t>(i * s.size() / n),
                            s.begin() + static_cast<std::ptrdiff_t>((i + 1) * s.size() / n));
    return chunks;
}

Subset without_chunk(const std::vector<Subset>& chunks, std::size_t skipped) {
    Subset out;
    for (std::size_t i = 0; i < chunks.size(); ++i)
        if (i != skipped) out.insert(out.end(), chunks[i].begin(), chunks[i].end());
    return out;
}

}  // namespace

Subset ddmin(std::size_t count, const FailsWith& fails) {
    Subset current(count);
    std::iota(current.begin(), current.end(), std::size_t{0});
    std::size_t n = 2;
    while (current.size() >= 2) {
        const std::vector<Subset> chunks = split(current, n);
        bool reduced = false;
        for (const Subset& chunk : chunks) {
            if (fails(chunk)) {
                current = chunk;
                n = 2;
                reduced = true;
                break;
            }
        }
        // With two chunks each complement is the other chunk, already tried.
        for (std::size_t i = 0; !reduced && n > 2 && i < chunks.size(); ++i) {
            Subset rest = without_chunk(chunks, i);
            if (fails(rest)) {
                current = std::move(rest);
                n = std::max<std::size_t>(n - 1, 2);
                reduced = true;
            }
        }
        if (reduced) continue;
        if (n >= current.size()) break;
        n = std::min(n * 2, current.size());
    }
    return current;
}

Subset remove_each(Subset kept, const FailsWith& fails) {
    for (std::size_t i = 0; i < kept.size();) {
        Subset rest = kept;
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
        if (fails(rest)) kept = std::move(rest);
        else ++i;
    }
    return kept;
}

std::int64_t lowest_failing(std::int64_t lo, std::int64_t hi, const std::function<bool(std::int64_t)>& fails) {
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (fails(mid)) hi = mid;
        else lo = mid + 1;
    }
    return hi;
}

}  // namespace kafkasim::shrink
