// FetchPurgatory: the fetches a leader holds back until enough data is there (Kafka's
// DelayedOperationPurgatory of DelayedFetch), each watched under the partitions it asks for
// (TopicPartitionOperationKey). A change to a partition wakes only the fetches watching it:
// the broker touches a partition where Kafka calls checkAndComplete on its key, and checks
// what the touches woke at its next progress point, so a broker with thousands of partitions
// does not re-check every waiting fetch on every append.
//
// Woken fetches come out in the order they arrived, whichever partition woke them: the order
// in which answers leave is then the same as when every waiting fetch was checked in turn.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "engine/node.h"
#include "sim/proto/client_messages.h"
#include "sim/rpc/rpc_server.h"

namespace kafkasim::broker {

// One fetch waiting in the purgatory (Kafka's DelayedFetch).
struct DelayedFetch {
    std::uint64_t id = 0;  // arrival order, given by FetchPurgatory::watch
    FetchRequest request;
    rpc::Reply reply;
    engine::TimerId timer;
    bool answered = false;
    // The purgatory's watch lists that hold `id`, so that forgetting it needs no lookups.
    std::vector<std::vector<std::uint64_t>*> watched_in;
};

class FetchPurgatory {
public:
    // Watches `op` under every partition of its request until it is forgotten.
    void watch(const std::shared_ptr<DelayedFetch>& op);
    // Stops watching `op` (it was answered); its id is not woken again.
    void forget(const DelayedFetch& op);
    // Something a waiting fetch on `tp` depends on moved: the next take_woken() includes the
    // fetches watching `tp` now or watched when it is called.
    void touch(const TopicPartition& tp) { touched_.push_back(tp); }
    // The waiting fetches watching a partition touched since the last call, in arrival order;
    // clears the touches.
    std::vector<std::shared_ptr<DelayedFetch>> take_woken();

    std::size_t waiting() const { return waiting_.size(); }
    // How many times a waiting fetch was handed out to be checked (tests count wake-ups).
    std::uint64_t checks() const { return checks_; }

private:
    std::uint64_t next_id_ = 1;
    std::map<std::uint64_t, std::shared_ptr<DelayedFetch>> waiting_;  // by id: arrival order
    // A partition's list stays once made (emptied, not erased): map nodes never move, so the
    // fetches' pointers to them (DelayedFetch::watched_in) stay valid.
    std::map<TopicPartition, std::vector<std::uint64_t>> watchers_;
    std::vector<TopicPartition> touched_;
    std::uint64_t checks_ = 0;
};

}  // namespace kafkasim::broker
