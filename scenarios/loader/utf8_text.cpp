#include "scenarios/loader/utf8_text.h"

#include <cstdio>

namespace kafkasim::scenarios {
namespace {

std::string hex_byte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(b));
    return buf;
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

std::string invalid(const std::string& what) {
    return "invalid UTF-8: " + what + "; expected UTF-8 text (save the file as UTF-8)";
}

// Bytes a sequence needs after its lead byte, and the range its first continuation byte
// must lie in: RFC 3629's table, whose narrowed ranges exclude overlong forms (E0, F0),
// surrogates (ED) and code points above U+10FFFF (F4).
struct LeadRule {
    int continuation_bytes;
    unsigned char first_min;
    unsigned char first_max;
};

std::optional<LeadRule> lead_rule(unsigned char b) {
    if (b >= 0xC2 && b <= 0xDF) return LeadRule{1, 0x80, 0xBF};
    if (b == 0xE0) return LeadRule{2, 0xA0, 0xBF};
    if (b == 0xED) return LeadRule{2, 0x80, 0x9F};
    if (b >= 0xE1 && b <= 0xEF) return LeadRule{2, 0x80, 0xBF};
    if (b == 0xF0) return LeadRule{3, 0x90, 0xBF};
    if (b >= 0xF1 && b <= 0xF3) return LeadRule{3, 0x80, 0xBF};
    if (b == 0xF4) return LeadRule{3, 0x80, 0x8F};
    return std::nullopt;
}

std::string out_of_range_first_byte(unsigned char lead, unsigned char next) {
    const std::string pair = hex_byte(lead) + " " + hex_byte(next);
    if (lead == 0xED) return invalid("bytes " + pair + " encode a UTF-16 surrogate (U+D800 to U+DFFF)");
    if (lead == 0xF4) return invalid("bytes " + pair + " encode a code point above U+10FFFF");
    return invalid("bytes " + pair + " are an overlong encoding");
}

// The problem with the sequence starting at `i`, or "" when it is a valid character.
std::string check_sequence(std::string_view text, std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == 0) return "NUL byte; expected text without NUL bytes (is this a binary file?)";
    if (b < 0x80) return {};
    if (is_continuation(b)) return invalid("byte " + hex_byte(b) + " is a continuation byte without a lead byte");
    if (b == 0xC0 || b == 0xC1) return invalid("byte " + hex_byte(b) + " starts an overlong encoding");
    const auto rule = lead_rule(b);
    if (!rule) return invalid("byte " + hex_byte(b) + " never occurs in UTF-8");
    for (int k = 1; k <= rule->continuation_bytes; ++k) {
        if (i + k >= text.size()) return invalid("the file ends inside a multi-byte character");
        const auto c = static_cast<unsigned char>(text[i + k]);
        if (!is_continuation(c)) return invalid("byte " + hex_byte(b) + " starts a character that is cut short");
        if (k == 1 && (c < rule->first_min || c > rule->first_max)) return out_of_range_first_byte(b, c);
    }
    return {};
}

std::size_t sequence_length(unsigned char b) {
    if (b < 0x80) return 1;
    if (b < 0xE0) return 2;
    if (b < 0xF0) return 3;
    return 4;
}

}  // namespace

std::optional<TextProblem> find_text_problem(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        if (std::string message = check_sequence(text, i); !message.empty()) return TextProblem{i, std::move(message)};
        i += sequence_length(static_cast<unsigned char>(text[i]));
    }
    return std::nullopt;
}

SourceLocation location_at(std::string_view text, std::size_t offset) {
    SourceLocation at{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b == '\n') {
            ++at.line;
            at.column = 1;
        } else if (!is_continuation(b)) {
            ++at.column;
        }
    }
    return at;
}

std::string printable(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    const auto escape = [](std::string& out, unsigned code) {
        out += "\\u00";
        out += hex[(code >> 4) & 0xF];
        out += hex[code & 0xF];
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            escape(out, c);
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            escape(out, static_cast<unsigned char>(text[++i]));  // U+0080–U+009F, the C1 controls
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace kafkasim::scenarios
