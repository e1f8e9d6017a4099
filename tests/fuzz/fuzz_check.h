// What every fuzz target checks of the text a user would see: each error is one line that
// starts with its prefix ("FILE:", "kafkasim run: ") and holds no control character (C0, DEL,
// C1: utf8_text.h's printable escapes them), so an error can neither break a line nor send an
// escape code to a terminal. A broken invariant prints the offending text and aborts, which
// libFuzzer reports as a crash with its reproducer and the replay test as a failure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::fuzz {

// Prints `what` (and `detail`, escaped) to stderr and aborts.
[[noreturn]] void fail(std::string_view what, std::string_view detail = {});

// `utf8`: the errors must also be valid UTF-8 (true when every byte in them came from text the
// reader accepted; a command line's bytes may be anything).
enum class Utf8 { required, not_required };

// Checks each error as above; `errors` may be empty.
void check_error_lines(const std::vector<std::string>& errors, std::string_view prefix, Utf8 utf8);

}  // namespace kafkasim::fuzz
