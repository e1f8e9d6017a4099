// Java String.compareTo and String.hashCode on UTF-8 (java.lang.String, UTF-16 code units).
#include "sim/assign/java_string.h"

#include <cstddef>

#include "engine/assert.h"

namespace kafkasim::assign {

namespace {

// Decodes the code point starting at text[i]; advances i past it.
std::uint32_t decode(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    int length = 1;
    std::uint32_t cp = lead;
    if (lead >= 0xF0) {
        length = 4;
        cp = lead & 0x07u;
    } else if (lead >= 0xE0) {
        length = 3;
        cp = lead & 0x0Fu;
    } else if (lead >= 0xC0) {
        length = 2;
        cp = lead & 0x1Fu;
    }
    SIM_ASSERT(i + static_cast<std::size_t>(length) <= text.size(), "text must be valid UTF-8");
    for (int k = 1; k < length; ++k) cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    i += static_cast<std::size_t>(length);
    return cp;
}

bool is_continuation(unsigned char c) { return (c & 0xC0u) == 0x80u; }

// Orders two different code points as their first UTF-16 code units would.
int compare_as_utf16(std::uint32_t a, std::uint32_t b) {
    const auto first_unit = [](std::uint32_t cp) {
        return cp >= 0x10000u ? 0xD800u + ((cp - 0x10000u) >> 10) : cp;
    };
    const std::uint32_t ua = first_unit(a);
    const std::uint32_t ub = first_unit(b);
    if (ua != ub) return ua < ub ? -1 : 1;
    return a < b ? -1 : 1;  // same high surrogate: the low surrogate follows code point order
}

}  // namespace

int java_compare(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    while (i < n && a[i] == b[i]) ++i;
    if (i == n) {
        if (a.size() == b.size()) return 0;
        return a.size() < b.size() ? -1 : 1;
    }
    // Back up to the start of the code point that differs; it starts at the same offset in
    // both strings since everything before it is identical.
    while (i > 0 && is_continuation(static_cast<unsigned char>(a[i]))) --i;
    std::size_t ia = i;
    std::size_t ib = i;
    return compare_as_utf16(decode(a, ia), decode(b, ib));
}

std::int32_t java_hash_code(std::string_view utf8) {
    std::uint32_t h = 0;  // unsigned: wraps like Java's int, without undefined behaviour
    const auto mix = [&h](std::uint32_t unit) { h = 31u * h + unit; };
    std::size_t i = 0;
    while (i < utf8.size()) {
        const std::uint32_t cp = decode(utf8, i);
        if (cp >= 0x10000u) {
            mix(0xD800u + ((cp - 0x10000u) >> 10));
            mix(0xDC00u + ((cp - 0x10000u) & 0x3FFu));
        } else {
            mix(cp);
        }
    }
    return static_cast<std::int32_t>(h);
}

}  // namespace kafkasim::assign
