// SIM_ASSERT: invariant checks that stay on in every build. A failure throws
// AssertionFailure (a bug, not an operating error), so the command line can print the
// seed that reproduces it and exit with the internal-error code instead of aborting.
#pragma once

#include <stdexcept>
#include <string>

namespace kafkasim::engine {

class AssertionFailure : public std::logic_error {
public:
    AssertionFailure(const char* condition, const char* hint, const char* file, int line);
    const std::string& condition() const { return condition_; }
    const std::string& hint() const { return hint_; }

private:
    std::string condition_;
    std::string hint_;
};

[[noreturn]] void assertion_failed(const char* condition, const char* hint, const char* file,
                                   int line);

}  // namespace kafkasim::engine

#define SIM_ASSERT(cond, hint)                                                             \
    do {                                                                                   \
        if (!(cond)) [[unlikely]]                                                          \
            ::kafkasim::engine::assertion_failed(#cond, hint, __FILE__, __LINE__);         \
    } while (0)
