#include "engine/assert.h"

namespace kafkasim::engine {

namespace {
std::string describe(const char* condition, const char* hint, const char* file, int line) {
    return std::string(file) + ":" + std::to_string(line) + ": SIM_ASSERT(" + condition +
           ") failed: " + hint;
}
}  // namespace

AssertionFailure::AssertionFailure(const char* condition, const char* hint, const char* file,
                                   int line)
    : std::logic_error(describe(condition, hint, file, line)), condition_(condition),
      hint_(hint) {}

void assertion_failed(const char* condition, const char* hint, const char* file, int line) {
    throw AssertionFailure(condition, hint, file, line);
}

}  // namespace kafkasim::engine
