// Fuzz target: what `kafkasim run NAME --seed S --lang L --knob K=V …` (and kafkasim-ui, which
// shares the checks) makes of its command line, through check_request (scenario_request.h).
// The input is lines: the scenario's name, the seed, the language, then one knob per line
// (an empty line is an empty flag). Names with a "/" are paths, whose contents the loader
// target fuzzes; here they are skipped, and the working directory is an empty one, so a name
// finds only a bundled scenario (KAFKASIM_SCENARIOS is set to the source tree's scenarios/).
// Checks, beyond "no crash, no sanitizer report, no exception escapes":
//   - a request gives a scenario or errors, never both and never neither;
//   - every error is one printable line "kafkasim run: …" (fuzz_check.h);
//   - an accepted request has the language and the seed it was given.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <unistd.h>

#include "scenarios/loader/scenario_request.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using kafkasim::scenarios::CheckedRequest;
using kafkasim::scenarios::ScenarioRequest;
namespace fuzz = kafkasim::fuzz;

const std::string program = "kafkasim run";

std::vector<std::string> lines(std::string_view text) {
    std::vector<std::string> out;
    for (;;) {
        const auto nl = text.find('\n');
        out.emplace_back(text.substr(0, nl));
        if (nl == std::string_view::npos) return out;
        text.remove_prefix(nl + 1);
    }
}

void check(const ScenarioRequest& request) {
    const CheckedRequest r = kafkasim::scenarios::check_request(request, program);
    if (r.spec.has_value() == !r.errors.empty())
        fuzz::fail(r.spec ? "a request was accepted with errors" : "a request was refused without an error",
                   r.errors.empty() ? "" : r.errors.front());
    fuzz::check_error_lines(r.errors, program + ": ", fuzz::Utf8::not_required);
    if (!r.spec) return;
    if (!request.lang.empty() && r.lang != request.lang) fuzz::fail("an accepted request changed its language", r.lang);
    if (r.lang != "en" && r.lang != "ko") fuzz::fail("an accepted request has no known language", r.lang);
    if (request.seed.empty() == r.seed.has_value()) fuzz::fail("an accepted request lost or invented its seed", request.seed);
    if (r.seed) {
        const bool digits = std::all_of(request.seed.begin(), request.seed.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || *r.seed != std::stoull(request.seed)) fuzz::fail("an accepted seed is not the number given", request.seed);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> fields = lines(std::string_view(reinterpret_cast<const char*>(data), size));
    fields.resize(std::max<std::size_t>(fields.size(), 3));
    if (fields[0].find('/') != std::string::npos) return 0;
    ScenarioRequest request{fields[0], fields[1], {fields.begin() + 3, fields.end()}, fields[2]};
    try {
        check(request);
    } catch (const std::exception& e) {
        fuzz::fail("an exception escaped check_request", e.what());
    } catch (...) {
        fuzz::fail("an exception that is not a std::exception escaped check_request");
    }
    return 0;
}

// Bundled scenarios only, from an empty working directory, and captions from --lang or "en".
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    setenv("KAFKASIM_SCENARIOS", KAFKASIM_SOURCE_SCENARIOS, 1);
    setenv("LANG", "C", 1);
    static char dir[] = "/tmp/kafkasim-fuzz-request-XXXXXX";
    if (mkdtemp(dir) == nullptr || chdir(dir) != 0) fuzz::fail("cannot make an empty working directory", dir);
    std::atexit([] { rmdir(dir); });  // still empty: nothing is ever written there
    return 0;
}
