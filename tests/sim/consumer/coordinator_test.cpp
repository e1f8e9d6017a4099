// The group coordinator's pure parts: where a group's offsets live, the records' bytes, which
// commits are accepted and how append errors reach the committer; and the consumer's config
// checks.
#include <doctest/doctest.h>

#include "sim/consumer/consumer_config.h"
#include "sim/coordinator/commit_rules.h"
#include "sim/coordinator/offset_record.h"
#include "sim/coordinator/offsets_topic.h"

using namespace kafkasim;
using namespace kafkasim::coordinator;

TEST_SUITE("quick") {

TEST_CASE("a group's partition is abs of Java's hashCode modulo the partition count") {
    CHECK(partition_for("my-group", 50) == 12);  // hash -1906497762 (kafka-semantics.md §c)
    CHECK(partition_for("g", 50) == 103 % 50);
    // "polygenelubricants" hashes to Integer.MIN_VALUE: Utils.abs makes it 0, not negative.
    CHECK(partition_for("polygenelubricants", 50) == 0);
    CHECK(partition_for("polygenelubricants", 7) == 0);
}

TEST_CASE("offset commit records encode and decode their fields") {
    const OffsetCommitKey key{"payments", TopicPartition{"orders", 7}};
    const OffsetCommitValue value{Offset{123456789012}, LeaderEpoch{4}, "meta", 1700000000000};
    const std::string k = encode_key(key);
    CHECK(key_version(k) == offset_commit_key_version);
    CHECK(decode_key(k) == key);
    CHECK(decode_value(encode_value(value)) == value);
    CHECK(decode_value(encode_value(OffsetCommitValue{Offset{-1}, LeaderEpoch{-1}, "", 0}))->leader_epoch == LeaderEpoch{-1});
    CHECK_FALSE(decode_key(k.substr(0, k.size() - 1)).has_value());
    CHECK_FALSE(decode_value(encode_value(value) + "x").has_value());
}

TEST_CASE("a group without members takes only standalone commits") {
    OffsetCommitRequest r{"g", no_generation, "", {}, std::nullopt};
    CHECK(validate_standalone_commit(r) == Errc::none);
    r.member_id = "m-1";
    CHECK(validate_standalone_commit(r) == Errc::unknown_member_id);
    r.generation = GenerationId{3};
    CHECK(validate_standalone_commit(r) == Errc::illegal_generation);
}

TEST_CASE("append errors map to the errors a committer acts on") {
    CHECK(commit_error_from_append(Errc::none) == Errc::none);
    CHECK(commit_error_from_append(Errc::not_enough_replicas) == Errc::coordinator_not_available);
    CHECK(commit_error_from_append(Errc::not_enough_replicas_after_append) == Errc::coordinator_not_available);
    CHECK(commit_error_from_append(Errc::request_timed_out) == Errc::coordinator_not_available);
    CHECK(commit_error_from_append(Errc::not_leader_or_follower) == Errc::not_coordinator);
    CHECK(commit_error_from_append(Errc::kafka_storage_error) == Errc::not_coordinator);
    // A group record's timeout asks the members to rejoin instead (storeGroup).
    CHECK(group_error_from_append(Errc::request_timed_out) == Errc::rebalance_in_progress);
    CHECK(group_error_from_append(Errc::not_enough_replicas) == Errc::coordinator_not_available);
    CHECK(group_error_from_append(Errc::not_leader_or_follower) == Errc::not_coordinator);
}

TEST_CASE("the consumer's config checks follow KafkaConsumer") {
    consumer::ConsumerConfig c;
    CHECK(consumer::check_config(c).error->config == "bootstrap.servers");
    c.bootstrap = {engine::NodeId{1}};
    CHECK_FALSE(consumer::check_config(c).auto_commit);  // no group.id: auto-commit off
    c.enable_auto_commit = consumer::AutoCommit::enabled;
    CHECK(consumer::check_config(c).error->config == "enable.auto.commit");
    c.group_id = "g";
    CHECK(consumer::check_config(c).auto_commit);
    c.enable_auto_commit = consumer::AutoCommit::unset;
    CHECK(consumer::check_config(c).auto_commit);
    c.max_poll_records = 0;
    CHECK(consumer::check_config(c).error->config == "max.poll.records");
}

}  // TEST_SUITE
