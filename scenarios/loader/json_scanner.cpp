#include "scenarios/loader/json_scanner.h"

#include "scenarios/loader/number_range.h"

#include <cstdint>
#include <cstdio>
#include <vector>

namespace kafkasim::scenarios {
namespace {

// Thrown inside the scanner only, to unwind from deep in a string or number to scan_json,
// which turns it back into a value.
struct ScanStop {
    ReadError error;
};

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

std::string code_point_name(std::uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_hex(unsigned char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class Scanner {
public:
    Scanner(std::string_view text, std::size_t max_depth) : text_(text), max_depth_(max_depth) {}

    ScannedPositions run() {
        skip_whitespace();
        if (at_end()) stop("", "the file is empty; expected a JSON object ('{')");
        if (peek() != '{') stop("", "expected a JSON object ('{') at the top level, found " + found_token());
        std::string path;  // pointer of the value read next
        bool want_value = true;
        while (want_value || !stack_.empty()) {
            want_value = want_value ? start_value(path) : continue_container(path);
        }
        skip_whitespace();
        if (!at_end()) stop("", "unexpected " + found() + " after the top-level object; expected the end of the file");
        return std::move(out_);
    }

private:
    struct Frame {
        bool object = false;
        std::string pointer;
        std::size_t next_index = 0;                   // arrays: index of the next element
        std::map<std::string, SourceLocation> keys;  // objects: decoded key → where it starts
    };

    bool at_end() const { return pos_ >= text_.size(); }
    unsigned char peek() const { return static_cast<unsigned char>(text_[pos_]); }
    bool next_is(char c) const { return !at_end() && peek() == static_cast<unsigned char>(c); }

    void advance() {
        const unsigned char b = peek();
        ++pos_;
        if (b == '\n') {
            ++at_.line;
            at_.column = 1;
        } else if ((b & 0xC0) != 0x80) {  // a continuation byte is part of the same code point
            ++at_.column;
        }
    }

    void skip_whitespace() {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) advance();
    }

    [[noreturn]] void stop(std::string path, std::string message) const { stop_at(std::move(path), at_, std::move(message)); }
    [[noreturn]] static void stop_at(std::string path, SourceLocation where, std::string message) {
        throw ScanStop{ReadError{std::move(path), std::move(message), where}};
    }

    // The character at the current position, as an error message names it.
    std::string found() const {
        if (at_end()) return "the end of the file";
        const unsigned char b = peek();
        if (b == '\n') return "a line break";
        if (b >= 0x20 && b < 0x7F) return std::string("'") + static_cast<char>(b) + "'";
        if (b < 0x80) return "the control character " + code_point_name(b);
        std::size_t n = 1;
        while (pos_ + n < text_.size() && (static_cast<unsigned char>(text_[pos_ + n]) & 0xC0) == 0x80) ++n;
        return "'" + std::string(text_.substr(pos_, n)) + "'";
    }

    // Like found(), but a bare word is named whole ('True', 'None').
    std::string found_token() const {
        if (at_end() || !is_letter(peek())) return found();
        std::size_t n = 0;
        while (pos_ + n < text_.size() && n < 24 && is_letter(static_cast<unsigned char>(text_[pos_ + n]))) ++n;
        return "'" + std::string(text_.substr(pos_, n)) + "'";
    }

    // Reads the value at the current position. True when it opened a non-empty container, with
    // `path` set to the container's first child, which is read next.
    bool start_value(std::string& path) {
        skip_whitespace();
        if (at_end()) stop(path, "the file ends where a value was expected");
        out_.locations[path] = at_;
        const unsigned char c = peek();
        if (c == '{' || c == '[') return open_container(path);
        if (c == '"') {
            read_string(path);
        } else if (c == '-' || is_digit(c)) {
            read_number(path);
        } else if (!read_literal()) {
            stop(path, "expected a value (an object, array, string, number, true, false or null), found " + found_token());
        }
        return false;
    }

    bool open_container(std::string& path) {
        const bool object = peek() == '{';
        if (stack_.size() >= max_depth_)
            stop(path, "objects and arrays are nested more than " + std::to_string(max_depth_) +
                           " deep; expected at most " + std::to_string(max_depth_) + " levels");
        advance();
        stack_.push_back(Frame{object, path, 0, {}});
        skip_whitespace();
        if (next_is(object ? '}' : ']')) {
            advance();
            stack_.pop_back();
            return false;
        }
        path = object ? read_key(stack_.back()) : next_element(stack_.back());
        return true;
    }

    // After a value inside the innermost container: a ',' and the next child (true, `path`
    // set to it), or the container's end (false).
    bool continue_container(std::string& path) {
        Frame& frame = stack_.back();
        const char close = frame.object ? '}' : ']';
        skip_whitespace();
        if (next_is(',')) {
            advance();
            skip_whitespace();
            if (next_is(close))
                stop(frame.pointer, std::string("a trailing comma before '") + close + "'; expected another " +
                                        (frame.object ? "member" : "element") + " after ','");
            path = frame.object ? read_key(frame) : next_element(frame);
            return true;
        }
        if (next_is(close)) {
            advance();
            stack_.pop_back();
            return false;
        }
        stop(frame.pointer, std::string("expected ',' or '") + close + "' after " +
                                (frame.object ? "an object member" : "an array element") + ", found " + found());
    }

    static std::string next_element(Frame& frame) { return frame.pointer + "/" + std::to_string(frame.next_index++); }

    // Reads `"key":` and returns the member's pointer.
    std::string read_key(Frame& frame) {
        skip_whitespace();
        if (!next_is('"')) stop(frame.pointer, "expected a key in double quotes, found " + found_token());
        const SourceLocation key_at = at_;
        const std::string key = read_string(frame.pointer);
        std::string member = frame.pointer + "/" + escape_pointer_token(key);
        if (const auto [first, inserted] = frame.keys.emplace(key, key_at); !inserted)
            stop_at(member, key_at,
                    "duplicate key " + quoted(key) + " (first at line " + std::to_string(first->second.line) +
                        ", column " + std::to_string(first->second.column) + "); expected each key once in an object");
        out_.key_locations[member] = key_at;
        skip_whitespace();
        if (!next_is(':')) stop(member, "expected ':' after the key " + quoted(key) + ", found " + found());
        advance();
        return member;
    }

    // Reads a string from its opening quote and returns it decoded. `path` names it in errors.
    std::string read_string(const std::string& path) {
        const SourceLocation start = at_;
        advance();
        std::string decoded;
        for (;;) {
            if (at_end()) stop_at(path, start, "this string is never closed; expected '\"' before the end of the file");
            const unsigned char c = peek();
            if (c == '"') break;
            if (c == '\n')
                stop(path, "a line break inside a string; expected '\"' before the end of the line (write a line break as \\n)");
            if (c < 0x20)
                stop(path, "the control character " + code_point_name(c) + " inside a string; expected it escaped (\\uXXXX)");
            if (c == '\\') {
                read_escape(path, decoded);
            } else {
                decoded += static_cast<char>(c);
                advance();
            }
        }
        advance();
        return decoded;
    }

    void read_escape(const std::string& path, std::string& decoded) {
        const SourceLocation start = at_;
        advance();
        if (at_end()) stop_at(path, start, "the file ends inside an escape sequence");
        const char c = static_cast<char>(peek());
        static constexpr std::string_view simple = "\"\\/bfnrt";
        static constexpr std::string_view meaning = "\"\\/\b\f\n\r\t";
        if (const auto i = simple.find(c); i != std::string_view::npos) {
            decoded += meaning[i];
            advance();
            return;
        }
        if (c != 'u')
            stop_at(path, start, "invalid escape: found " + found() +
                                     " after '\\'; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        std::uint32_t cp = read_hex4(path, start);
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            stop_at(path, start, "\\u" + code_point_name(cp).substr(2) +
                                     " is the second half of a UTF-16 surrogate pair without a first half;"
                                     " expected \\uD800 to \\uDBFF before it");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            const bool has_low = text_.substr(pos_, 2) == "\\u";
            std::uint32_t low = 0;
            if (has_low) {
                advance();
                low = read_hex4(path, start);
            }
            if (!has_low || low < 0xDC00 || low > 0xDFFF)
                stop_at(path, start, "\\u" + code_point_name(cp).substr(2) +
                                         " is the first half of a UTF-16 surrogate pair; expected \\uDC00 to \\uDFFF right after it");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (cp == 0) stop_at(path, start, "\\u0000 (NUL) inside a string; expected text without NUL characters");
        append_utf8(decoded, cp);
    }

    // Reads "uXXXX" from the 'u'; `start` is the escape's backslash.
    std::uint32_t read_hex4(const std::string& path, SourceLocation start) {
        advance();
        std::uint32_t cp = 0;
        for (int i = 0; i < 4; ++i) {
            if (at_end() || !is_hex(peek()))
                stop_at(path, start, "invalid \\u escape; expected \\u and four hex digits, found " + found() + " among them");
            const unsigned char h = peek();
            cp = cp * 16 + static_cast<std::uint32_t>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
            advance();
        }
        return cp;
    }

    void skip_digits() {
        while (!at_end() && is_digit(peek())) advance();
    }

    void expect_digit(const std::string& path, const char* after) {
        if (at_end() || !is_digit(peek())) stop(path, std::string("expected a digit ") + after + " in a number, found " + found());
    }

    void read_number(const std::string& path) {
        const SourceLocation start = at_;
        const std::size_t first = pos_;
        if (next_is('-')) advance();
        expect_digit(path, "after '-'");
        if (next_is('0')) {
            advance();
            if (!at_end() && is_digit(peek()))
                stop_at(path, start, "a number with a leading zero; expected no leading zeros (JSON has no octal numbers)");
        } else {
            skip_digits();
        }
        bool integer = true;
        if (next_is('.')) {
            integer = false;
            advance();
            expect_digit(path, "after '.'");
            skip_digits();
        }
        if (next_is('e') || next_is('E')) {
            integer = false;
            advance();
            if (next_is('+') || next_is('-')) advance();
            expect_digit(path, "in the exponent");
            skip_digits();
        }
        if (std::string problem = number_range_problem(text_.substr(first, pos_ - first), integer); !problem.empty())
            stop_at(path, start, std::move(problem));
    }

    bool read_literal() {
        for (const std::string_view word : {"true", "false", "null"}) {
            if (text_.substr(pos_, word.size()) != word) continue;
            for (std::size_t i = 0; i < word.size(); ++i) advance();
            return true;
        }
        return false;
    }

    std::string_view text_;
    std::size_t max_depth_;
    std::size_t pos_ = 0;
    SourceLocation at_{1, 1};
    std::vector<Frame> stack_;
    ScannedPositions out_;
};

}  // namespace

std::variant<ScannedPositions, ReadError> scan_json(std::string_view text, std::size_t max_depth) {
    try {
        return Scanner(text, max_depth).run();
    } catch (ScanStop& stop) {
        return std::move(stop.error);
    }
}

}  // namespace kafkasim::scenarios
