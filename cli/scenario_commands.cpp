#include "cli/scenario_commands.h"

#include <cstdlib>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "scenarios/loader/scenario_library.h"
#include "scenarios/loader/scenario_loader.h"

namespace kafkasim::cli {

std::string default_lang() {
    const char* lang = std::getenv("LANG");
    return lang != nullptr && std::string(lang).starts_with("ko") ? "ko" : "en";
}

int run_validate(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
    bool all_ok = true;
    for (const std::string& file : files) {
        const scenarios::LoadResult r = scenarios::load_scenario_file(file);
        if (r.spec) {
            out << file << ": ok\n";
            continue;
        }
        all_ok = false;
        for (const std::string& e : r.errors) err << e << "\n";
    }
    return all_ok ? exit_ok : exit_bad_input;
}

namespace {

// The first line of a description: `list` shows one line per scenario.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

int run_list(const ListOptions& options, std::ostream& out, std::ostream& err) {
    const std::string lang = options.lang.empty() ? default_lang() : options.lang;
    if (lang != "en" && lang != "ko") {
        err << "kafkasim list: --lang must be en or ko, not \"" << lang << "\"\n";
        return exit_bad_input;
    }
    if (!scenarios::library_dir()) {
        err << "kafkasim list: no scenario library found (set KAFKASIM_SCENARIOS to a directory of scenario files)\n";
        return exit_bad_input;
    }
    nlohmann::json listed = nlohmann::json::array();
    bool all_ok = true;
    for (const auto& [name, path] : scenarios::library_scenarios()) {
        const scenarios::LoadResult r = scenarios::load_scenario_file(path);
        if (!r.spec) {
            all_ok = false;
            for (const std::string& e : r.errors) err << e << "\n";
            continue;
        }
        const scenarios::Bilingual& d = r.spec->description;
        if (options.json) listed.push_back({{"name", name}, {"description", {{"en", d.en}, {"ko", d.ko}}}});
        else out << name << "  " << first_line(lang == "ko" ? d.ko : d.en) << "\n";
    }
    if (options.json) out << listed.dump(2) << "\n";
    return all_ok ? exit_ok : exit_bad_input;
}

}  // namespace kafkasim::cli
