#include "tests/cli/run_kafkasim.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kafkasim::testing {

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

fs::path scratch() {
    const fs::path dir = fs::temp_directory_path() / ("kafkasim-cli-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

fs::path write_input(const std::string& name, const std::string& text) {
    const fs::path path = scratch() / name;
    std::ofstream(path) << text;
    return path;
}

Run run_kafkasim(const std::string& args) { return run_kafkasim_env("", args); }

Run run_kafkasim_env(const std::string& env, const std::string& args) {
    const fs::path out = scratch() / "stdout";
    const fs::path err = scratch() / "stderr";
    const std::string command =
        env + "'" + KAFKASIM_EXE + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    Run run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = slurp(out);
    run.err = slurp(err);
    return run;
}

int line_count(const std::string& text) {
    int lines = 0;
    for (const char c : text) lines += c == '\n' ? 1 : 0;
    return lines;
}

void check_bad_input(const Run& run, const std::string& prefix, bool one_line) {
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    if (one_line) CHECK(line_count(run.err) == 1);
    CHECK(run.err.rfind(prefix, 0) == 0);
}

}  // namespace kafkasim::testing
