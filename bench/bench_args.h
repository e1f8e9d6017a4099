// The command line shared by the world benchmarks: "[--seed S] N M", two counts and an
// optional seed, all non-negative integers.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace kafkasim::bench {

struct SeedAndCounts {
    std::uint64_t seed = 1;
    std::uint64_t n = 0;  // nodes
    std::uint64_t m = 0;  // operations in all
};

inline bool parse_u64(const char* s, std::uint64_t& out) {
    if (s[0] < '0' || s[0] > '9') return false;
    char* end = nullptr;
    out = std::strtoull(s, &end, 10);
    return *end == '\0';
}

// False on anything else than "[--seed S] N M".
inline bool parse_seed_and_counts(int argc, char** argv, SeedAndCounts& out) {
    int i = 1;
    if (argc > 2 && std::string_view(argv[1]) == "--seed") {
        if (!parse_u64(argv[2], out.seed)) return false;
        i = 3;
    }
    return argc - i == 2 && parse_u64(argv[i], out.n) && parse_u64(argv[i + 1], out.m);
}

}  // namespace kafkasim::bench
