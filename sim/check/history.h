// History: what clients saw happen, written by the nodes into an observer they can never
// read back (design.md, "History checkers"), so that checking cannot change a run. The
// checkers (one file each in sim/check/) read it after the run, together with a snapshot of
// the replicas' logs. A record is known by its value, which the writer makes unique.
// A producer records one SendEvent per record when it chooses the record's partition (their
// order is the send order send_reordered checks) and one AckEvent when the record completes:
// acknowledged with its offset, or failed with an error.
#pragma once

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

// The write-only side the nodes get.
class HistorySink {
public:
    virtual ~HistorySink() = default;
    virtual void on_send(SendEvent event) = 0;
    virtual void on_ack(AckEvent event) = 0;
};

class History : public HistorySink {
public:
    void on_send(SendEvent event) override { sends_.push_back(std::move(event)); }
    void on_ack(AckEvent event) override { acks_.push_back(std::move(event)); }

    const std::vector<SendEvent>& sends() const { return sends_; }
    const std::vector<AckEvent>& acks() const { return acks_; }

private:
    std::vector<SendEvent> sends_;
    std::vector<AckEvent> acks_;
};

}  // namespace kafkasim::check
