#include "engine/det_math.h"

#include <cmath>

#include "engine/assert.h"

namespace kafkasim::engine {

double det_log(double x) {
    SIM_ASSERT(x > 0.0 && std::isfinite(x), "det_log needs a finite positive argument");
    int e = 0;
    double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1), exact
    constexpr double sqrt_half = 0.70710678118654752440;
    if (m < sqrt_half) {
        m *= 2.0;
        e -= 1;
    }
    // ln(m) = 2 atanh(s) with s = (m-1)/(m+1), |s| <= 0.1716: the odd series converges fast.
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    double term = s;
    double sum = 0.0;
    for (int k = 1; k <= 41; k += 2) {
        sum += term / k;
        term *= s2;
    }
    // ln 2 split so that e * ln2_hi is exact for any double exponent.
    constexpr double ln2_hi = 6.93147180369123816490e-01;
    constexpr double ln2_lo = 1.90821492927058770002e-10;
    const double de = static_cast<double>(e);
    return de * ln2_hi + (2.0 * sum + de * ln2_lo);
}

}  // namespace kafkasim::engine
