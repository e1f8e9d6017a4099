// Evidence: what the end-of-run checkers judge (the history and the replicas' final logs),
// indexed once and shared by all of them. Every record value, group, partition and producer
// process is numbered once (flat_table.h), so that a checker counts with vectors and hash
// tables of small integers instead of maps keyed by strings. Numbers follow the history's
// order, never a hash's: a report that sorts by them is as deterministic as the history.
// Record values are numbered by first send first, so that a value's number is its rank in the
// producers' send order (key_reordered) and "was it sent" is a comparison.
#pragma once

#include <string_view>
#include <vector>

#include "sim/check/final_log.h"
#include "sim/check/flat_table.h"
#include "sim/check/history.h"
#include "sim/check/replica_views.h"

namespace kafkasim::check {

// A producer's send, by number.
struct SendIds {
    Id value;
    Id tp;
    Id process;  // the producer node and its incarnation (Kafka orders within one process)
};

// A group member's event on a partition, by number.
struct MemberIds {
    Id group;
    Id tp;
};

class Evidence {
public:
    // Both outlive the evidence, unchanged.
    Evidence(const History& history, const ReplicaViews& replicas);
    Evidence(const Evidence&) = delete;
    Evidence& operator=(const Evidence&) = delete;

    const History& history;
    const ReplicaViews& replicas;

    Interner values;           // every record value in the history
    Id sent_values = 0;        // values [0, sent_values) were sent, numbered in send order
    Interner groups;           // consumer group names
    Interner keys;             // record keys the members processed
    Interner topics;
    std::vector<const TopicPartition*> partitions;  // by number; each names its partition
    std::vector<Id> topic_of;  // per partition number: its topic's
    Id processes = 0;          // how many producer processes sent

    std::vector<SendIds> sends;               // per SendEvent
    std::vector<Id> first_send;               // per sent value: its first SendEvent's index
    std::vector<SendIds> acks;                // per AckEvent (process: no_id)
    std::vector<MemberIds> positions;         // per PositionEvent
    std::vector<MemberIds> commits;           // per CommitEvent
    std::vector<MemberIds> processed;         // per ProcessEvent
    std::vector<Id> processed_values;         // per ProcessEvent
    std::vector<Id> processed_keys;           // per ProcessEvent (no_id: a null key)
    std::vector<Id> poll_groups;              // per PollEvent
    std::vector<Id> polled_values;            // every polled record, poll after poll

    // In partition order (the views'); a value the history does not name is no_id there.
    std::vector<FinalLog> final_logs;
    std::vector<Id> final_log_of;             // per partition number: index in final_logs, or no_id

    // The number of `tp`, or no_id if neither the history nor the snapshot names it.
    Id partition(const TopicPartition& tp) const;
    // The final log of partition number `tp`, or nullptr if the views have none.
    const FinalLog* final_log(Id tp) const;

private:
    Id number(const TopicPartition& tp);
    void number_final_logs(const ReplicaViews& views);
    KeyMap<Id> partition_ids_;
    LastName topic_;
    const TopicPartition* last_tp_ = nullptr;
    Id last_id_ = no_id;  // (topic number, partition) → partition number
};

}  // namespace kafkasim::check
