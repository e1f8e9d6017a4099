// Writes a small file so that a crash or power loss at any moment leaves either its old content
// or the new one, whole (Kafka's CheckpointFile.write): the content goes to "<name>.tmp", which is
// synced and then renamed over "<name>", and the rename is synced too (Kafka's
// Utils.atomicMoveWithFallback flushes the directory). Each step waits for the one before it,
// so a full disk stops the write before the rename and the old file stays.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/disk/disk.h"

namespace kafkasim::log {

class CheckpointWriter {
public:
    // Removes a "<name>.tmp" left by a write that a crash or power loss interrupted.
    CheckpointWriter(engine::Disk& disk, std::string name);
    CheckpointWriter(const CheckpointWriter&) = delete;
    CheckpointWriter& operator=(const CheckpointWriter&) = delete;

    // Starts writing `content`, or, if a write is under way, queues it to start when that one
    // ends; a later write() replaces a queued one. `done` (may be empty) runs once, with ok
    // when this content or one that replaced it is durable, or with the failing step's status.
    // Completions are dropped if the process crashes or this writer is destroyed first.
    void write(std::string content, engine::StatusDone done);
    // Deletes the file at once and abandons a write under way that has not reached its rename
    // (its `done` is dropped); queued writes still run. For content that became wrong, such as
    // a recovery point above a log end that a truncation lowered: the delete is ordered before
    // anything submitted after it, so no crash can leave the stale content next to newer data.
    void discard();
    bool busy() const { return busy_; }
    const std::string& name() const { return name_; }

private:
    void start(std::string content, std::vector<engine::StatusDone> dones);
    void step(int next, engine::DiskStatus status);
    void finish(engine::DiskStatus status);
    void start_queued();
    engine::StatusDone guarded(int next);

    engine::Disk& disk_;
    std::string name_;
    std::string tmp_;
    bool busy_ = false;
    bool renamed_ = false;    // the write under way has submitted its rename
    bool discarded_ = false;  // the write under way is abandoned
    engine::Bytes content_;
    std::vector<engine::StatusDone> dones_;
    std::optional<std::string> queued_;
    std::vector<engine::StatusDone> queued_dones_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kafkasim::log
