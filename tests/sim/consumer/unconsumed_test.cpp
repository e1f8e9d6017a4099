// The unconsumed checker on hand-made histories: sends that completed without error, counted
// once when a group subscribed to their topic never polled them, split by the producer's acks.
#include <doctest/doctest.h>

#include "sim/check/unconsumed.h"

using namespace kafkasim;
using namespace kafkasim::check;

namespace {

const TopicPartition orders{"orders", 2};

engine::Instant at(std::int64_t ms) { return engine::Instant::zero() + engine::Duration::ms(ms); }

void acked(History& h, const std::string& value, std::int16_t acks, std::int64_t offset = -1,
           Errc error = Errc::none, const TopicPartition& tp = orders) {
    h.on_ack(AckEvent{"P", value, tp, error, Offset{offset}, acks, at(1)});
}

void polled(History& h, const std::string& group, const std::vector<std::string>& values,
            const TopicPartition& tp = orders) {
    PollEvent p{ConsumerRef{group + "/consumer-1", 1, group, no_generation}, tp, {}, at(2)};
    for (const std::string& v : values) p.records.push_back(ConsumedRecord{Offset{0}, std::nullopt, v});
    h.on_poll(std::move(p));
}

std::int64_t part(const CheckResult& r, const std::string& acks) {
    for (const CountPart& p : r.parts)
        if (p.label == "acks" && p.value == acks) return p.count;
    FAIL("no part acks=" << acks);
    return -1;
}

const std::vector<Subscription> payments{{"payments", {"orders"}}};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("unconsumed counts acknowledged records a subscribed group never polled and not failed sends") {
    History h;
    acked(h, "a", -1, 0);
    acked(h, "b", -1, 1);
    acked(h, "c", -1, -1, Errc::not_enough_replicas);  // failed: nothing was promised
    acked(h, "d", 1, -1, Errc::request_timed_out);
    polled(h, "payments", {"a"});
    const CheckResult r = check_unconsumed(h, payments);
    CHECK(r.count == 1);
    REQUIRE(r.examples.size() == 1);
    CHECK(r.examples[0] == "orders-2@1 value b (acks=all) never consumed by group payments");
    polled(h, "payments", {"b"});
    CHECK(check_unconsumed(h, payments).count == 0);
}

TEST_CASE("unconsumed counts acks=0 records handed to a connection in their own part") {
    History h;
    acked(h, "a", 0);
    acked(h, "b", 0);
    acked(h, "c", 0, -1, Errc::network_exception);  // never written: failed
    polled(h, "payments", {"a"});
    const CheckResult r = check_unconsumed(h, payments);
    CHECK(r.count == 1);
    CHECK(part(r, "0") == 1);
    CHECK(part(r, "all") == 0);
    REQUIRE(r.examples.size() == 1);
    CHECK(r.examples[0] == "orders-2 value b (acks=0) never consumed by group payments");  // no offset to show
}

TEST_CASE("unconsumed leaves out topics no group subscribes to") {
    History h;
    acked(h, "a", -1, 0, Errc::none, TopicPartition{"audit", 0});
    acked(h, "b", -1, 0);
    CHECK(check_unconsumed(h, payments).count == 1);
    CHECK(check_unconsumed(h, {}).count == 0);
    // A group that never polled is still subscribed.
    CHECK(check_unconsumed(h, {{"archive", {"audit", "orders"}}}).count == 2);
}

TEST_CASE("unconsumed counts a record once when one of two groups is stuck") {
    History h;
    acked(h, "a", -1, 0);
    acked(h, "b", -1, 1);
    polled(h, "payments", {"a", "b"});
    polled(h, "shipping", {"a"});
    const std::vector<Subscription> two{{"payments", {"orders"}}, {"shipping", {"orders"}}};
    CheckResult r = check_unconsumed(h, two);
    CHECK(r.count == 1);
    REQUIRE(r.examples.size() == 1);
    CHECK(r.examples[0] == "orders-2@1 value b (acks=all) never consumed by group shipping");
    const std::vector<Subscription> three{{"payments", {"orders"}}, {"shipping", {"orders"}}, {"audit", {"orders"}}};
    r = check_unconsumed(h, three);
    CHECK(r.count == 2);  // a, missed by audit; b, missed by shipping and audit
    REQUIRE(r.examples.size() == 2);
    CHECK(r.examples[1] == "orders-2@1 value b (acks=all) never consumed by groups shipping, audit");
    // Only the subscriptions given count: without shipping and audit nothing is missed.
    CHECK(check_unconsumed(h, {{"payments", {"orders"}}}).count == 0);
}

TEST_CASE("unconsumed splits its count by acks with every part present") {
    History h;
    for (int i = 0; i < 4; ++i) acked(h, "zero" + std::to_string(i), 0);
    for (int i = 0; i < 3; ++i) acked(h, "all" + std::to_string(i), -1, i);
    for (int i = 0; i < 2; ++i) acked(h, "one" + std::to_string(i), 1, 10 + i);
    polled(h, "payments", {"all0", "one0", "one1"});
    const CheckResult r = check_unconsumed(h, payments);
    CHECK(r.count == 6);
    REQUIRE(r.parts.size() == 3);
    CHECK(r.parts[0] == CountPart{"acks", "all", 2});
    CHECK(r.parts[1] == CountPart{"acks", "1", 0});
    CHECK(r.parts[2] == CountPart{"acks", "0", 4});
    // At most five of the six, the broken promises first: acks=all before acks=0.
    REQUIRE(r.examples.size() == 5);
    CHECK(r.examples[0] == "orders-2@1 value all1 (acks=all) never consumed by group payments");
    CHECK(r.examples[2].find("value zero0 (acks=0)") != std::string::npos);
    const CheckResult none = check_unconsumed(History{}, payments);
    CHECK(none.count == 0);
    REQUIRE(none.parts.size() == 3);
    for (const CountPart& p : none.parts) CHECK(p.count == 0);
}

}  // TEST_SUITE
