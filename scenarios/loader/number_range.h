// Range checks for JSON number literals: nlohmann_json turns a number too large for a double
// into infinity (printed back as null) and an integer past int64 into unsigned or a double,
// so a typo like 99999999999999999999 partitions would silently become something else.
#pragma once

#include <string>
#include <string_view>

namespace kafkasim::scenarios {

// "" when `literal` (valid JSON number syntax) fits: an integer literal (no fraction, no
// exponent) within int64, any other number finite as a double. Otherwise a message saying
// which range was expected. A number too small for a double is accepted: it rounds to zero
// or a subnormal, as in every JSON reader.
std::string number_range_problem(std::string_view literal, bool integer_literal);

}  // namespace kafkasim::scenarios
