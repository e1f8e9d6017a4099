// Natural logarithm from IEEE-754 basic operations only. libm's log may differ in the last
// bit between standard libraries and versions; +, -, *, / and frexp do not (with
// -ffp-contract=off), so a distribution built on this gives the same draws everywhere.
#pragma once

namespace kafkasim::engine {

// ln(x) for finite x > 0, within a few ulp. Caller guarantees x > 0.
double det_log(double x);

}  // namespace kafkasim::engine
