#include "scenarios/loader/expectation.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "scenarios/loader/did_you_mean.h"

namespace kafkasim::scenarios {

const std::vector<MetricInfo>& metric_catalogue() {
    static const std::vector<MetricInfo> catalogue{
        {"lost_acked", {}, true},
        {"divergent_replicas", {}, true},
        {"duplicates_in_log", {}, true},
        {"send_reordered", {}, true},
        {"redeliveries", {}, true},
        {"consumer_skips", {}, true},
        {"reordered", {}, true},
        {"key_reordered", {}, true},
        {"exclusivity_violations", {}, true},
        {"committed_offset_regressions", {}, true},
        {"unconsumed", {"acks"}, true},
        {"acked", {"producer", "topic", "partition"}, false},
        {"failed_sends", {"producer", "topic", "partition"}, false},
        {"leaderless_ms", {"topic", "partition"}, false},
        {"unavailable_ms", {"topic", "partition"}, false},
        {"leaders", {"broker"}, false},
        {"replicas", {"broker"}, false},
        {"lag", {"group", "topic", "partition"}, false},
        {"idle_members", {"group"}, false},
        {"processed", {"group", "member", "topic", "partition"}, false},
        {"rebalance_pause_ms", {"group", "member"}, false},
    };
    return catalogue;
}

namespace {

// The values a label's samples always take, or null when any value may select some. Another
// value selects nothing, so the loader refuses it rather than let a sum over no sample pass
// as 0 (unconsumed{acks=-1}).
const std::vector<std::string>* closed_values(const std::string& metric, const std::string& label) {
    static const std::vector<std::string> acks{"all", "1", "0"};
    return metric == "unconsumed" && label == "acks" ? &acks : nullptr;
}

}  // namespace

std::string_view to_string(Comparison c) {
    switch (c) {
        case Comparison::eq: return "==";
        case Comparison::ne: return "!=";
        case Comparison::lt: return "<";
        case Comparison::le: return "<=";
        case Comparison::gt: return ">";
        case Comparison::ge: return ">=";
    }
    return "?";
}

std::string_view to_string(Aggregate a) {
    switch (a) {
        case Aggregate::sum: return "sum";
        case Aggregate::max: return "max";
        case Aggregate::min: return "min";
        case Aggregate::count: return "count";
    }
    return "?";
}

namespace {

class Parser {
public:
    explicit Parser(std::string_view text) : s_(text) {}

    bool parse(ParsedExpectation& out, std::string& error) {
        if (!operand(out.left) || !comparison(out.op) || !operand(out.right)) {
            error = error_;
            return false;
        }
        skip();
        if (i_ != s_.size()) return fail("nothing after the right-hand side", error);
        if (std::holds_alternative<double>(out.left) && std::holds_alternative<double>(out.right))
            return fail("a checker or metric on at least one side", error);
        return true;
    }

private:
    bool fail(const std::string& expected, std::string& error) {
        error = "expected " + expected + " at character " + std::to_string(i_ + 1);
        return false;
    }
    bool expect(const std::string& what) {
        error_ = "expected " + what + " at character " + std::to_string(i_ + 1);
        return false;
    }
    void skip() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    }
    bool is_name_char(char c) const {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '/';
    }
    std::string word() {
        skip();
        const std::size_t start = i_;
        while (i_ < s_.size() && is_name_char(s_[i_])) ++i_;
        return std::string(s_.substr(start, i_ - start));
    }
    bool eat(char c) {
        skip();
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }

    bool operand(Operand& out) {
        skip();
        if (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-')) {
            double v = 0;
            const auto [end, ec] = std::from_chars(s_.data() + i_, s_.data() + s_.size(), v);
            if (ec != std::errc() || !std::isfinite(v)) return expect("a number");
            i_ = static_cast<std::size_t>(end - s_.data());
            out = v;
            return true;
        }
        MetricRef m;
        std::string name = word();
        if (name.empty()) return expect("a number, a checker or a metric");
        static const std::vector<std::pair<std::string, Aggregate>> aggregates{
            {"sum", Aggregate::sum}, {"max", Aggregate::max}, {"min", Aggregate::min}, {"count", Aggregate::count}};
        const auto agg = std::find_if(aggregates.begin(), aggregates.end(), [&](const auto& a) { return a.first == name; });
        const bool wrapped = agg != aggregates.end() && eat('(');
        if (wrapped) {
            m.aggregate = agg->second;
            name = word();
            if (name.empty()) return expect("a checker or metric inside " + agg->first + "( )");
        }
        const auto& catalogue = metric_catalogue();
        const auto info = std::find_if(catalogue.begin(), catalogue.end(), [&](const MetricInfo& x) { return x.name == name; });
        if (info == catalogue.end()) {
            std::vector<std::string> names;
            for (const auto& x : catalogue) names.push_back(x.name);
            error_ = "unknown checker or metric \"" + name + "\"";
            if (auto near = did_you_mean(name, names)) error_ += "; did you mean \"" + *near + "\"?";
            return false;
        }
        m.name = name;
        if (eat('{')) {
            do {
                const std::string label = word();
                if (std::find(info->labels.begin(), info->labels.end(), label) == info->labels.end()) {
                    std::string known;
                    for (const auto& l : info->labels) known += (known.empty() ? "" : ", ") + l;
                    error_ = "\"" + name + "\" is selected by " + (known.empty() ? std::string("no label") : known) +
                             ", not \"" + label + "\"";
                    return false;
                }
                if (!eat('=')) return expect("'=' after the label \"" + label + "\"");
                const std::string value = word();
                if (value.empty()) return expect("a value for the label \"" + label + "\"");
                if (!closed_value_ok(name, label, value)) return false;
                m.where.push_back({label, value});
            } while (eat(','));
            if (!eat('}')) return expect("',' or '}'");
        }
        if (wrapped && !eat(')')) return expect("')'");
        out = std::move(m);
        return true;
    }

    bool closed_value_ok(const std::string& metric, const std::string& label, const std::string& value) {
        const std::vector<std::string>* values = closed_values(metric, label);
        if (values == nullptr || std::find(values->begin(), values->end(), value) != values->end()) return true;
        std::string known;
        for (std::size_t i = 0; i < values->size(); ++i)
            known += (i == 0 ? "" : i + 1 == values->size() ? " or " : ", ") + (*values)[i];
        error_ = "\"" + label + "\" is " + known + ", not \"" + value + "\"";
        return false;
    }

    bool comparison(Comparison& out) {
        skip();
        static const std::vector<std::pair<std::string_view, Comparison>> ops{
            {"==", Comparison::eq}, {"!=", Comparison::ne}, {"<=", Comparison::le},
            {">=", Comparison::ge}, {"<", Comparison::lt},  {">", Comparison::gt}};
        for (const auto& [text, op] : ops) {
            if (s_.substr(i_, text.size()) == text) {
                i_ += text.size();
                out = op;
                return true;
            }
        }
        return expect("one of == != < <= > >=");
    }

    std::string_view s_;
    std::size_t i_ = 0;
    std::string error_;
};

}  // namespace

bool parse_expectation(std::string_view text, ParsedExpectation& out, std::string& error) {
    return Parser(text).parse(out, error);
}

}  // namespace kafkasim::scenarios
