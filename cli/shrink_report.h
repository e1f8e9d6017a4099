// What `kafkasim shrink` prints, in English or Korean (--lang): a line per pass on stderr and
// the summary on stdout.
#pragma once

#include <iosfwd>
#include <string>

#include "scenarios/shrink/shrinker.h"

namespace kafkasim::cli {

struct ShrinkReportContext {
    std::string lang;     // en or ko
    std::string input;    // the file as named
    std::string output;   // where the shrunk file went
    std::string check;    // --check's value
    std::uint64_t seed = 0;
    int max_runs = 0;
};

// "round 1: faults 14 → 3 (27 runs)".
std::string pass_line(const shrink::PassReport& pass, const std::string& lang);

// "FILE does not fail CHECK with seed S: …".
std::string does_not_fail_line(const ShrinkReportContext& c, const shrink::ShrinkResult& r);

// The counts before and after, the runs, and each dimension's size before and after.
void print_shrink_summary(const ShrinkReportContext& c, const shrink::ShrinkResult& r, std::ostream& out);

}  // namespace kafkasim::cli
