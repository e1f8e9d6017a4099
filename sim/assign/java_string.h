// Java's String.compareTo and String.hashCode over UTF-8 text. Kafka's assignors order
// members and topics with compareTo and keep them in HashMaps keyed by hashCode; both work
// on UTF-16 code units, not on bytes or code points.
//
// For UTF-8, byte order equals code point order, and that differs from UTF-16 order in one
// case only: a supplementary character (U+10000 and up, a surrogate pair D800-DBFF first in
// UTF-16) sorts before U+E000..U+FFFF in Java but after it in code point order.
#pragma once

#include <cstdint>
#include <string_view>

namespace kafkasim::assign {

// Negative, zero or positive like Java's a.compareTo(b) (only the sign is meaningful).
// Text must be valid UTF-8.
int java_compare(std::string_view a, std::string_view b);

inline bool java_less(std::string_view a, std::string_view b) { return java_compare(a, b) < 0; }

// Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, in int32
// arithmetic that wraps.
std::int32_t java_hash_code(std::string_view utf8);

}  // namespace kafkasim::assign
