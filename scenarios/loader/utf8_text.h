// Byte-level checks of a scenario file before any JSON is read: the text must be UTF-8 as
// RFC 3629 defines it (no overlong forms, no encoded surrogates, nothing above U+10FFFF) and
// hold no NUL byte. Also turns a byte offset into the line and column an editor shows.
#pragma once

#include "scenarios/loader/json_reader.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kafkasim::scenarios {

struct TextProblem {
    std::size_t offset = 0;  // byte where the bad sequence starts
    std::string message;
};

// The first NUL byte or invalid UTF-8 sequence, if any.
std::optional<TextProblem> find_text_problem(std::string_view text);

// Line and column (code points, see SourceLocation) of the byte at `offset`; an offset at or
// past the end gives the position just after the last character. `text` must be valid UTF-8.
SourceLocation location_at(std::string_view text, std::size_t offset);

// `text` with its control characters escaped as JSON writes them (\n, \t, \u001b; C0, DEL and
// the C1 range U+0080–U+009F), so that text a user wrote (a key, a flag's value) prints on one
// line and cannot send escape codes to a terminal. Other bytes are kept as they are.
std::string printable(std::string_view text);

}  // namespace kafkasim::scenarios
