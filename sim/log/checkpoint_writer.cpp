#include "sim/log/checkpoint_writer.h"

#include "engine/assert.h"

namespace kafkasim::log {

namespace {

// The steps of one write, in order; each runs when the one before it completed.
enum Step : int { create_tmp, append_tmp, sync_tmp, rename_tmp, sync_rename, finished };

}  // namespace

CheckpointWriter::CheckpointWriter(engine::Disk& disk, std::string name)
    : disk_(disk), name_(std::move(name)), tmp_(name_ + ".tmp") {
    if (disk_.read_now(tmp_).ok()) disk_.remove(tmp_, {});
}

void CheckpointWriter::write(std::string content, engine::StatusDone done) {
    if (busy_) {
        queued_ = std::move(content);
        if (done) queued_dones_.push_back(std::move(done));
        return;
    }
    std::vector<engine::StatusDone> dones;
    if (done) dones.push_back(std::move(done));
    start(std::move(content), std::move(dones));
}

void CheckpointWriter::discard() {
    disk_.remove(name_, {});
    if (busy_ && !renamed_) discarded_ = true;
}

void CheckpointWriter::start(std::string content, std::vector<engine::StatusDone> dones) {
    busy_ = true;
    renamed_ = false;
    discarded_ = false;
    content_.assign(content.begin(), content.end());
    dones_ = std::move(dones);
    disk_.create(tmp_, guarded(append_tmp));
}

engine::StatusDone CheckpointWriter::guarded(int next) {
    return [this, alive = std::weak_ptr<bool>(alive_), next](engine::DiskStatus status) {
        if (alive.expired()) return;
        step(next, status);
    };
}

void CheckpointWriter::step(int next, engine::DiskStatus status) {
    if (discarded_) {
        disk_.remove(tmp_, {});
        busy_ = false;
        dones_.clear();
        start_queued();
        return;
    }
    if (status != engine::DiskStatus::ok) {
        // The old file is untouched; clear the temporary file so the next write can create it.
        if (next >= sync_tmp && next <= sync_rename) disk_.remove(tmp_, {});
        finish(status);
        return;
    }
    switch (next) {
        case append_tmp: disk_.append(tmp_, content_, guarded(sync_tmp)); return;
        case sync_tmp: disk_.sync({tmp_}, guarded(rename_tmp)); return;
        case rename_tmp:
            renamed_ = true;
            disk_.rename(tmp_, name_, guarded(sync_rename));
            return;
        case sync_rename: disk_.sync({name_}, guarded(finished)); return;  // the rename, as flushDir
        case finished: finish(status); return;
        default: SIM_ASSERT(false, "a checkpoint write has five steps");
    }
}

void CheckpointWriter::finish(engine::DiskStatus status) {
    busy_ = false;
    std::vector<engine::StatusDone> dones = std::move(dones_);
    dones_.clear();
    start_queued();
    for (engine::StatusDone& d : dones) d(status);
}

void CheckpointWriter::start_queued() {
    if (!queued_) return;
    std::string next = std::move(*queued_);
    queued_.reset();
    std::vector<engine::StatusDone> dones = std::move(queued_dones_);
    queued_dones_.clear();
    start(std::move(next), std::move(dones));
}

}  // namespace kafkasim::log
