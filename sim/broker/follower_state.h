// FollowerState: what a partition leader knows of one follower, from its fetches alone
// (Kafka's ReplicaState / Replica.updateFetchStateOrThrow, kafka-semantics.md §d, "ISR
// membership"): its log end offset, its broker epoch, and when it was last caught up.
//   - a fetch at or past the leader's log end: caught up now;
//   - else a fetch at or past the leader's log end at the previous fetch: caught up then;
//   - otherwise unchanged.
// A follower is caught up if its log end equals the leader's or it was caught up within
// replica.lag.time.max.ms.
#pragma once

#include <algorithm>
#include <optional>

#include "engine/time.h"
#include "sim/common/ids.h"

namespace kafkasim::broker {

struct FollowerState {
    Offset log_end_offset{-1};            // -1 until it fetches
    BrokerEpoch broker_epoch{-1};
    std::optional<engine::Instant> last_caught_up;  // of its log end reaching the leader's; none: never
    engine::Instant last_fetch;
    Offset leader_end_at_last_fetch{-1};

    void on_fetch(Offset fetch_offset, BrokerEpoch epoch, Offset leader_end, engine::Instant now) {
        if (fetch_offset >= leader_end) last_caught_up = now;
        else if (fetch_offset >= leader_end_at_last_fetch && leader_end_at_last_fetch.value >= 0)
            last_caught_up = std::max(last_caught_up.value_or(last_fetch), last_fetch);
        log_end_offset = fetch_offset;
        broker_epoch = epoch;
        leader_end_at_last_fetch = leader_end;
        last_fetch = now;
    }

    bool caught_up(Offset leader_end, engine::Instant now, engine::Duration lag_max) const {
        return log_end_offset == leader_end || (last_caught_up && now - *last_caught_up <= lag_max);
    }

    // A new leader starts its ISR followers as caught up now, so that none drops out of the
    // ISR before it had a chance to fetch, and the others as never caught up
    // (Partition.makeLeader → Replica.resetReplicaState).
    void reset(engine::Instant now, bool in_isr) {
        log_end_offset = Offset{-1};
        last_caught_up = in_isr ? std::optional<engine::Instant>(now) : std::nullopt;
        last_fetch = now;
        leader_end_at_last_fetch = Offset{-1};
    }
};

}  // namespace kafkasim::broker
