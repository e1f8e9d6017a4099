#include "scenarios/loader/json_reader.h"

#include "scenarios/loader/json_scanner.h"
#include "scenarios/loader/utf8_text.h"

#include <new>

namespace kafkasim::scenarios {
namespace {

// RFC 8259 lets a reader ignore a UTF-8 byte order mark; editors hide it, so positions are
// counted after it.
std::string_view without_bom(std::string_view text) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (text.substr(0, bom.size()) == bom) text.remove_prefix(bom.size());
    return text;
}

// Only text the scanner accepted gets here, so nlohmann should not fail; if it still does,
// its byte position becomes a line and column like every other error.
std::variant<ParsedDocument, ReadError> parse_scanned(std::string_view text, ScannedPositions positions) {
    ParsedDocument doc;
    try {
        doc.value = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return ReadError{"", e.what(), location_at(text, e.byte > 0 ? e.byte - 1 : 0)};
    } catch (const nlohmann::json::exception& e) {
        return ReadError{"", e.what(), std::nullopt};
    }
    doc.locations = std::move(positions.locations);
    doc.key_locations = std::move(positions.key_locations);
    return doc;
}

std::variant<ParsedDocument, ReadError> read_checked(std::string_view text, const ReaderLimits& limits) {
    if (text.size() > limits.max_bytes)
        return ReadError{"", "the file is " + std::to_string(text.size()) + " bytes; expected at most " +
                                 std::to_string(limits.max_bytes) + " bytes",
                         std::nullopt};
    text = without_bom(text);
    if (auto problem = find_text_problem(text))
        return ReadError{"", std::move(problem->message), location_at(text, problem->offset)};
    auto scanned = scan_json(text, limits.max_depth);
    if (auto* error = std::get_if<ReadError>(&scanned)) return std::move(*error);
    return parse_scanned(text, std::move(std::get<ScannedPositions>(scanned)));
}

}  // namespace

std::variant<ParsedDocument, ReadError> read_json(std::string_view text, const ReaderLimits& limits) {
    try {
        return read_checked(text, limits);
    } catch (const std::bad_alloc&) {
        return ReadError{"", "not enough memory to read the file", std::nullopt};
    }
}

SourceLocation ParsedDocument::location_of(std::string_view pointer) const {
    std::string p(pointer);
    for (;;) {
        if (const auto it = locations.find(p); it != locations.end()) return it->second;
        if (p.empty()) return {};
        const auto slash = p.rfind('/');
        p.resize(slash == std::string::npos ? 0 : slash);
    }
}

std::string format_error(std::string_view file, const ReadError& e) {
    // One error per line: what the user wrote (a path, a key quoted in a message) is escaped.
    std::string out = printable(file);
    out += ':';
    if (e.where) out += std::to_string(e.where->line) + ':' + std::to_string(e.where->column) + ':';
    out += ' ';
    if (!e.path.empty()) out += printable(e.path) + ": ";
    out += printable(e.message);
    return out;
}

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace kafkasim::scenarios
