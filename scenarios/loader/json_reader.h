// Strict reading of a scenario file's JSON text (issue 18, "Bad input"): the text is checked
// by an iterative scanner that also records where every value and key starts, and only then
// parsed by nlohmann_json, whose Debian 3.11 build records no positions. Every way a file can
// be bad comes back as a ReadError value; read_json never throws. docs/scenario-format.md,
// "Reading the file", lists the rules and caps.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace kafkasim::scenarios {

// 1-based. Lines end at LF ("\n"); the column counts Unicode code points, not bytes, so a
// position matches what an editor shows (a tab counts as one column).
struct SourceLocation {
    std::int64_t line = 0;
    std::int64_t column = 0;
    friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

struct ReaderLimits {
    std::size_t max_bytes = 1024 * 1024;  // bytes of the whole file: a scenario is a page or two
    std::size_t max_depth = 64;                // nested objects and arrays, the top level being 1
};

struct ReadError {
    std::string path;                      // RFC 6901 JSON Pointer; "" is the whole document
    std::string message;                   // says what was found and what was expected
    std::optional<SourceLocation> where;   // absent when no position applies (a file too large)
};

struct ParsedDocument {
    nlohmann::json value;  // the top level is an object
    // JSON Pointer of every value (the document "", each member, each array element) → where
    // the value starts.
    std::map<std::string, SourceLocation> locations;
    // JSON Pointer of every object member → where its key starts (its opening quote).
    std::map<std::string, SourceLocation> key_locations;

    // Where `pointer`'s value starts; for a pointer not in the file (a default the loader
    // filled in, a typo), where its nearest ancestor that is starts. {} only for an empty map.
    SourceLocation location_of(std::string_view pointer) const;
};

std::variant<ParsedDocument, ReadError> read_json(std::string_view text, const ReaderLimits& limits = {});

// "FILE:LINE:COL: /path: message". LINE:COL is left out when the error has no position and
// the path when it is the whole document (""), which would otherwise print as an empty field.
std::string format_error(std::string_view file, const ReadError& e);

// One reference token escaped as RFC 6901 says: "~" → "~0", "/" → "~1".
std::string escape_pointer_token(std::string_view token);

}  // namespace kafkasim::scenarios
