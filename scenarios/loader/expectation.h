// Expectations: "lost_acked == 0", "max(lag{group=payments}) <= 100",
// "processed{group=payments} == acked{topic=order.created}". Each side is a number or a checker
// or metric (design.md's tables), optionally selected by labels in braces and aggregated with
// sum (the default), max, min or count over what the selection leaves.
//   expectation := operand op operand          op := == != < <= > >=
//   operand     := number | term | agg "(" term ")"
//   term        := name [ "{" label "=" value { "," label "=" value } "}" ]
// Names and their labels are checked when the file is loaded (docs/scenario-format.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

struct MetricInfo {
    std::string name;
    std::vector<std::string> labels;  // empty: a plain count
    bool checker = false;             // a history checker (design.md's table)
};

// Every checker and metric an expectation may name, in a fixed order.
const std::vector<MetricInfo>& metric_catalogue();

struct ParsedExpectation {
    Operand left;
    Comparison op = Comparison::eq;
    Operand right;
};

// Parses and checks `text`; on a mistake returns false and sets `error` to what was expected.
bool parse_expectation(std::string_view text, ParsedExpectation& out, std::string& error);

std::string_view to_string(Comparison c);
std::string_view to_string(Aggregate a);

}  // namespace kafkasim::scenarios
