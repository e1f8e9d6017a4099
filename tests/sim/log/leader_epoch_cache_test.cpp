// The leader-epoch cache on its own: every Kafka vector, Kafka's assign and truncation rules,
// and the checkpoint file's text.
#include <doctest/doctest.h>

#include <string>

#include "sim/log/leader_epoch_cache.h"
#include "sim/log/leader_epoch_checkpoint.h"
#include "tests/sim/log/epoch_vectors.h"
#include "tests/sim/log/log_harness.h"

using namespace kafkasim;
using namespace kafkasim::log;

namespace {

std::string text(const std::vector<EpochEntry>& entries) { return kafkasim::testing::epochs_text(entries); }
std::string text(EpochEndOffset r) { return text({{r.first, r.second}}); }

LeaderEpochCache with(std::initializer_list<std::pair<std::int32_t, std::int64_t>> assigns) {
    LeaderEpochCache c;
    for (const auto& [e, o] : assigns) c.assign(LeaderEpoch{e}, Offset{o});
    return c;
}

EpochEndOffset end_of(const LeaderEpochCache& c, std::int32_t epoch, std::int64_t leo) {
    return c.end_offset_for(LeaderEpoch{epoch}, Offset{leo});
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("every leader_epoch_end_offset vector gives Kafka's answers and entries") {
    const std::vector<test::EpochVector> vectors = test::load_leader_epoch_vectors();
    CHECK(vectors.size() == 11);
    std::size_t queries = 0;
    std::size_t entry_checks = 0;
    for (const test::EpochVector& v : vectors) {
        CAPTURE(v.id);
        CAPTURE(v.kafka_test);
        LeaderEpochCache cache;
        for (const EpochEntry& a : v.assign) cache.assign(a.epoch, a.start_offset);
        // The same entries read back from the checkpoint text answer the same.
        const auto decoded = decode_leader_epoch_checkpoint(encode_leader_epoch_checkpoint(cache.entries()));
        REQUIRE(decoded.has_value());
        LeaderEpochCache reloaded;
        for (const EpochEntry& e : *decoded) reloaded.assign(e.epoch, e.start_offset);
        for (const test::EpochQuery& q : v.queries) {
            CAPTURE(q.epoch.value);
            CHECK(text(cache.end_offset_for(q.epoch, q.log_end_offset)) == text(q.expected));
            CHECK(text(reloaded.end_offset_for(q.epoch, q.log_end_offset)) == text(q.expected));
            ++queries;
        }
        if (v.expected_entries) {
            CHECK(text(cache.entries()) == text(*v.expected_entries));
            ++entry_checks;
        }
    }
    CHECK(queries == 12);
    CHECK(entry_checks == 3);
}

TEST_CASE("assign ignores the latest epoch at a later offset and keeps its first offset") {
    LeaderEpochCache c = with({{1, 0}, {3, 10}});
    CHECK_FALSE(c.assign(LeaderEpoch{3}, Offset{10}));
    CHECK_FALSE(c.assign(LeaderEpoch{3}, Offset{15}));
    CHECK(text(c.entries()) == "(1,0) (3,10)");
    CHECK(c.latest_epoch() == LeaderEpoch{3});
    CHECK(c.previous_epoch() == LeaderEpoch{1});
    CHECK(c.assign(LeaderEpoch{4}, Offset{15}));
    CHECK(text(c.entries()) == "(1,0) (3,10) (4,15)");
}

TEST_CASE("assign of the latest epoch at a lower offset moves its start down") {
    LeaderEpochCache c = with({{1, 0}, {3, 10}});
    CHECK(c.assign(LeaderEpoch{3}, Offset{7}));
    CHECK(text(c.entries()) == "(1,0) (3,7)");
    // Lower than the entry before it too: that one goes as well.
    CHECK(c.assign(LeaderEpoch{3}, Offset{0}));
    CHECK(text(c.entries()) == "(3,0)");
}

TEST_CASE("assign of a lower epoch drops every trailing entry with an epoch at least as high") {
    LeaderEpochCache c = with({{0, 0}, {2, 5}, {4, 9}, {6, 12}});
    CHECK(c.assign(LeaderEpoch{3}, Offset{20}));
    CHECK(text(c.entries()) == "(0,0) (2,5) (3,20)");
    CHECK(c.assign(LeaderEpoch{2}, Offset{21}));
    CHECK(text(c.entries()) == "(0,0) (2,21)");
}

TEST_CASE("assign of a newer epoch at a lower offset drops every entry starting at or after it") {
    LeaderEpochCache c = with({{0, 0}, {2, 5}, {4, 9}});
    CHECK(c.assign(LeaderEpoch{7}, Offset{5}));
    CHECK(text(c.entries()) == "(0,0) (7,5)");
    // A new leader that assigned at the log end and another that takes over at the same end.
    CHECK(c.assign(LeaderEpoch{8}, Offset{5}));
    CHECK(text(c.entries()) == "(0,0) (8,5)");
}

TEST_CASE("end offsets follow Kafka's five cases") {
    const LeaderEpochCache c = with({{2, 10}, {4, 20}, {7, 35}});
    CHECK(text(end_of(c, -1, 50)) == "(-1,-1)");  // undefined epoch
    CHECK(text(end_of(c, 7, 50)) == "(7,50)");    // the latest: the log end
    CHECK(text(end_of(c, 8, 50)) == "(-1,-1)");   // above every epoch known here
    CHECK(text(end_of(c, 1, 50)) == "(1,10)");    // below the first entry
    CHECK(text(end_of(c, 0, 50)) == "(0,10)");
    CHECK(text(end_of(c, 2, 50)) == "(2,20)");    // a known epoch ends where the next starts
    CHECK(text(end_of(c, 3, 50)) == "(2,20)");    // an unknown one: the largest below it
    CHECK(text(end_of(c, 5, 50)) == "(4,35)");
    CHECK(text(end_of(c, 6, 50)) == "(4,35)");
    CHECK(text(end_of(LeaderEpochCache{}, 0, 7)) == "(-1,-1)");
    CHECK(text(end_of(LeaderEpochCache{}, -1, 7)) == "(-1,-1)");
}

TEST_CASE("truncate_from_end drops entries starting at or after the offset") {
    LeaderEpochCache c = with({{0, 0}, {2, 5}, {4, 9}, {6, 12}});
    CHECK(c.truncate_from_end(Offset{13}) == 0);
    CHECK(c.truncate_from_end(Offset{-1}) == 0);  // Kafka ignores a negative end
    CHECK(c.truncate_from_end(Offset{9}) == 2);
    CHECK(text(c.entries()) == "(0,0) (2,5)");
    CHECK(c.truncate_from_end(Offset{6}) == 0);
    CHECK(c.truncate_from_end(Offset{0}) == 2);
    CHECK(c.empty());
    CHECK(c.latest_epoch() == undefined_epoch);
}

TEST_CASE("truncate_from_start drops what lies before and moves the last of it up") {
    LeaderEpochCache c = with({{0, 0}, {2, 5}, {4, 9}, {6, 12}});
    CHECK_FALSE(c.truncate_from_start(Offset{0}));  // the first entry already starts there
    CHECK(c.truncate_from_start(Offset{3}));
    CHECK(text(c.entries()) == "(0,3) (2,5) (4,9) (6,12)");
    CHECK(c.truncate_from_start(Offset{9}));         // exclusive: an entry at 9 stays at 9
    CHECK(text(c.entries()) == "(4,9) (6,12)");
    CHECK(c.truncate_from_start(Offset{20}));
    CHECK(text(c.entries()) == "(6,20)");
    LeaderEpochCache later = with({{5, 30}});
    CHECK_FALSE(later.truncate_from_start(Offset{10}));  // nothing before the first entry
    CHECK(text(later.entries()) == "(5,30)");
}

TEST_CASE("epoch_for finds the epoch that wrote an offset") {
    const LeaderEpochCache c = with({{1, 4}, {3, 10}});
    CHECK(c.epoch_for(Offset{3}) == undefined_epoch);
    CHECK(c.epoch_for(Offset{4}) == LeaderEpoch{1});
    CHECK(c.epoch_for(Offset{9}) == LeaderEpoch{1});
    CHECK(c.epoch_for(Offset{10}) == LeaderEpoch{3});
    CHECK(c.epoch_for(Offset{1000}) == LeaderEpoch{3});
    CHECK(c.entry(LeaderEpoch{3})->start_offset == Offset{10});
    CHECK_FALSE(c.entry(LeaderEpoch{2}).has_value());
    CHECK(c.earliest_entry()->epoch == LeaderEpoch{1});
    CHECK(c.latest_entry()->start_offset == Offset{10});
}

TEST_CASE("the checkpoint text is Kafka's and anything else does not decode") {
    const std::vector<EpochEntry> entries{{LeaderEpoch{0}, Offset{0}}, {LeaderEpoch{3}, Offset{120}}};
    CHECK(encode_leader_epoch_checkpoint(entries) == "0\n2\n0 0\n3 120\n");
    CHECK(encode_leader_epoch_checkpoint({}) == "0\n0\n");
    CHECK(decode_leader_epoch_checkpoint("0\n2\n0 0\n3 120\n") == entries);
    CHECK(decode_leader_epoch_checkpoint("0\n0\n")->empty());
    for (const char* bad : {"", "0\n2\n0 0\n3 120", "0\n3\n0 0\n3 120\n", "1\n1\n0 0\n", "0\n1\n0\n",
                            "0\n1\n0 0 0\n", "0\n1\n-1 0\n", "0\n1\n0 -5\n", "0\n1\nx 0\n", "0\n1\n0  0\n"}) {
        CAPTURE(bad);
        CHECK_FALSE(decode_leader_epoch_checkpoint(bad).has_value());
    }
}

}  // TEST_SUITE
