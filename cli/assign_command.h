// `kafkasim assign`: runs one of Kafka's consumer assignors on a group described in a JSON
// file and prints the assignment (docs/cli.md). The flags are parsed in main.cpp.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace kafkasim::cli {

struct AssignOptions {
    std::string strategy;              // range | roundrobin | sticky | cooperative-sticky
    std::string input_path;
    std::optional<std::string> round;  // first | final; absent means final
    bool json = false;
};

// Returns the process exit code (exit_codes.h); the report goes to `out`, errors to `err`.
int run_assign(const AssignOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kafkasim::cli
