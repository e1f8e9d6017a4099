#include "scenarios/loader/number_range.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <system_error>

namespace kafkasim::scenarios {
namespace {

// Long literals are cut in messages so that one bad number cannot flood the terminal.
std::string shown(std::string_view literal) {
    constexpr std::size_t max_shown = 32;
    if (literal.size() <= max_shown) return std::string(literal);
    return std::string(literal.substr(0, max_shown)) + "... (" + std::to_string(literal.size()) + " characters)";
}

// Decimal exponent of the literal's leading significant digit (1.5e3 → 3, 0.02 → -2);
// 0 for a zero. from_chars reports overflow and underflow alike, and this tells them apart.
long long order_of_magnitude(std::string_view literal) {
    if (!literal.empty() && literal.front() == '-') literal.remove_prefix(1);
    long long exponent = 0;
    if (const auto e = literal.find_first_of("eE"); e != std::string_view::npos) {
        std::string_view digits = literal.substr(e + 1);
        const bool negative = !digits.empty() && digits.front() == '-';
        if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
        for (const char c : digits) exponent = std::min(exponent * 10 + (c - '0'), 1'000'000'000'000LL);
        if (negative) exponent = -exponent;
        literal = literal.substr(0, e);
    }
    const auto dot = literal.find('.');
    const std::string_view whole = literal.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : literal.substr(dot + 1);
    if (const auto i = whole.find_first_not_of('0'); i != std::string_view::npos)
        return static_cast<long long>(whole.size() - i - 1) + exponent;
    if (const auto j = fraction.find_first_not_of('0'); j != std::string_view::npos)
        return -static_cast<long long>(j + 1) + exponent;
    return 0;
}

}  // namespace

std::string number_range_problem(std::string_view literal, bool integer_literal) {
    const char* first = literal.data();
    const char* last = literal.data() + literal.size();
    if (integer_literal) {
        std::int64_t value = 0;
        if (std::from_chars(first, last, value).ec == std::errc::result_out_of_range)
            return "integer " + shown(literal) +
                   " is out of range; expected an integer from -9223372036854775808 to 9223372036854775807";
        return {};
    }
    double value = 0;
    if (std::from_chars(first, last, value).ec == std::errc::result_out_of_range && order_of_magnitude(literal) > 0)
        return "number " + shown(literal) + " is too large; expected a number within ±1.7976931348623157e308";
    return {};
}

}  // namespace kafkasim::scenarios
