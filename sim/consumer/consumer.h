// Consumer: a Kafka consumer client and the application loop around it, on its own node
// (KafkaConsumer with its Fetcher, SubscriptionState and the offset part of
// ConsumerCoordinator; kafka-semantics.md §e). Partitions are assign()ed, or the application
// subscribes and the group gives them out (consumer_group.cpp: the classic protocol, §b, §c).
//
// The application polls; poll first auto-commits every auto.commit.interval.ms what earlier
// polls returned (ConsumerCoordinator.maybeAutoCommitOffsetsAsync), then returns up to
// max.poll.records fetched records, advancing the position, and sends the next fetches. The
// application processes them in the loop or hands them to a worker (consumer_config.h) and
// commits as its CommitMode says. A partition's first position is its group's committed offset
// (OffsetFetch to the group coordinator, found with FindCoordinator) or, without one,
// auto.offset.reset through ListOffsets. Metadata comes from brokers' Metadata answers and is
// refreshed on NOT_LEADER_OR_FOLLOWER and the like, and every metadata.max.age.ms; retries back
// off exponentially on the node's own random stream.
//
// A crash loses everything here (positions, fetched records, the worker's queue); the
// restarted process starts again from the committed offsets. The history gets each start
// position, each poll's records, each processed record and each commit's outcome.
// docs/consumer.md tells the story and lists what is simplified.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "engine/node.h"
#include "engine/random.h"
#include "sim/check/history.h"
#include "sim/consumer/consumer_config.h"
#include "sim/producer/backoff.h"
#include "sim/producer/producer_metadata.h"
#include "sim/rpc/rpc_client.h"

namespace kafkasim::consumer {

// Counters for reports and tests; nothing in a run reads them.
struct ConsumerStats {
    std::int64_t polls = 0;              // polls that returned records
    std::int64_t records_polled = 0;
    std::int64_t records_processed = 0;
    std::int64_t fetch_requests = 0;
    std::int64_t commits_sent = 0;       // OffsetCommit requests
    std::int64_t commits_acked = 0;      // answered without error
    std::int64_t commits_failed = 0;     // commitSync / commitAsync calls that ended in an error
    std::int64_t metadata_requests = 0;
    std::int64_t resets = 0;             // positions set by auto.offset.reset
};

// How a commit was asked for: the auto-commit inside poll, commitSync or commitAsync.
enum class CommitKind : std::uint8_t { auto_commit, sync, async };

class Consumer : public engine::Process {
public:
    // `history` may be null; it must outlive the consumer.
    Consumer(engine::Node& node, engine::Network& network, ConsumerConfig config, ConsumerWorkload workload,
             check::HistorySink* history);
    Consumer(const Consumer&) = delete;
    Consumer& operator=(const Consumer&) = delete;

    const std::optional<ConfigError>& config_error() const { return config_error_; }
    const ConsumerStats& stats() const { return stats_; }
    // The next offset poll returns for `tp`, or -1 while it is not known yet.
    Offset position(const TopicPartition& tp) const;
    // The committed offset this process last read or had acknowledged for `tp`, or -1.
    Offset committed(const TopicPartition& tp) const;
    // Records handed to the worker and not processed yet.
    std::size_t queued() const { return worker_queue_.size(); }
    // The application closes the consumer at the top of its next loop turn (KafkaConsumer.close
    // is called from the application's thread): it commits what it consumed (with
    // auto-commit), gives its partitions up and leaves its group (a static member does not).
    void close();
    bool closed() const { return closed_; }

private:
    enum class FetchState : std::uint8_t { awaiting_committed, awaiting_reset, fetching, failed };
    struct Fetched {
        TopicPartition tp;
        check::ConsumedRecord record;
        LeaderEpoch epoch;  // of the batch: committed with the offset after it
    };
    struct PartitionState {
        FetchState state = FetchState::awaiting_committed;
        Offset position{-1};
        LeaderEpoch position_epoch{-1};
        Offset committed{-1};
        std::optional<Offset> fetched_committed;  // OffsetFetch's answer, until the reset it led to
        engine::Instant committed_asked;          // when that OffsetFetch was sent
        std::deque<Fetched> buffered;             // fetched, not returned by poll yet
        bool list_in_flight = false;
        std::int32_t failures = 0;
        engine::Instant retry_at;
    };
    using OffsetMap = std::map<TopicPartition, std::pair<Offset, LeaderEpoch>>;
    struct Commit {
        OffsetMap offsets;
        CommitKind kind = CommitKind::async;
        engine::Instant deadline;   // sync: default.api.timeout.ms
        std::function<void(Errc)> done;
        bool in_flight = false;
        std::int32_t attempts = 0;
        engine::Instant next_try;
        engine::Instant sent;  // the latest attempt's request (the history orders commits by it)
    };
    using CommitPtr = std::shared_ptr<Commit>;
    enum class LoopState : std::uint8_t { polling, processing, committing };

    // consumer.cpp: the application loop.
    void loop_iteration();
    void poll();
    void poll_wait();
    void deliver(std::vector<Fetched> records);
    void start_processing(std::vector<Fetched> records);
    void process_in_loop();
    void after_in_loop_batch();
    void work_hand_off();
    void record_processed(const Fetched& f);
    void maybe_auto_commit();
    void finish_close();

    // consumer_client.cpp: the client's network side and its run loop.
    void run();
    void run_once();
    std::vector<Fetched> drain();
    OffsetMap all_consumed() const;
    void maybe_refresh_metadata();
    void on_metadata(rpc::RpcResult result);
    engine::NodeId any_broker();
    engine::Duration next_backoff(std::int32_t failures);
    void schedule_wake();
    void wake_at(engine::Instant at);
    check::ConsumerRef ref() const;

    // consumer_fetch.cpp: positions and fetches.
    void reset_positions();
    void on_list_offsets(const std::vector<TopicPartition>& asked, const rpc::RpcResult& result);
    void send_fetches();
    void on_fetch(engine::NodeId dest, const FetchRequest& request, rpc::RpcResult result);
    // Moves the records it buffers out of `got`.
    void on_fetch_partition(const FetchRequest::Partition& asked, FetchResponse::Partition& got);
    void start_at(const TopicPartition& tp, Offset offset, LeaderEpoch epoch, check::PositionSource source);

    // consumer_group.cpp: group membership (AbstractCoordinator, ConsumerCoordinator).
    enum class MemberState : std::uint8_t { unjoined, preparing, joining, syncing, stable, fatal };
    bool group_managed() const { return !workload_.subscription.empty(); }
    bool cooperative() const;
    void maybe_join();
    void prepare_join();
    void finish_prepare();
    void send_join();
    void on_join(const rpc::RpcResult& result);
    void send_sync(std::vector<SyncGroupRequest::Assignment> assignments);
    void on_sync(const rpc::RpcResult& result);
    void maybe_heartbeat();
    void on_heartbeat(const rpc::RpcResult& result);
    void maybe_leave_on_poll_timeout();
    // A group error in any answer: the member's generation or id is gone, or it must rejoin.
    // Returns true if it was one.
    bool on_group_error(Errc error, const char* where);
    void request_rejoin(const std::string& why);
    void fail_fatally(Errc error);
    // consumer_rebalance.cpp: what the leader assigns, and taking up an assignment.
    std::vector<SyncGroupRequest::Assignment> run_assignor(const JoinGroupResponse& joined);
    void take_assignment(const std::vector<TopicPartition>& assigned);
    void give_up(const std::vector<TopicPartition>& partitions, check::AssignmentChange change);
    bool metadata_changed() const;
    std::map<std::string, std::int32_t> subscribed_partition_counts() const;

    // consumer_offsets.cpp: the group coordinator's part.
    void ensure_coordinator();
    void on_find_coordinator(const rpc::RpcResult& result);
    void coordinator_unknown(Errc why);
    void fetch_committed();
    void on_offset_fetch(const std::vector<TopicPartition>& asked, engine::Instant sent, const rpc::RpcResult& result);
    void commit(OffsetMap offsets, CommitKind kind, std::function<void(Errc)> done);
    void send_commits();
    void on_commit(const CommitPtr& c, const rpc::RpcResult& result);
    void finish_commit(const CommitPtr& c, Errc error);
    bool pending(const CommitPtr& c) const;  // not finished yet

    engine::Node& node_;
    ConsumerConfig config_;
    ConsumerWorkload workload_;
    check::HistorySink* history_;
    std::optional<ConfigError> config_error_;
    bool auto_commit_ = false;
    engine::Random random_;
    rpc::RpcClient rpc_;
    // Its own connection to the coordinator, so that commits never queue behind a long-polling
    // Fetch to the same broker (Kafka connects to node id MAX_VALUE - coordinator id for it).
    rpc::RpcClient coordinator_rpc_;
    producer::ProducerMetadata metadata_;  // a client's metadata cache, shared with the producer
    ConsumerStats stats_;
    std::map<TopicPartition, PartitionState> partitions_;
    std::set<engine::NodeId> fetching_from_;  // nodes with a fetch in flight
    std::size_t next_broker_ = 0;
    std::size_t drain_start_ = 0;  // rotates, so every partition gets its turn in poll

    bool metadata_in_flight_ = false;
    std::int32_t metadata_failures_ = 0;
    engine::Instant metadata_retry_at_;

    std::optional<engine::NodeId> coordinator_;
    bool find_in_flight_ = false;
    std::int32_t find_failures_ = 0;
    engine::Instant find_retry_at_;
    bool offset_fetch_in_flight_ = false;
    std::int32_t offset_fetch_failures_ = 0;
    engine::Instant offset_fetch_retry_at_;
    std::vector<CommitPtr> commits_;  // in the order the application made them

    MemberState member_state_ = MemberState::unjoined;
    std::string member_id_;
    GenerationId generation_ = no_generation;
    std::string protocol_;
    bool rejoin_needed_ = true;
    std::int32_t join_failures_ = 0;
    engine::Instant join_retry_at_;
    bool heartbeat_in_flight_ = false;
    engine::Instant next_heartbeat_;
    engine::Instant last_poll_;                                  // the application's last poll call
    std::set<TopicPartition> owned_;                             // the member's assignment
    // SyncGroup's answer while the application was processing: taken up at its next poll, as
    // Kafka's onJoinComplete runs inside poll on the application's thread.
    std::optional<std::vector<TopicPartition>> pending_assignment_;
    std::map<std::string, std::int32_t> assignment_snapshot_;    // the leader's: partition counts it assigned
    engine::Instant rebalance_started_;
    bool owned_at_start_ = false;                                // it held partitions when the rebalance began
    std::int64_t revoked_in_rebalance_ = 0;

    LoopState loop_ = LoopState::polling;
    engine::TimerId poll_timer_;
    engine::Instant poll_deadline_;
    engine::Instant next_auto_commit_;
    std::deque<Fetched> batch_;            // in_loop: what the loop still has to process
    std::deque<Fetched> worker_queue_;     // hand_off
    bool worker_busy_ = false;
    OffsetMap processed_;                  // hand_off: next offset after what the worker processed
    OffsetMap processed_committed_;        // hand_off: what of it was last committed

    engine::TimerId wake_timer_;
    engine::Instant wake_at_;
    bool running_ = false;
    bool rerun_ = false;
    bool closing_ = false;
    bool closed_ = false;
};

}  // namespace kafkasim::consumer
