#include <doctest/doctest.h>

#include "sim/controller/topic_config.h"

using namespace kafkasim;
using namespace kafkasim::controller;

TEST_SUITE("quick") {

TEST_CASE("topic config overrides apply by Kafka's names over the defaults") {
    LogConfig defaults;
    defaults.retention_bytes = 1000;
    const TopicConfigResult r = apply_topic_overrides(defaults, {{"segment.bytes", " 1024 "},
                                                                 {"segment.ms", "60000"},
                                                                 {"retention.ms", "-1"},
                                                                 {"flush.messages", "1"},
                                                                 {"flush.ms", "9223372036854775807"},
                                                                 {"min.insync.replicas", "2"},
                                                                 {"unclean.leader.election.enable", "TRUE"}});
    REQUIRE(r.error == Errc::none);
    CHECK(r.config.segment_bytes == 1024);
    CHECK(r.config.segment_ms == engine::Duration::ms(60000));
    CHECK(r.config.retention_ms == engine::Duration::ms(-1));
    CHECK(r.config.retention_bytes == 1000);  // not overridden: the default
    CHECK(r.config.flush_messages == 1);
    CHECK(r.config.flush_ms == engine::Duration::max());  // Long.MAX_VALUE ms: never
    CHECK(r.config.min_insync_replicas == 2);
    CHECK(r.config.unclean_leader_election_enable);
    CHECK(apply_topic_overrides(defaults, {}).config == defaults);
}

TEST_CASE("unknown topic config names and bad values are INVALID_CONFIG") {
    const LogConfig d;
    for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"cleanup.policy", "compact"},
             {"segment.bytes", "13"},
             {"segment.bytes", "2147483648"},
             {"segment.ms", "0"},
             {"retention.ms", "-2"},
             {"retention.bytes", "12x"},
             {"flush.messages", "0"},
             {"flush.ms", "-1"},
             {"min.insync.replicas", "0"},
             {"unclean.leader.election.enable", "yes"},
             {"segment.ms", ""},
             {"segment.ms", "-"},
             {"retention.bytes", "9223372036854775808"}}) {
        CAPTURE(name);
        CAPTURE(value);
        const TopicConfigResult r = apply_topic_overrides(d, {{name, value}});
        CHECK(r.error == Errc::invalid_config);
        CHECK_FALSE(r.message.empty());
    }
    CHECK(apply_topic_overrides(d, {{"retention.bytes", "-9223372036854775808"}}).error == Errc::none);
}

TEST_CASE("topic names follow Kafka's legal characters and collision rule") {
    CHECK(invalid_topic_name_reason("orders.v1_a-B9").empty());
    CHECK_FALSE(invalid_topic_name_reason("").empty());
    CHECK_FALSE(invalid_topic_name_reason(".").empty());
    CHECK_FALSE(invalid_topic_name_reason("..").empty());
    CHECK_FALSE(invalid_topic_name_reason("a b").empty());
    CHECK_FALSE(invalid_topic_name_reason("caf\xc3\xa9").empty());
    CHECK(invalid_topic_name_reason(std::string(249, 'x')).empty());
    CHECK_FALSE(invalid_topic_name_reason(std::string(250, 'x')).empty());
    CHECK(unify_collision_chars("a.b_c") == "a_b_c");
}

}  // TEST_SUITE
