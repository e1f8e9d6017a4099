#include "scenarios/shrink/shrink_output.h"

#include <map>
#include <utility>

namespace kafkasim::shrink {

namespace {

std::string words(const Doc& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
        std::string out;
        for (const Doc& item : v) out += (out.empty() ? "" : ", ") + words(item);
        return "[" + out + "]";
    }
    if (!v.is_object()) return v.dump();
    std::string out;
    for (const auto& [key, value] : v.items()) out += (out.empty() ? "" : " ") + key + " " + words(value);
    return out;
}

// What the file reproduces when no expectation can say it: the crash that ends its run.
std::pair<std::string, std::string> crash_sentence(const FailureCheck& check) {
    if (!check.crash) return {};
    const Crash& c = *check.crash;
    if (c.assertion)
        return {"kafkasim run exits 3 with " + describe_crash(c) + ". ",
                "kafkasim run은 " + c.place + "의 SIM_ASSERT(" + c.condition + ") 실패로 종료 코드 3을 낸다. "};
    return {"Its run ends in " + describe_crash(c) + ". ", "실행이 예외로 끝난다: " + c.message + ". "};
}

Doc description(const FailureCheck& check, const Provenance& from) {
    std::string command = "kafkasim shrink --check " + shell_word(from.check_flag);
    for (const std::string& k : from.knobs) command += " --knob " + shell_word(k);
    const auto [en, ko] = crash_sentence(check);
    return Doc{{"en", "TODO(teacher): what this file shows. " + en + "Shrunk from " + from.file_name + " by " + command},
               {"ko", "TODO(교사): 이 파일이 보여 주는 것. " + ko + command + "로 " + from.file_name + "에서 줄였다"}};
}

Doc narration(const Doc& faults) {
    std::map<std::int64_t, std::string> at;  // time → its faults, in file order
    at[0];
    for (const Doc& f : faults) {
        std::string& what = at[f["at_ms"].get<std::int64_t>()];
        what += (what.empty() ? "" : "; ") + describe_fault(f);
    }
    Doc captions = Doc::array();
    for (const auto& [ms, what] : at) {
        const std::string n = std::to_string(ms);
        const std::string en = what.empty() ? "the start" : what;
        const std::string ko = what.empty() ? "시작" : what;
        captions.push_back(Doc{{"at_ms", ms},
                               {"en", "TODO(teacher): what happens at " + n + " ms (" + en + ")"},
                               {"ko", "TODO(교사): " + n + " ms에 일어나는 일 (" + ko + ")"}});
    }
    return captions;
}

constexpr std::size_t line_columns = 100;

// Columns a text takes: its code points (UTF-8 bytes that do not continue a character).
std::size_t columns(const std::string& text) {
    std::size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

std::string one_line(const Doc& v) {
    if (!v.is_structured()) return v.dump();
    std::string out;
    if (v.is_array())
        for (const Doc& item : v) out += (out.empty() ? "" : ", ") + one_line(item);
    else
        for (const auto& [key, value] : v.items()) out += (out.empty() ? "" : ", ") + Doc(key).dump() + ": " + one_line(value);
    return v.is_array() ? "[" + out + "]" : "{" + out + "}";
}

// Appends `v`, which starts at `column` of a line indented by `indent`.
void append(std::string& out, const Doc& v, std::size_t indent, std::size_t column) {
    const std::string flat = one_line(v);
    if (!v.is_structured() || v.empty() || (indent > 0 && column + columns(flat) <= line_columns)) {
        out += flat;
        return;
    }
    const std::string inner(indent + 2, ' ');
    out += v.is_array() ? "[\n" : "{\n";
    std::size_t i = 0;
    for (const auto& [key, value] : v.items()) {
        out += inner;
        std::size_t at = inner.size();
        if (v.is_object()) {
            const std::string k = Doc(key).dump() + ": ";
            out += k;
            at += columns(k);
        }
        append(out, value, indent + 2, at);
        out += ++i < v.size() ? ",\n" : "\n";
    }
    out += std::string(indent, ' ') + (v.is_array() ? "]" : "}");
}

}  // namespace

std::string shell_word(const std::string& arg) {
    const bool plain = !arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                             "0123456789_-.:=/,") == std::string::npos;
    if (plain) return arg;
    std::string out = "'";
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string format_scenario(const Doc& doc) {
    std::string out;
    append(out, doc, 0, 0);
    return out + "\n";
}

std::string describe_fault(const Doc& fault) {
    Doc rest = fault;
    rest.erase("at_ms");
    return words(rest);
}

Doc finished_scenario(Doc doc, const FailureCheck& check, const Provenance& from) {
    doc["description"] = description(check, from);
    set_check_expectations(doc, check);
    doc["narration"] = narration(doc.value("faults", Doc::array()));
    return doc;
}

}  // namespace kafkasim::shrink
