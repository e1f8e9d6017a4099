// The iterative scanner behind read_json: one pass over the text that checks the JSON grammar
// (RFC 8259) strictly, caps the nesting depth, rejects duplicate keys and out-of-range numbers,
// and records where every value and key starts. It keeps its own stack of open containers, so
// a file nested 200 000 deep is rejected at depth max_depth + 1 without recursion; only text
// it accepted reaches nlohmann_json's recursive parser.
#pragma once

#include "scenarios/loader/json_reader.h"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace kafkasim::scenarios {

struct ScannedPositions {
    std::map<std::string, SourceLocation> locations;      // see ParsedDocument
    std::map<std::string, SourceLocation> key_locations;  // see ParsedDocument
};

// `text` must be valid UTF-8 without NUL bytes (find_text_problem) and without a BOM.
std::variant<ScannedPositions, ReadError> scan_json(std::string_view text, std::size_t max_depth);

}  // namespace kafkasim::scenarios
