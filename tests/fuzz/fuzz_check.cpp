#include "tests/fuzz/fuzz_check.h"

#include <cstdio>
#include <cstdlib>

#include "scenarios/loader/utf8_text.h"

namespace kafkasim::fuzz {

void fail(std::string_view what, std::string_view detail) {
    std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
    if (!detail.empty()) {
        const std::string shown = scenarios::printable(detail);
        std::fprintf(stderr, "  %s\n", shown.c_str());
    }
    std::abort();
}

namespace {

// The first control character's byte offset in `line`, or npos.
std::size_t control_character(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c < 0x20 || c == 0x7F) return i;
        if (c == 0xC2 && i + 1 < line.size() && static_cast<unsigned char>(line[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(line[i + 1]) <= 0x9F)
            return i;  // U+0080–U+009F
    }
    return std::string_view::npos;
}

}  // namespace

void check_error_lines(const std::vector<std::string>& errors, std::string_view prefix, Utf8 utf8) {
    for (const std::string& e : errors) {
        if (!e.starts_with(prefix)) fail("an error does not start with its prefix", e);
        if (e.size() == prefix.size()) fail("an error says nothing after its prefix", e);
        if (control_character(e) != std::string_view::npos) fail("an error holds a control character", e);
        if (utf8 == Utf8::required && scenarios::find_text_problem(e)) fail("an error is not valid UTF-8", e);
    }
}

}  // namespace kafkasim::fuzz
