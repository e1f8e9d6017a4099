// The idempotent producer's bookkeeping on its own: numbering, retries in sequence order, and
// how OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH and UNKNOWN_PRODUCER_ID are handled
// (Kafka 3.x TransactionManager for a producer without transactional.id).
#include <doctest/doctest.h>

#include <limits>

#include "sim/producer/idempotence.h"

using namespace kafkasim;
using namespace kafkasim::producer;

namespace {

const TopicPartition t0{"t", 0};

ProducerBatch batch(int records) {
    ProducerBatch b;
    b.tp = t0;
    for (int i = 0; i < records; ++i) b.records.push_back(Record{std::nullopt, "v", 0});
    return b;
}

IdempotenceState with_id() {
    IdempotenceState s;
    s.set_producer_id(ProducerId{7}, ProducerEpoch{0});
    return s;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("batches are numbered per partition from sequence 0") {
    IdempotenceState s = with_id();
    ProducerBatch a = batch(3);
    ProducerBatch b = batch(2);
    CHECK(s.may_drain(a));
    s.assign_sequence(a);
    s.assign_sequence(b);
    CHECK(a.base_sequence == Sequence{0});
    CHECK(b.base_sequence == Sequence{3});
    CHECK(a.producer_id == ProducerId{7});
    CHECK(a.producer_epoch == ProducerEpoch{0});
}

TEST_CASE("nothing is drained before the producer id arrives") {
    IdempotenceState s;
    CHECK_FALSE(s.may_drain(batch(1)));
}

TEST_CASE("a retried batch waits until it is the first sequence in flight") {
    IdempotenceState s = with_id();
    ProducerBatch a = batch(1);
    ProducerBatch b = batch(1);
    s.assign_sequence(a);
    s.assign_sequence(b);
    CHECK_FALSE(s.may_drain(b));  // a (sequence 0) is not completed
    CHECK(s.may_drain(a));
    s.on_acked(a);
    CHECK(s.may_drain(b));
}

TEST_CASE("OUT_OF_ORDER_SEQUENCE_NUMBER behind an unacknowledged batch is retried without a bump") {
    IdempotenceState s = with_id();
    ProducerBatch a = batch(1);
    ProducerBatch b = batch(1);
    s.assign_sequence(a);
    s.assign_sequence(b);
    CHECK(s.can_retry(b, Errc::out_of_order_sequence_number));
    CHECK_FALSE(s.bump_requested());
}

TEST_CASE("OUT_OF_ORDER_SEQUENCE_NUMBER on the next expected batch bumps the epoch and renumbers from 0") {
    IdempotenceState s = with_id();
    ProducerBatch a = batch(2);
    ProducerBatch b = batch(2);
    ProducerBatch c = batch(2);
    s.assign_sequence(a);
    s.assign_sequence(b);
    s.assign_sequence(c);
    s.on_acked(a);  // last acked 1; b (2) is next
    CHECK(s.can_retry(b, Errc::out_of_order_sequence_number));
    REQUIRE(s.bump_requested());
    CHECK_FALSE(s.may_drain(b));  // held for the bump
    REQUIRE(s.bump_epoch({{t0, {&b, &c}}}));
    CHECK(s.epoch() == ProducerEpoch{1});
    CHECK(b.base_sequence == Sequence{0});
    CHECK(c.base_sequence == Sequence{2});
    CHECK(b.producer_epoch == ProducerEpoch{1});
    CHECK(b.sequence_reset);
    CHECK(s.may_drain(b));
    ProducerBatch d = batch(1);
    s.assign_sequence(d);
    CHECK(d.base_sequence == Sequence{4});
}

TEST_CASE("INVALID_PRODUCER_EPOCH fails the batch and bumps the epoch") {
    IdempotenceState s = with_id();
    ProducerBatch a = batch(1);
    ProducerBatch b = batch(1);
    s.assign_sequence(a);
    s.assign_sequence(b);
    CHECK_FALSE(s.can_retry(a, Errc::invalid_producer_epoch));
    s.on_failed(a, Errc::invalid_producer_epoch, true);
    CHECK(s.bump_requested());
    REQUIRE(s.bump_epoch({{t0, {&b}}}));
    CHECK(b.base_sequence == Sequence{0});
    CHECK(b.producer_epoch == ProducerEpoch{1});
}

TEST_CASE("UNKNOWN_PRODUCER_ID is retried after an epoch bump") {
    IdempotenceState s = with_id();
    ProducerBatch a = batch(1);
    s.assign_sequence(a);
    CHECK(s.can_retry(a, Errc::unknown_producer_id));
    CHECK(s.bump_requested());
}

TEST_CASE("a batch that expired after being sent holds new batches until the partition resolves") {
    IdempotenceState s = with_id();
    ProducerBatch a = batch(1);
    s.assign_sequence(a);
    a.attempts = 1;
    s.on_expired(a);
    CHECK_FALSE(s.may_drain(batch(1)));
    s.resolve_sequences();  // nothing acked up to sequence 1: a gap, so a bump
    CHECK(s.bump_requested());
}

TEST_CASE("an exhausted epoch asks for a new producer id") {
    IdempotenceState s;
    s.set_producer_id(ProducerId{7}, ProducerEpoch{std::numeric_limits<std::int16_t>::max()});
    ProducerBatch a = batch(1);
    s.assign_sequence(a);
    s.on_failed(a, Errc::invalid_producer_epoch, true);
    CHECK_FALSE(s.bump_epoch({}));
    CHECK_FALSE(s.has_producer_id());
}

}  // TEST_SUITE
