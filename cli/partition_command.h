// `kafkasim partition`: Kafka's key partition for each key given, with murmur2 and toPositive
// shown (docs/cli.md). The flags are parsed in main.cpp.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kafkasim::cli {

struct PartitionOptions {
    std::string partitions;         // N, checked here: 1 .. 2147483647
    bool hex = false;               // KEYs are hex bytes
    bool json = false;
    std::vector<std::string> keys;  // as given on the command line
};

// Returns the process exit code (exit_codes.h); the report goes to `out`, errors to `err`.
int run_partition(const PartitionOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kafkasim::cli
