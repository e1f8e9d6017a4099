#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "engine/simulation.h"
#include "engine/trace_sinks.h"

using namespace kafkasim::engine;

namespace {

std::uint64_t hash_of(std::int64_t value, std::string_view text) {
    Trace t;
    t.set_node_name(NodeId{0}, "broker-1");
    t.record(Instant::from_us(10), NodeId{0}, "produce", {{"offset", std::int64_t{5}}, {"key", "k1"}});
    t.record(Instant::from_us(20), NodeId{0}, "append", {{"offset", value}, {"key", text}, {"ok", true}});
    t.record(Instant::from_us(30), NodeId::none(), "run.end", {});
    return t.hash();
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("the trace hash changes when one field of one record changes") {
    const std::uint64_t base = hash_of(7, "k1");
    CHECK(hash_of(7, "k1") == base);
    CHECK(hash_of(8, "k1") != base);
    CHECK(hash_of(7, "k2") != base);
    CHECK(hash_of(7, "k1 ") != base);
}

TEST_CASE("the trace hash pins the canonical encoding of docs/trace.md") {
    // One record, encoded by hand as docs/trace.md specifies, hashed with FNV-1a 64.
    Trace t;
    t.record(Instant::from_us(1), NodeId{2}, "k", {{"a", std::int64_t{-1}}, {"b", "xy"}, {"c", false}});
    std::string bytes;
    auto u32 = [&](std::uint32_t v) { for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<char>(v >> (8 * i))); };
    auto i64 = [&](std::uint64_t v) { for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>(v >> (8 * i))); };
    auto str = [&](std::string_view s) { u32(static_cast<std::uint32_t>(s.size())); bytes += s; };
    i64(1);
    u32(2);
    str("k");
    u32(3);
    str("a"); bytes.push_back(1); i64(~0ull);
    str("b"); bytes.push_back(2); str("xy");
    str("c"); bytes.push_back(3); bytes.push_back(0);
    CHECK(t.hash() == fnv1a64(bytes));
    CHECK(t.hash_hex().size() == 16);
    CHECK(hex16(0x00ab) == "00000000000000ab");
}

TEST_CASE("record order matters to the hash") {
    Trace a;
    a.record(Instant::from_us(1), NodeId{0}, "x", {});
    a.record(Instant::from_us(1), NodeId{0}, "y", {});
    Trace b;
    b.record(Instant::from_us(1), NodeId{0}, "y", {});
    b.record(Instant::from_us(1), NodeId{0}, "x", {});
    CHECK(a.hash() != b.hash());
}

TEST_CASE("the memory sink keeps records with node names and fields") {
    Simulation sim(1);
    auto sink = std::make_shared<MemoryTraceSink>();
    sim.trace().add_sink(sink);
    sim.add_node("controller");
    sim.schedule_at(Instant::from_ms(2), [&] {
        sim.trace().record(sim.now(), NodeId{0}, "metadata.append", {{"offset", std::int64_t{3}}, {"type", "topic"}});
    });
    sim.run_all();
    REQUIRE(sink->records().size() == 1);
    const TraceRecord& r = sink->records()[0];
    CHECK(r.time == Instant::from_ms(2));
    CHECK(r.node_name == "controller");
    CHECK(r.kind == "metadata.append");
    REQUIRE(r.field("offset") != nullptr);
    CHECK(r.field("offset")->int_value == 3);
    CHECK(r.field("type")->string_value == "topic");
    CHECK(r.field("missing") == nullptr);
}

TEST_CASE("the JSON Lines sink writes one escaped object per record") {
    const std::string path = "trace_test_output.jsonl";
    {
        Trace t;
        t.set_node_name(NodeId{0}, "payments/consumer-1");
        auto sink = std::make_shared<JsonlTraceSink>(path);
        t.add_sink(sink);
        t.record(Instant::from_us(1500), NodeId{0}, "poll", {{"n", std::int64_t{2}}, {"note", "a\"b\n"}, {"ok", true}});
        t.record(Instant::from_us(1600), NodeId::none(), "run.end", {});
        sink->close();
    }
    std::ifstream in(path);
    std::string l1, l2;
    std::getline(in, l1);
    std::getline(in, l2);
    CHECK(l1 == R"({"time_us":1500,"node":"payments/consumer-1","kind":"poll","fields":{"n":2,"note":"a\"b\n","ok":true}})");
    CHECK(l2 == R"({"time_us":1600,"node":null,"kind":"run.end","fields":{}})");
    std::remove(path.c_str());
}

TEST_CASE("an unwritable trace path is reported and not ignored") {
    CHECK_THROWS_AS(JsonlTraceSink("/nonexistent-dir/x.jsonl"), std::runtime_error);
}

}  // TEST_SUITE
