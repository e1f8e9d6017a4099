// Fuzz target: a scenario file's bytes through everything `kafkasim validate FILE` and
// `kafkasim run FILE --knob …` do after reading the file (load_scenario_text: the strict
// reader, the loader, every knob value, the formatting of every error). Checks, beyond "no
// crash, no sanitizer report, no exception escapes":
//   - a load gives a scenario or errors, never both and never neither;
//   - every error is one printable line "fuzz.json:…" (fuzz_check.h), in valid UTF-8;
//   - a file that loads offers knob values that each load too (the loader promised so),
//     and a run with every knob at its last value gives a scenario or one-line errors.
// The same function runs under libFuzzer (fuzz_loader) and in the replay test of the checked-in
// corpus (fuzz_loader_replay). docs/fuzzing.md says how to run it.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "scenarios/loader/scenario_loader.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using kafkasim::scenarios::LoadResult;
using Knobs = std::vector<std::pair<std::string, std::string>>;

const std::string file_name = "fuzz.json";

LoadResult load_checked(std::string_view text, const Knobs& knobs) {
    LoadResult r = kafkasim::scenarios::load_scenario_text(text, file_name, knobs);
    if (r.spec.has_value() == !r.errors.empty()) {
        kafkasim::fuzz::fail(r.spec ? "a scenario loaded with errors" : "a load failed without an error",
                             r.errors.empty() ? "" : r.errors.front());
    }
    kafkasim::fuzz::check_error_lines(r.errors, file_name + ":", kafkasim::fuzz::Utf8::required);
    return r;
}

void check_knobs(std::string_view text, const LoadResult& loaded) {
    Knobs all;
    for (const auto& knob : loaded.spec->knobs) {
        for (const std::string& value : knob.values) {
            const LoadResult one = load_checked(text, {{knob.name, value}});
            if (!one.spec) kafkasim::fuzz::fail("a knob value the loader accepted does not load", one.errors.front());
        }
        if (!knob.values.empty()) all.emplace_back(knob.name, knob.values.back());
    }
    if (all.size() > 1) load_checked(text, all);  // two knobs may set one place: errors are fine
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const LoadResult loaded = load_checked(text, {});
        if (loaded.spec) check_knobs(text, loaded);
    } catch (const std::exception& e) {
        kafkasim::fuzz::fail("an exception escaped the loader", e.what());
    } catch (...) {
        kafkasim::fuzz::fail("an exception that is not a std::exception escaped the loader");
    }
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }
