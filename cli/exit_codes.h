// Exit codes of the kafkasim command (design.md, "Scenario files and the CLI").
#pragma once

namespace kafkasim::cli {

enum ExitCode : int {
    exit_ok = 0,                  // every expectation holds
    exit_expectation_failed = 1,  // an expectation fails
    exit_bad_input = 2,           // bad flags, unreadable or invalid files
    exit_internal_error = 3,      // a failed SIM_ASSERT
};

}  // namespace kafkasim::cli
