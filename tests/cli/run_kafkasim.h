// Runs the built `kafkasim` binary as a user would, through the shell, and captures its exit
// code, stdout and stderr: the CLI tests check the public contract from outside.
#pragma once

#include <filesystem>
#include <string>

namespace kafkasim::testing {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// A scratch directory for this test process (CTest runs test cases in parallel processes).
std::filesystem::path scratch();
// Writes `text` to `name` in the scratch directory and returns its path.
std::filesystem::path write_input(const std::string& name, const std::string& text);
// `args` is passed through the shell as written (quote it there).
Run run_kafkasim(const std::string& args);
// The same with environment assignments before the command ("NAME=value ", quoted as needed).
Run run_kafkasim_env(const std::string& env, const std::string& args);
int line_count(const std::string& text);
// A run refused as bad input: exit 2, nothing on stdout, stderr starting with `prefix`
// ("kafkasim run: "), in one line if `one_line`.
void check_bad_input(const Run& run, const std::string& prefix, bool one_line = true);

}  // namespace kafkasim::testing
