#include <doctest/doctest.h>

#include <limits>

#include "sim/log/producer_state.h"
#include "tests/sim/log/log_harness.h"

using namespace kafkasim;
using namespace kafkasim::log;
using kafkasim::testing::idempotent;
using kafkasim::testing::make_batch;

namespace {

const ProducerId producer_id{1000};

// Checks `batch` as the leader would and, if it may be appended, appends it at `next`.
ProducerCheck offer(ProducerStateManager& state, RecordBatch batch, Offset& next) {
    const ProducerCheck c = state.check(batch);
    if (c.outcome == ProducerCheckOutcome::append) {
        batch.base_offset = next;
        next = batch.next_offset();
        state.update(batch);
    }
    return c;
}

RecordBatch batch_of(int records, std::int16_t epoch, std::int32_t seq) {
    return idempotent(make_batch(records), producer_id, ProducerEpoch{epoch}, Sequence{seq});
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a duplicate of any of the last five batches gets its original offsets") {
    ProducerStateManager state;
    Offset next{100};
    for (int i = 0; i < 6; ++i) CHECK(offer(state, batch_of(2, 0, 2 * i), next).outcome == ProducerCheckOutcome::append);
    // Batches 1..5 (sequences 2..11, offsets 102..111) are retained; batch 0 is not.
    for (int i = 1; i < 6; ++i) {
        CAPTURE(i);
        const ProducerCheck c = offer(state, batch_of(2, 0, 2 * i), next);
        REQUIRE(c.outcome == ProducerCheckOutcome::duplicate);
        CHECK(c.original.first_offset == Offset{100 + 2 * i});
        CHECK(c.original.last_offset == Offset{101 + 2 * i});
    }
    const ProducerCheck too_old = offer(state, batch_of(2, 0, 0), next);
    CHECK(too_old.outcome == ProducerCheckOutcome::reject);
    CHECK(too_old.error == Errc::out_of_order_sequence_number);
    CHECK(next == Offset{112});
}

TEST_CASE("a sequence gap gives OUT_OF_ORDER_SEQUENCE_NUMBER") {
    ProducerStateManager state;
    Offset next{0};
    CHECK(offer(state, batch_of(3, 0, 0), next).outcome == ProducerCheckOutcome::append);
    const ProducerCheck gap = offer(state, batch_of(1, 0, 4), next);
    CHECK(gap.outcome == ProducerCheckOutcome::reject);
    CHECK(gap.error == Errc::out_of_order_sequence_number);
    // A batch overlapping the last one without matching it is out of order too.
    CHECK(offer(state, batch_of(2, 0, 2), next).error == Errc::out_of_order_sequence_number);
    CHECK(offer(state, batch_of(1, 0, 3), next).outcome == ProducerCheckOutcome::append);
}

TEST_CASE("an older epoch gives INVALID_PRODUCER_EPOCH and a new one must start at sequence 0") {
    ProducerStateManager state;
    Offset next{0};
    CHECK(offer(state, batch_of(1, 5, 0), next).outcome == ProducerCheckOutcome::append);
    CHECK(offer(state, batch_of(1, 4, 1), next).error == Errc::invalid_producer_epoch);
    CHECK(offer(state, batch_of(1, 6, 1), next).error == Errc::out_of_order_sequence_number);
    CHECK(offer(state, batch_of(1, 6, 0), next).outcome == ProducerCheckOutcome::append);
    // The old epoch's batches are forgotten: its retry is now fenced, not a duplicate.
    CHECK(offer(state, batch_of(1, 5, 0), next).error == Errc::invalid_producer_epoch);
    CHECK(state.find(producer_id)->epoch == ProducerEpoch{6});
    CHECK(state.find(producer_id)->batches.size() == 1);
}

TEST_CASE("an unknown producer id may start at any sequence as in Kafka 3.9") {
    ProducerStateManager state;
    Offset next{0};
    CHECK(offer(state, batch_of(1, 2, 57), next).outcome == ProducerCheckOutcome::append);
    CHECK(offer(state, batch_of(1, 2, 58), next).outcome == ProducerCheckOutcome::append);
    CHECK(offer(state, batch_of(1, 2, 60), next).error == Errc::out_of_order_sequence_number);
}

TEST_CASE("sequences wrap from INT32_MAX to 0") {
    constexpr std::int32_t max = std::numeric_limits<std::int32_t>::max();
    CHECK(increment_sequence(Sequence{max}, 1) == Sequence{0});
    CHECK(increment_sequence(Sequence{max - 1}, 3) == Sequence{1});
    ProducerStateManager state;
    Offset next{0};
    CHECK(offer(state, batch_of(2, 0, max - 1), next).outcome == ProducerCheckOutcome::append);
    CHECK(state.find(producer_id)->last_seq() == Sequence{max});
    CHECK(offer(state, batch_of(3, 0, 0), next).outcome == ProducerCheckOutcome::append);
    CHECK(offer(state, batch_of(2, 0, max - 1), next).outcome == ProducerCheckOutcome::duplicate);
}

TEST_CASE("a follower records batches without checking them") {
    ProducerStateManager state;
    RecordBatch a = batch_of(1, 1, 0);
    RecordBatch b = batch_of(1, 0, 9);  // an older epoch and a gap: a leader's business, not ours
    b.base_offset = Offset{1};
    state.update(a);
    state.update(b);
    CHECK(state.find(producer_id)->epoch == ProducerEpoch{0});
    CHECK(state.find(producer_id)->last_seq() == Sequence{9});
    RecordBatch plain = make_batch(1);
    state.update(plain);
    CHECK(state.producers().size() == 1);
    CHECK(state.check(plain).outcome == ProducerCheckOutcome::append);
}

}  // TEST_SUITE
