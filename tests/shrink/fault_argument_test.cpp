// The passes that shrink what a fault says (scenarios/shrink/list_passes.h, value_passes.h): the
// nodes of a power_loss list or a partition's groups, a pause's for_ms, a clog's extra_ms, a
// slow disk's factor, and producer rates, judged by rules instead of runs.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "scenarios/shrink/list_passes.h"
#include "scenarios/shrink/value_passes.h"

using namespace kafkasim::shrink;

namespace {

// Answers from a rule, and counts the distinct candidates it was asked about.
struct RuleJudge : Judge {
    std::function<bool(const Doc&)> rule;
    std::vector<std::string> asked;
    explicit RuleJudge(std::function<bool(const Doc&)> r) : rule(std::move(r)) {}
    bool fails(const Doc& doc) override {
        if (std::find(asked.begin(), asked.end(), doc.dump()) == asked.end()) asked.push_back(doc.dump());
        return rule(doc);
    }
};

bool lists(const Doc& nodes, const std::string& name) {
    return std::any_of(nodes.begin(), nodes.end(), [&](const Doc& n) { return n == name; });
}

// The side of a partition that lists `name`, or -1.
int side_of(const Doc& groups, const std::string& name) {
    for (std::size_t g = 0; g < groups.size(); ++g)
        if (lists(groups[g], name)) return static_cast<int>(g);
    return -1;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("round_values has at most two significant digits and stays in its range") {
    const auto v = round_values(1, 3471);
    CHECK(v.front() == 1);
    CHECK(v[98] == 99);
    CHECK(v[99] == 100);
    CHECK(v[100] == 110);
    CHECK(v.back() == 3400);
    CHECK(std::is_sorted(v.begin(), v.end()));
    CHECK(std::adjacent_find(v.begin(), v.end()) == v.end());
    CHECK(round_values(2, 10) == std::vector<std::int64_t>{2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(round_values(2, 2).empty());
    CHECK(round_values(1, 1000).back() == 990);
    CHECK(round_values(150, 300).front() == 150);
}

TEST_CASE("a pause shortens to the smallest round length that still fails") {
    Doc doc = Doc::parse(R"({"faults": [{"at_ms": 5000, "pause": "broker-1", "for_ms": 15000},
                                        {"at_ms": 6000, "crash": "broker-2"}]})");
    RuleJudge judge([](const Doc& d) { return d["faults"][0]["for_ms"].get<std::int64_t>() >= 1873; });
    shorten_pauses(doc, judge);
    CHECK(doc["faults"][0]["for_ms"] == 1900);
    CHECK(judge.asked.size() <= 9);  // a binary search over about 280 round values
    CHECK(doc["faults"][1] == Doc::parse(R"({"at_ms": 6000, "crash": "broker-2"})"));
}

TEST_CASE("a clog's extra delay and a slow disk's factor go down - never to a factor of 1") {
    Doc doc = Doc::parse(R"({"faults": [
        {"at_ms": 1000, "clog": {"from": "broker-1", "to": "broker-2", "extra_ms": 4500}, "one_way": true},
        {"at_ms": 2000, "slow_disk": "broker-1", "factor": 1000},
        {"at_ms": 3000, "slow_disk": "broker-1", "factor": 1},
        {"at_ms": 4000, "slow_disk": "broker-2", "factor": 100}]})");
    RuleJudge clog([](const Doc& d) { return d["faults"][0]["clog"]["extra_ms"].get<std::int64_t>() >= 37; });
    lower_clogs(doc, clog);
    CHECK(doc["faults"][0]["clog"]["extra_ms"] == 37);
    CHECK(doc["faults"][0]["one_way"] == true);
    RuleJudge disk([](const Doc& d) { return d["faults"][1]["factor"].get<std::int64_t>() >= 7; });
    lower_disk_factors(doc, disk);
    CHECK(doc["faults"][1]["factor"] == 7);
    CHECK(doc["faults"][2]["factor"] == 1);  // a disk back to speed stays so
    CHECK(doc["faults"][3]["factor"] == 2);  // the rule does not need it slow: 2 is the least
}

TEST_CASE("a power loss keeps only the nodes the failure needs") {
    Doc doc = Doc::parse(R"({"faults": [{"at_ms": 1000, "power_loss": ["controller", "broker-1", "broker-2"], "torn_tail": true},
                                        {"at_ms": 2000, "power_loss": "broker-3"},
                                        {"at_ms": 3000, "power_loss": "all"}]})");
    RuleJudge judge([](const Doc& d) { return lists(d["faults"][0]["power_loss"], "broker-2"); });
    reduce_fault_nodes(doc, judge);
    CHECK(doc["faults"][0]["power_loss"] == Doc::array({"broker-2"}));
    CHECK(doc["faults"][0]["torn_tail"] == true);
    CHECK(doc["faults"][1]["power_loss"] == "broker-3");
    CHECK(doc["faults"][2]["power_loss"] == "all");
}

TEST_CASE("a partition keeps the nodes the failure needs on each side and drops emptied sides") {
    Doc doc = Doc::parse(R"({"faults": [{"at_ms": 1000, "partition": [
        ["broker-1", {"leader_of": "orders-0"}], ["broker-2", "controller"], ["broker-3", "payments/consumer-1"]]}]})");
    // Fails while broker-1 and broker-3 are on different sides.
    RuleJudge judge([](const Doc& d) {
        const Doc& groups = d["faults"][0]["partition"];
        const int a = side_of(groups, "broker-1");
        const int b = side_of(groups, "broker-3");
        return a >= 0 && b >= 0 && a != b;
    });
    reduce_fault_nodes(doc, judge);
    CHECK(doc["faults"][0]["partition"] == Doc::parse(R"([["broker-1"], ["broker-3"]])"));
    // One side alone is a partition too (everyone else forms the other): it may be all that is left.
    Doc alone = Doc::parse(R"({"faults": [{"at_ms": 1000, "partition": [["broker-1", "broker-2"], ["broker-3"]]}]})");
    RuleJudge any_left([](const Doc&) { return true; });
    reduce_fault_nodes(alone, any_left);
    CHECK(alone["faults"][0]["partition"] == Doc::parse(R"([["broker-3"]])"));
}

TEST_CASE("producer rates halve down to 1 record a second and no further") {
    Doc doc = Doc::parse(R"({"producers": [{"name": "a", "rate_per_s": 40}, {"name": "b", "rate_per_s": 0.5},
                                           {"name": "c", "rate_per_s": 3}]})");
    RuleJudge always([](const Doc&) { return true; });
    halve_rates(doc, always);
    CHECK(doc["producers"][0]["rate_per_s"] == 1);  // 40, 20, 10, 5, 2.5, 1.25, 1
    CHECK(doc["producers"][1]["rate_per_s"] == 0.5);
    CHECK(doc["producers"][2]["rate_per_s"] == 1);  // 3, 1.5, 1
    Doc steep = Doc::parse(R"({"producers": [{"name": "a", "rate_per_s": 40}]})");
    RuleJudge fast([](const Doc& d) { return d["producers"][0]["rate_per_s"].get<double>() >= 10; });
    halve_rates(steep, fast);
    CHECK(steep["producers"][0]["rate_per_s"] == 10);
}

}  // TEST_SUITE
