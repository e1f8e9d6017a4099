#include "sim/broker/partition.h"

#include <algorithm>

namespace kafkasim::broker {

Partition::Partition(engine::Node& node, engine::Disk& disk, TopicPartition tp, const LogConfig& config,
                     BrokerId self)
    : node_(node), tp_(std::move(tp)), self_(self), config_(config) {
    log::PartitionLogOptions options;
    options.partition = tp_;
    options.config = config;
    log_ = std::make_unique<log::PartitionLog>(node, disk, std::move(options));
}

bool Partition::apply(const metadata::PartitionRegistration& registration, const LogConfig& config) {
    config_ = config;
    log_->set_config(config);
    const Role role = registration.leader == self_ ? Role::leader
                      : registration.is_replica(self_) ? Role::follower
                                                       : Role::none;
    const bool changed = role != role_ || registration.leader_epoch != leader_epoch_;
    if (changed && role == Role::leader) follower_end_offsets_.clear();
    role_ = role;
    leader_ = registration.leader;
    leader_epoch_ = registration.leader_epoch;
    replicas_ = registration.replicas;
    isr_ = registration.isr;
    if (changed) {
        node_.trace("partition.role", {{"partition", tp_.str()},
                                        {"role", role == Role::leader ? "leader" : role == Role::follower ? "follower" : "none"},
                                        {"leader_epoch", leader_epoch_.value},
                                        {"log_end_offset", log_->log_end_offset().value}});
    }
    if (role_ == Role::leader) maybe_advance_high_watermark();
    return changed;
}

void Partition::record_follower_fetch(BrokerId follower, Offset fetch_offset) {
    follower_end_offsets_[follower] = fetch_offset;
}

bool Partition::maybe_advance_high_watermark() {
    if (role_ != Role::leader) return false;
    const auto effective_min_isr = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, config_.min_insync_replicas)),
                                                         replicas_.size());
    if (isr_.size() < effective_min_isr) return false;
    Offset hw = log_->log_end_offset();
    for (BrokerId b : isr_) {
        if (b == self_) continue;
        const auto it = follower_end_offsets_.find(b);
        hw = std::min(hw, it == follower_end_offsets_.end() ? Offset{0} : it->second);
    }
    const Offset before = log_->high_watermark();
    if (!log_->maybe_increment_high_watermark(hw)) return false;
    node_.trace("partition.high_watermark", {{"partition", tp_.str()}, {"from", before.value}, {"to", log_->high_watermark().value}});
    return true;
}

}  // namespace kafkasim::broker
