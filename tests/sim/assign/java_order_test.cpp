// Java String order and hash codes, and Java HashMap / HashSet iteration order, against
// golden values printed by OpenJDK 17 (String.hashCode, String.compareTo, HashMap.keySet()
// and HashSet<TopicPartition> iteration with Kafka's TopicPartition.hashCode).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/assign/java_hash_order.h"
#include "sim/assign/java_string.h"
#include "sim/assign/partition_movements.h"

using namespace kafkasim::assign;

namespace {

int sign(int v) { return (v > 0) - (v < 0); }

std::vector<std::size_t> map_order(const std::vector<std::string>& keys) {
    std::vector<std::int32_t> hashes;
    for (const auto& k : keys) hashes.push_back(java_hash_code(k));
    return java_hash_map_order(hashes);
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("java_hash_code equals String.hashCode over UTF-16 code units") {
    CHECK(java_hash_code("") == 0);
    CHECK(java_hash_code("a") == 97);
    CHECK(java_hash_code("Aa") == 2112);
    CHECK(java_hash_code("BB") == 2112);
    CHECK(java_hash_code("consumer-1") == -166239206);
    CHECK(java_hash_code("topic") == 110546223);
    CHECK(java_hash_code("\u00e9") == 233);
    CHECK(java_hash_code("\u4e2d\u6587") == 646394);
    CHECK(java_hash_code("\U0001F600x") == 54959989);  // a surrogate pair, then 'x'
    CHECK(java_hash_code("\ue000y") == 1777785);
}

TEST_CASE("java_compare orders by UTF-16 code units like String.compareTo") {
    CHECK(sign(java_compare("consumer-10", "consumer-2")) == -1);
    CHECK(sign(java_compare("abc", "ab")) == 1);
    CHECK(sign(java_compare("ab", "ab")) == 0);
    CHECK(sign(java_compare("\u00e9", "z")) == 1);
    // Byte (code point) order would put these the other way round.
    CHECK(sign(java_compare("\U0001F600", "\ue000")) == -1);
    CHECK(sign(java_compare("\U0001F600", "\uffff")) == -1);
    CHECK(sign(java_compare("\ue000", "\U0001F600")) == 1);
    CHECK(sign(java_compare("\U00010000", "\U0001F600")) == -1);
    CHECK(sign(java_compare("x\U00010000", "x\uffff")) == -1);
}

TEST_CASE("HashMap order of twenty member ids matches Java") {
    std::vector<std::string> keys;
    for (int i = 1; i <= 20; ++i) keys.push_back("consumer" + std::to_string(i));
    CHECK(map_order(keys) == std::vector<std::size_t>{11, 10, 9, 19, 8, 7, 6, 5, 18, 17,
                                                      16, 15, 14, 13, 12, 4, 3, 2, 1, 0});
}

TEST_CASE("HashMap keeps insertion order in a crowded bucket and resizes early for it") {
    // Ten keys with one hash code: the 9th and 10th puts double the table (treeifyBin below
    // 64 buckets), which moves "x" and "consumer7" to other buckets.
    std::vector<std::string> keys;
    const char* halves[] = {"Aa", "BB"};
    for (int i = 0; i < 10; ++i)
        keys.push_back(std::string(halves[(i >> 3) & 1]) + halves[(i >> 2) & 1] + halves[(i >> 1) & 1] + halves[i & 1]);
    keys.push_back("x");
    keys.push_back("consumer7");
    CHECK(map_order(keys) == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 10});
}

TEST_CASE("HashMap order of thirty Kafka-style member ids matches Java") {
    const std::vector<std::string> keys = {
        "consumer-g-0-bb0f1798-a377-3418-bfc9-945a02770b39", "consumer-g-1-592ad309-7d98-4a5d-e5b3-f440be1a4792",
        "consumer-g-2-b54b1904-91b3-ca5d-5a17-15fff3e147a1", "consumer-g-3-1ee88ee9-40ae-7fdf-d993-e7beb252edfc",
        "consumer-g-4-154de301-afca-c4e5-edc2-6f161bfba4ce", "consumer-g-5-a440e265-1db3-44e9-c8e6-0506bdf81cb7",
        "consumer-g-6-96c697fb-b258-3069-7914-dd2d973295f1", "consumer-g-7-4121c8e0-996d-a4a6-61f4-4c359fc917b3",
        "consumer-g-8-c54c61ed-9f02-4ba7-384e-818eb69539d9", "consumer-g-9-5021aa93-d791-7884-dddd-a85caf3464c4",
        "consumer-g-10-1a7850ea-f964-43e0-70f3-a3b34779ab7e", "consumer-g-11-85c8a30a-9849-6cb6-1a64-d9ffee20a422",
        "consumer-g-12-98ec8999-16e4-0159-bf8f-c3c9002ae27a", "consumer-g-13-644c17a3-c64d-14b5-d5c2-3197dcc7f8e9",
        "consumer-g-14-76a2c3b0-c5c5-03da-72d8-7d347342238b", "consumer-g-15-e9b69e13-f4f5-0fbb-1c02-1a10a968019a",
        "consumer-g-16-9a1c1880-ec0a-4f32-325a-3908bd8e0113", "consumer-g-17-9bb632e1-e9ff-3d46-9cba-734c0bc86099",
        "consumer-g-18-c74c216a-02f9-67b0-0a18-b094fca8eb98", "consumer-g-19-818abfe9-52f5-019b-ef20-bc9e5ad9d4ac",
        "consumer-g-20-5a596661-5c50-5eac-f7cd-3fd67ea15244", "consumer-g-21-71cef2da-1265-9a41-c1cb-0f5030efe182",
        "consumer-g-22-578d1c71-ee80-eefc-41ad-07fc85555365", "consumer-g-23-571563b7-2566-8282-92a5-e91d4157082a",
        "consumer-g-24-690c3437-fd82-a97f-31e0-e1f26a63fcee", "consumer-g-25-b3940b58-fe0b-e7ed-d2e8-c6b6d8498f98",
        "consumer-g-26-1c33b867-560e-3196-4d19-20ceead61cf5", "consumer-g-27-b95809ec-53cb-2ed7-4a13-8e40dc84dd23",
        "consumer-g-28-51b27c42-f953-89a5-bde7-246463e0a233", "consumer-g-29-c1bbbd6d-d6f9-86d5-223e-c9d610015d0a",
    };
    CHECK(map_order(keys) == std::vector<std::size_t>{11, 9, 19, 23, 6, 26, 15, 2, 13, 0, 7, 1, 14, 12, 10,
                                                      29, 18, 25, 5, 21, 8, 3, 4, 17, 22, 16, 20, 28, 24, 27});
}

TEST_CASE("HashSet order survives removals and puts a re-added key in its bucket") {
    // orders-0..19 added, every third removed, orders-3 and payments-5 added back.
    auto hash = [](const std::string& topic, std::int32_t p) {
        return static_cast<std::int32_t>(31u * (31u + static_cast<std::uint32_t>(p)) +
                                         static_cast<std::uint32_t>(java_hash_code(topic)));
    };
    JavaHashOrder set;
    std::vector<std::string> names;
    std::vector<std::size_t> handle_of(20);
    for (int p = 0; p < 20; ++p) {
        handle_of[static_cast<std::size_t>(p)] = set.insert(hash("orders", p));
        names.push_back("orders-" + std::to_string(p));
    }
    for (int p = 0; p < 20; p += 3) set.erase(handle_of[static_cast<std::size_t>(p)]);
    set.insert(hash("orders", 3));
    names.push_back("orders-3");
    set.insert(hash("payments", 5));
    names.push_back("payments-5");
    std::vector<std::string> got;
    for (const std::size_t h : set.iteration_order()) got.push_back(names[h]);
    CHECK(got == std::vector<std::string>{"orders-7", "orders-8", "orders-10", "payments-5", "orders-11",
                                          "orders-13", "orders-14", "orders-16", "orders-17", "orders-19",
                                          "orders-1", "orders-2", "orders-3", "orders-4", "orders-5"});
    CHECK(set.size() == 15);
}

}  // TEST_SUITE
