#include "cli/shrink_report.h"

#include <iomanip>
#include <ostream>
#include <sstream>
#include <vector>

#include "scenarios/loader/utf8_text.h"

namespace kafkasim::cli {

namespace {

using shrink::ScenarioSize;

struct Row {
    std::string name;
    std::string before;
    std::string after;
};

std::vector<Row> size_rows(const ScenarioSize& b, const ScenarioSize& a) {
    const auto n = [](auto v) { return std::to_string(v); };
    return {{"faults", n(b.faults), n(a.faults)},
            {"producers", n(b.producers), n(a.producers)},
            {"groups", n(b.groups), n(a.groups)},
            {"members", n(b.members), n(a.members)},
            {"topics", n(b.topics), n(a.topics)},
            {"brokers", n(b.brokers), n(a.brokers)},
            {"duration_ms", n(b.duration_ms), n(a.duration_ms)},
            {"rate_per_s", shrink::plain_number(b.rate_per_s).dump(), shrink::plain_number(a.rate_per_s).dump()},
            {"fault_nodes", n(b.fault_nodes), n(a.fault_nodes)},
            {"pause_ms", n(b.pause_ms), n(a.pause_ms)},
            {"clog_ms", n(b.clog_ms), n(a.clog_ms)},
            {"disk_factor", n(b.disk_factor), n(a.disk_factor)}};
}

}  // namespace

std::string pass_line(const shrink::PassReport& p, const std::string& lang) {
    std::ostringstream s;
    if (lang == "ko") s << "라운드 " << p.round << ": " << p.pass << " " << p.before << " → " << p.after << " (" << p.runs << "회 실행)";
    else s << "round " << p.round << ": " << p.pass << " " << p.before << " → " << p.after << " (" << p.runs << (p.runs == 1 ? " run)" : " runs)");
    return s.str();
}

std::string does_not_fail_line(const ShrinkReportContext& c, const shrink::ShrinkResult& r) {
    const std::string file = scenarios::printable(c.input);
    const std::string check = scenarios::printable(c.check);
    const std::string seed = std::to_string(c.seed);
    const bool expectation = c.check.starts_with(shrink::expectation_prefix);
    const bool crash = c.check == shrink::crash_flag;
    const std::string count = std::to_string(r.count_before);
    if (c.lang == "ko")
        return file + "은(는) 시드 " + seed + "에서 " + check + "에 실패하지 않는다" +
               (crash ? " (실행이 내부 오류 없이 끝난다)" : expectation ? " (기대가 성립한다)" : " (개수 " + count + ")") +
               ": 줄일 것이 없다";
    return file + " does not fail " + check + " with seed " + seed +
           (crash         ? " (its run ends without an internal error)"
            : expectation ? " (the expectation holds)"
                          : " (its count is " + count + ")") +
           ": nothing to shrink";
}

void print_shrink_summary(const ShrinkReportContext& c, const shrink::ShrinkResult& r, std::ostream& out) {
    const bool ko = c.lang == "ko";
    const std::string in = scenarios::printable(c.input);
    const std::string to = scenarios::printable(c.output);
    const std::string check = scenarios::printable(c.check);
    // A crash has no count: the summary names it.
    const std::string counts = r.crash ? "(" + scenarios::printable(shrink::describe_crash(*r.crash)) + ")"
                                       : std::to_string(r.count_before) + " → " + std::to_string(r.count_after);
    if (ko) {
        out << in << "을(를) " << to << "(으)로 줄였다: " << check << " " << counts << " (시드 " << c.seed << ")\n";
        out << "실행 " << r.runs << "회(첫 실행, 후보 최대 " << c.max_runs << "회, 마지막 확인), " << r.rounds << "라운드\n";
    } else {
        out << "shrunk " << in << " to " << to << ": " << check << " " << counts << " with seed " << c.seed << "\n";
        out << r.runs << " runs (the first, at most " << c.max_runs << " candidates and the final check), " << r.rounds
            << (r.rounds == 1 ? " round\n" : " rounds\n");
    }
    if (r.budget_spent)
        out << (ko ? "실행 예산(--max-runs)을 다 썼다: 더 작은 파일이 있을 수 있다\n"
                   : "the run budget (--max-runs) is spent: a smaller file may exist\n");
    const std::string other = r.crash ? (ko ? "다른 " : "another ") : "";
    if (r.internal_errors > 0)
        out << (ko ? other + "내부 오류(kafkasim의 버그)를 낸 후보 " + std::to_string(r.internal_errors) + "개는 실패하지 않은 것으로 쳤다\n"
                   : std::to_string(r.internal_errors) + " candidates hit " + (r.crash ? "another" : "an") +
                         " internal error (a kafkasim bug) and counted as not failing\n");
    const std::vector<Row> rows = size_rows(r.before, r.after);
    std::size_t width = 0;
    for (const Row& row : rows) width = std::max({width, row.before.size(), std::size_t{6}});
    out << "  " << std::left << std::setw(12) << "" << std::right << std::setw(static_cast<int>(width))
        << (ko ? "전" : "before") << "  " << std::setw(static_cast<int>(width)) << (ko ? "후" : "after") << "\n";
    for (const Row& row : rows)
        out << "  " << std::left << std::setw(12) << row.name << std::right << std::setw(static_cast<int>(width)) << row.before
            << "  " << std::setw(static_cast<int>(width)) << row.after << "\n";
}

}  // namespace kafkasim::cli
