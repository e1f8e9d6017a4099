// Where a follower truncates when its leader answers with a diverging epoch
// (AbstractFetcherThread.getOffsetTruncationState, KIP-101 with KIP-279's fix): the decision
// on plain values, as broker::truncation_on_divergence takes them.
#include <doctest/doctest.h>

#include "sim/broker/replica_fetcher.h"

using namespace kafkasim;
using kafkasim::broker::TruncationInput;

namespace {

Offset target(std::pair<std::int32_t, std::int64_t> ours, std::pair<std::int32_t, std::int64_t> leader) {
    TruncationInput in;
    in.ours = {LeaderEpoch{ours.first}, Offset{ours.second}};
    in.log_end = Offset{10};
    in.high_watermark = Offset{4};
    in.leader = {LeaderEpoch{leader.first}, Offset{leader.second}};
    return broker::truncation_on_divergence(in).offset;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a follower that knows the leader's epoch truncates to where both end it") {
    CHECK(target({2, 8}, {2, 6}) == Offset{6});
    CHECK(target({2, 5}, {2, 6}) == Offset{5});
    CHECK(broker::truncation_on_divergence({{LeaderEpoch{2}, Offset{8}}, Offset{10}, Offset{4}, {LeaderEpoch{2}, Offset{6}}})
              .complete);
}

TEST_CASE("a follower that never had the leader's epoch truncates to the end of its own earlier one and asks again") {
    const TruncationInput in{{LeaderEpoch{1}, Offset{7}}, Offset{10}, Offset{4}, {LeaderEpoch{2}, Offset{6}}};
    CHECK(broker::truncation_on_divergence(in).offset == Offset{7});
    CHECK_FALSE(broker::truncation_on_divergence(in).complete);
}

TEST_CASE("a follower with no epoch at or below the leader's truncates to the leader's end offset - not its own high watermark") {
    CHECK(target({-1, -1}, {2, 6}) == Offset{6});
    CHECK(target({-1, -1}, {2, 12}) == Offset{10});  // never past its own log end
}

}  // TEST_SUITE
