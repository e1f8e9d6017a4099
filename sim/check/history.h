// History: what clients saw happen, written by the nodes into an observer they can never
// read back (design.md, "History checkers"), so that checking cannot change a run. The
// checkers (one file each in sim/check/) read it after the run, together with a snapshot of
// the replicas' logs. A record is known by its value, which the writer makes unique.
// A producer records one SendEvent per record when it chooses the record's partition (their
// order is the send order send_reordered checks) and one AckEvent when the record completes:
// acknowledged with its offset, or failed with an error.
// A consumer records where it starts reading each partition (PositionEvent), the records each
// poll returns (PollEvent), each record its application finishes processing (ProcessEvent) and
// each commit's outcome per partition (CommitEvent). A consumer is known by its node name and
// its incarnation: a restarted consumer is a new assignment of its partitions. A group member
// also records each partition it is given or gives up (AssignmentEvent) and each rebalance it
// sat through (RebalanceEvent: from the moment it stopped processing to the moment it could
// go on), and its records carry the generation it was in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/time.h"
#include "sim/common/errors.h"
#include "sim/common/ids.h"

namespace kafkasim::check {

struct SendEvent {
    std::string producer;
    std::string value;
    TopicPartition tp;
    engine::Instant at;
    // The producer node's start count: a restarted producer is a new process with a new
    // producer id, and Kafka orders records within one process only.
    std::uint64_t incarnation = 0;
};

struct AckEvent {
    std::string producer;
    std::string value;
    TopicPartition tp;
    Errc error = Errc::none;   // NONE: acknowledged
    Offset offset{-1};
    std::int16_t acks = -1;
    engine::Instant at;
};

// Who consumed: a consumer process of a group, in one generation of it.
struct ConsumerRef {
    std::string member;             // the consumer's node name
    std::uint64_t incarnation = 0;  // the node's start count: a restart is a new assignment
    std::string group;
    GenerationId generation = no_generation;
    auto operator<=>(const ConsumerRef&) const = default;
};

struct ConsumedRecord {
    Offset offset{-1};
    std::optional<std::string> key;
    std::string value;
};

// Where a consumer starts reading a partition: its group's committed offset, or the offset
// auto.offset.reset chose.
enum class PositionSource : std::uint8_t { committed, reset_earliest, reset_latest };

struct PositionEvent {
    ConsumerRef consumer;
    TopicPartition tp;
    // What OffsetFetch returned (-1: nothing committed) when the consumer started from its
    // answer; nullopt for a reset after OFFSET_OUT_OF_RANGE.
    std::optional<Offset> committed;
    Offset offset{-1};     // the position the consumer starts from
    PositionSource source = PositionSource::committed;
    engine::Instant at;
    // When the OffsetFetch that answered `committed` was sent (none: at `at`). The answer may
    // reach a paused consumer long after the coordinator gave it.
    std::optional<engine::Instant> asked = std::nullopt;
};

struct PollEvent {
    ConsumerRef consumer;
    TopicPartition tp;
    std::vector<ConsumedRecord> records;  // in the order poll returned them
    engine::Instant at;
};

struct ProcessEvent {
    ConsumerRef consumer;
    TopicPartition tp;
    ConsumedRecord record;
    engine::Instant at;  // when processing finished
};

struct CommitEvent {
    ConsumerRef consumer;
    TopicPartition tp;
    Offset offset{-1};          // the committed offset: the next one to read
    Errc error = Errc::none;    // NONE: the coordinator acknowledged it
    engine::Instant at;         // when the consumer learned the outcome
    // When the request that got this outcome was sent (none: at `at`): the coordinator acted
    // somewhere between the two.
    std::optional<engine::Instant> sent = std::nullopt;
};

// A group member was given a partition (SyncGroup's answer), gave it up before rejoining
// (revoked), or learned it had lost it (its membership was gone: lost).
enum class AssignmentChange : std::uint8_t { assigned, revoked, lost };

struct AssignmentEvent {
    ConsumerRef consumer;  // with the generation of the assignment
    TopicPartition tp;
    AssignmentChange change = AssignmentChange::assigned;
    engine::Instant at;
};

// One rebalance as a member lived it: `paused` counts how long it processed nothing from the
// partitions it kept (all of them, eagerly; none, cooperatively) plus, for every partition,
// the time it owned nothing while the rebalance ran.
struct RebalanceEvent {
    ConsumerRef consumer;     // with the generation it ended in
    engine::Instant started;  // it sent JoinGroup
    engine::Instant ended;    // SyncGroup answered
    engine::Duration paused;  // time its application had no partition to work on
    std::int64_t revoked = 0;
    std::int64_t assigned = 0;
};

// The write-only side the nodes get.
class HistorySink {
public:
    virtual ~HistorySink() = default;
    virtual void on_send(SendEvent event) = 0;
    virtual void on_ack(AckEvent event) = 0;
    virtual void on_position(PositionEvent event) = 0;
    virtual void on_poll(PollEvent event) = 0;
    virtual void on_process(ProcessEvent event) = 0;
    virtual void on_commit(CommitEvent event) = 0;
    virtual void on_assignment(AssignmentEvent event) = 0;
    virtual void on_rebalance(RebalanceEvent event) = 0;
};

class History : public HistorySink {
public:
    void on_send(SendEvent event) override { sends_.push_back(std::move(event)); }
    void on_ack(AckEvent event) override { acks_.push_back(std::move(event)); }
    void on_position(PositionEvent event) override { positions_.push_back(std::move(event)); }
    void on_poll(PollEvent event) override { polls_.push_back(std::move(event)); }
    void on_process(ProcessEvent event) override { processed_.push_back(std::move(event)); }
    void on_commit(CommitEvent event) override { commits_.push_back(std::move(event)); }
    void on_assignment(AssignmentEvent event) override { assignments_.push_back(std::move(event)); }
    void on_rebalance(RebalanceEvent event) override { rebalances_.push_back(std::move(event)); }

    const std::vector<SendEvent>& sends() const { return sends_; }
    const std::vector<AckEvent>& acks() const { return acks_; }
    const std::vector<PositionEvent>& positions() const { return positions_; }
    const std::vector<PollEvent>& polls() const { return polls_; }
    const std::vector<ProcessEvent>& processed() const { return processed_; }
    const std::vector<CommitEvent>& commits() const { return commits_; }
    const std::vector<AssignmentEvent>& assignments() const { return assignments_; }
    const std::vector<RebalanceEvent>& rebalances() const { return rebalances_; }

private:
    std::vector<SendEvent> sends_;
    std::vector<AckEvent> acks_;
    std::vector<PositionEvent> positions_;
    std::vector<PollEvent> polls_;
    std::vector<ProcessEvent> processed_;
    std::vector<CommitEvent> commits_;
    std::vector<AssignmentEvent> assignments_;
    std::vector<RebalanceEvent> rebalances_;
};

}  // namespace kafkasim::check
