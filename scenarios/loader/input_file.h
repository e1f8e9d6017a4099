// Reading a file a user names (a scenario, an assignor's input): only a regular file is read,
// and at most one byte past a limit, so a device (/dev/zero), a pipe or a huge file is refused
// before it is read rather than after it filled memory.
#pragma once

#include <cstddef>
#include <string>
#include <variant>

namespace kafkasim::scenarios {

struct InputFileError {
    std::string message;  // without the path: "is a directory, not a file", …
};

// The file's bytes: at most `max_bytes` + 1 of them, so that a caller that sees more than
// `max_bytes` knows the file is too large; or why it cannot be read.
std::variant<std::string, InputFileError> read_input_file(const std::string& path, std::size_t max_bytes);

}  // namespace kafkasim::scenarios
