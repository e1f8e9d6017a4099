// `kafkasim validate FILE...` and `kafkasim list [--json]` (docs/cli.md). Flags are parsed in
// main.cpp.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kafkasim::cli {

// Prints "FILE: ok" or the file's errors for each file; exit 2 if any is invalid.
int run_validate(const std::vector<std::string>& files, std::ostream& out, std::ostream& err);

struct ListOptions {
    bool json = false;
    std::string lang;  // en | ko; empty: from LANG
};

// Each bundled scenario's name and one-line description; --json: [{"name", "description": {"en", "ko"}}].
int run_list(const ListOptions& options, std::ostream& out, std::ostream& err);

// "ko" if LANG starts with "ko", else "en" (design.md).
std::string default_lang();

}  // namespace kafkasim::cli
