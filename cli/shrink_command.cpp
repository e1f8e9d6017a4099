#include "cli/shrink_command.h"

#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/exit_codes.h"
#include "cli/shrink_report.h"
#include "scenarios/loader/input_file.h"
#include "scenarios/loader/json_reader.h"
#include "scenarios/loader/scenario_request.h"
#include "scenarios/loader/utf8_text.h"
#include "scenarios/loader/work_estimate.h"
#include "scenarios/shrink/shrink_input.h"
#include "scenarios/shrink/shrink_output.h"
#include "scenarios/shrink/shrinker.h"

namespace kafkasim::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t default_max_runs = 500;
constexpr std::uint64_t most_max_runs = 1'000'000;

// What main.cpp's flags leave to check, in the order a user reads them.
struct CheckedFlags {
    std::string lang;
    std::optional<std::uint64_t> seed;
    int max_runs = 0;
    std::vector<std::pair<std::string, std::string>> knobs;
};

std::optional<std::string> check_flags(const ShrinkCommandOptions& o, CheckedFlags& f) {
    f.lang = o.lang.empty() ? scenarios::lang_from_environment() : o.lang;
    if (f.lang != "en" && f.lang != "ko") return "--lang must be en or ko, not \"" + o.lang + "\"";
    if (!o.seed.empty()) {
        f.seed = scenarios::parse_count(o.seed, scenarios::max_request_seed);
        if (!f.seed) return "--seed must be an integer from 0 to " + std::to_string(scenarios::max_request_seed) + ", not \"" + o.seed + "\"";
    }
    const auto runs = o.max_runs.empty() ? std::optional(default_max_runs) : scenarios::parse_count(o.max_runs, most_max_runs);
    if (!runs) return "--max-runs must be an integer from 0 to " + std::to_string(most_max_runs) + ", not \"" + o.max_runs + "\"";
    f.max_runs = static_cast<int>(*runs);
    for (const std::string& k : o.knobs) {
        const auto eq = k.find('=');
        if (eq == std::string::npos || eq == 0) return "--knob takes NAME=VALUE, not \"" + k + "\"";
        f.knobs.emplace_back(k.substr(0, eq), k.substr(eq + 1));
    }
    return std::nullopt;
}

// Why `out` cannot take the shrunk file, if it cannot: it is the input (by any spelling or
// link: the input exists, it was read), a directory, or in a directory that does not exist.
std::optional<std::string> check_output(const std::string& input, const std::string& out) {
    std::error_code ec;
    if (fs::equivalent(input, out, ec)) return "--out names the input file, which shrink never overwrites";
    if (fs::is_directory(out, ec)) return "--out " + out + " is a directory; expected a file name";
    const fs::path dir = fs::path(out).parent_path();
    if (!dir.empty() && !fs::is_directory(dir, ec)) return "--out " + out + ": no directory " + dir.string();
    return std::nullopt;
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    return static_cast<bool>(f);
}

}  // namespace

std::string default_shrink_output(const std::string& file) {
    const std::string stem = file.size() > 5 && file.ends_with(".json") ? file.substr(0, file.size() - 5) : file;
    return stem + "-min.json";
}

int run_shrink(const ShrinkCommandOptions& o, std::ostream& out, std::ostream& err) {
    const auto bad = [&err](const std::string& message) {
        err << "kafkasim shrink: " << scenarios::printable(message) << "\n";
        return exit_bad_input;
    };
    CheckedFlags flags;
    if (const auto e = check_flags(o, flags)) return bad(*e);
    auto bytes = scenarios::read_input_file(o.file, scenarios::ReaderLimits{}.max_bytes);
    if (const auto* e = std::get_if<scenarios::InputFileError>(&bytes)) return bad(o.file + ": " + e->message);
    auto prepared = shrink::prepare_input(std::get<std::string>(bytes), o.file, flags.knobs, flags.seed);
    if (const auto* errors = std::get_if<std::vector<std::string>>(&prepared)) {
        for (const std::string& e : *errors) err << "kafkasim shrink: " << e << "\n";
        return exit_bad_input;
    }
    const shrink::PreparedInput& input = std::get<shrink::PreparedInput>(prepared);
    const auto check = shrink::parse_failure_check(o.check, input.doc.value("expectations", shrink::Doc()));
    if (const auto* e = std::get_if<std::string>(&check)) return bad(*e);
    const std::string out_path = o.out.empty() ? default_shrink_output(o.file) : o.out;
    if (const auto e = check_output(o.file, out_path)) return bad(*e);
    if (const std::int64_t records = scenarios::estimated_records(input.spec); records > scenarios::max_records_without_force)
        return bad("the scenario would send about " + std::to_string(records) + " records a run, more than " +
                   std::to_string(scenarios::max_records_without_force) + "; lower a rate, max_records or duration_ms");

    shrink::ShrinkOptions options;
    options.max_runs = flags.max_runs;
    options.trace_sinks = o.trace_sinks;
    if (!o.quiet) options.on_pass = [&err, &flags](const shrink::PassReport& p) { err << pass_line(p, flags.lang) << "\n"; };
    shrink::Provenance from{fs::path(o.file).filename().string(), o.check, o.knobs};
    const shrink::ShrinkResult result = shrink::shrink_scenario(input.doc, std::get<shrink::FailureCheck>(check), from, out_path, options);
    const ShrinkReportContext context{flags.lang, o.file, out_path, o.check, input.spec.seed, flags.max_runs};
    switch (result.status) {
        case shrink::ShrinkStatus::does_not_fail:
            out << does_not_fail_line(context, result) << "\n";
            return exit_expectation_failed;
        case shrink::ShrinkStatus::internal_error:
            err << "kafkasim shrink: internal error in " << input.spec.name << " with seed " << input.spec.seed << ": "
                << result.error << "\n";
            if (result.runs == 1)  // the input's own run
                err << "kafkasim shrink: --check crash shrinks it to the smallest file that ends in this internal error\n";
            return exit_internal_error;
        case shrink::ShrinkStatus::not_reproduced:
            err << "kafkasim shrink: internal error: the shrunk scenario no longer fails " << scenarios::printable(o.check)
                << " with seed " << input.spec.seed << " (its captions or expectation changed the run"
                << (result.error.empty() ? "" : "; it ends in " + result.error) << "); nothing written\n";
            return exit_internal_error;
        case shrink::ShrinkStatus::shrunk:
            break;
    }
    if (!write_file(out_path, shrink::format_scenario(result.scenario))) return bad("cannot write " + out_path);
    print_shrink_summary(context, result, out);
    return exit_ok;
}

}  // namespace kafkasim::cli
