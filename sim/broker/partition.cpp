#include "sim/broker/partition.h"

#include <algorithm>

#include "engine/assert.h"
#include "sim/common/broker_ids.h"

namespace kafkasim::broker {

namespace {

const char* role_name(Role r) { return r == Role::leader ? "leader" : r == Role::follower ? "follower" : "none"; }

}  // namespace

Partition::Partition(engine::Node& node, engine::Disk& disk, Options options)
    : node_(node), options_(std::move(options)) {
    log::PartitionLogOptions log_options;
    log_options.partition = options_.tp;
    log_options.config = options_.config;
    log_options.initial_high_watermark = options_.checkpointed_high_watermark;
    log_ = std::make_unique<log::PartitionLog>(node, disk, std::move(log_options));
}

bool Partition::apply(const metadata::PartitionRegistration& registration, const LogConfig& config,
                      const std::set<BrokerId>& eligible) {
    options_.config = config;
    log_->set_config(config);
    eligible_ = eligible;
    const Role role = registration.leader == options_.self ? Role::leader
                      : registration.is_replica(options_.self) ? Role::follower
                                                               : Role::none;
    const bool changed = role != role_ || registration.leader_epoch != leader_epoch_;
    // Metadata older than what an AlterPartition answer already gave us is ignored.
    if (!changed && registration.partition_epoch < partition_epoch_) return false;
    role_ = role;
    leader_ = registration.leader;
    leader_epoch_ = registration.leader_epoch;
    partition_epoch_ = registration.partition_epoch;
    replicas_ = registration.replicas;
    isr_ = registration.isr;
    if (!changed && role_ == Role::leader) track_replicas(node_.now());
    if (changed) {
        pending_isr_.reset();
        if (role_ == Role::leader) become_leader(node_.now());
        if (role_ == Role::follower) become_follower();
        node_.trace("partition.role", {{"partition", options_.tp.str()},
                                        {"role", role_name(role_)},
                                        {"leader_epoch", leader_epoch_.value},
                                        {"log_end_offset", log_->log_end_offset().value},
                                        {"high_watermark", log_->high_watermark().value}});
    }
    return changed;
}

void Partition::become_leader(engine::Instant now) {
    // Partition.makeLeader: the new epoch starts at the log end, before any new append.
    leader_epoch_start_offset_ = log_->log_end_offset();
    log_->assign_epoch_start_offset(leader_epoch_, leader_epoch_start_offset_);
    followers_.clear();
    for (BrokerId b : replicas_)
        if (b != options_.self) followers_[b].reset(now, contains(isr_, b));
}

void Partition::become_follower() {
    if (options_.truncation != ReplicationTruncation::legacy_hw) return;
    // Before KIP-101 a new follower could not know where its log diverged from the leader's,
    // so it dropped everything above its own high watermark and fetched it again.
    const Offset leo = log_->log_end_offset();
    const Offset hw = log_->high_watermark();
    if (hw >= leo) return;
    node_.trace("replica.truncate_to_hw", {{"partition", options_.tp.str()}, {"from", leo.value}, {"to", hw.value}});
    log_->truncate_to(hw);
}

void Partition::track_replicas(engine::Instant now) {
    std::erase_if(followers_, [this](const auto& entry) { return !contains(replicas_, entry.first); });
    for (BrokerId b : replicas_)
        if (b != options_.self && !followers_.contains(b)) followers_[b].reset(now, contains(isr_, b));
}

void Partition::on_follower_fetch(BrokerId follower, BrokerEpoch epoch, Offset fetch_offset, engine::Instant now) {
    if (role_ != Role::leader || !contains(replicas_, follower)) return;
    SIM_ASSERT(fetch_offset >= log_->log_start_offset() && fetch_offset <= log_->log_end_offset(),
               "only a fetch the leader can serve says where the follower's log ends (check_fetch)");
    followers_[follower].on_fetch(fetch_offset, epoch, log_->log_end_offset(), now);
}

std::size_t Partition::effective_min_isr() const {
    return std::min(static_cast<std::size_t>(std::max(1, min_insync_replicas())), replicas_.size());
}

std::vector<BrokerId> Partition::maximal_isr() const {
    std::vector<BrokerId> out = isr_;
    if (pending_isr_)
        for (BrokerId b : *pending_isr_)
            if (!contains(out, b)) out.push_back(b);
    return out;
}

std::size_t Partition::maximal_isr_size() const {
    std::size_t n = isr_.size();
    if (pending_isr_)
        for (BrokerId b : *pending_isr_)
            if (!contains(isr_, b)) ++n;
    return n;
}

bool Partition::in_maximal_isr(BrokerId b) const {
    return contains(isr_, b) || (pending_isr_ && contains(*pending_isr_, b));
}

bool Partition::maybe_advance_high_watermark(engine::Instant now) {
    if (role_ != Role::leader || under_min_isr()) return false;
    const Offset leader_end = log_->log_end_offset();
    Offset hw = leader_end;
    for (const auto& [b, state] : followers_) {
        // Partition.maybeIncrementLeaderHW: ISR members, and followers about to join.
        const bool counts = in_maximal_isr(b) ||
                            (eligible(b) && state.caught_up(leader_end, now, options_.replica_lag_time_max));
        if (counts) hw = std::min(hw, std::max(state.log_end_offset, Offset{0}));
    }
    const Offset before = log_->high_watermark();
    if (!log_->maybe_increment_high_watermark(hw)) return false;
    node_.trace("partition.high_watermark",
                {{"partition", options_.tp.str()}, {"from", before.value}, {"to", log_->high_watermark().value}});
    return true;
}

std::optional<BrokerId> Partition::follower_to_add() const {
    if (role_ != Role::leader || pending_isr_) return std::nullopt;
    for (const auto& [b, state] : followers_) {
        if (contains(isr_, b) || !eligible(b)) continue;
        // isFollowerInSync: at least the high watermark, and inside the current leader epoch.
        if (state.log_end_offset >= log_->high_watermark() && state.log_end_offset >= leader_epoch_start_offset_)
            return b;
    }
    return std::nullopt;
}

std::vector<BrokerId> Partition::followers_to_remove(engine::Instant now) const {
    std::vector<BrokerId> out;
    if (role_ != Role::leader || pending_isr_) return out;
    const Offset leader_end = log_->log_end_offset();
    for (BrokerId b : isr_) {
        if (b == options_.self) continue;
        const auto it = followers_.find(b);
        if (it == followers_.end() || !it->second.caught_up(leader_end, now, options_.replica_lag_time_max))
            out.push_back(b);
    }
    return out;
}

void Partition::begin_isr_change(std::vector<BrokerId> new_isr) { pending_isr_ = std::move(new_isr); }

void Partition::end_isr_change(std::optional<std::pair<std::vector<BrokerId>, PartitionEpoch>> accepted) {
    const bool ok = accepted.has_value();
    if (ok && accepted->second > partition_epoch_) {
        isr_ = accepted->first;
        partition_epoch_ = accepted->second;
    }
    pending_isr_.reset();
    node_.trace("partition.isr", {{"partition", options_.tp.str()},
                                   {"accepted", ok},
                                   {"isr_size", static_cast<std::int64_t>(isr_.size())},
                                   {"partition_epoch", partition_epoch_.value}});
}

BrokerEpoch Partition::follower_epoch(BrokerId follower) const {
    const auto it = followers_.find(follower);
    return it == followers_.end() ? BrokerEpoch{-1} : it->second.broker_epoch;
}

bool Partition::update_follower_high_watermark(Offset leader_hw) {
    const Offset before = log_->high_watermark();
    // UnifiedLog.maybeUpdateHighWatermark: the leader's value clamped to this log, downward
    // included: a new leader's high watermark can lag what the old one told this follower.
    if (log_->update_high_watermark(leader_hw) == before) return false;
    node_.trace("partition.high_watermark", {{"partition", options_.tp.str()}, {"from", before.value}, {"to", log_->high_watermark().value}});
    return true;
}

}  // namespace kafkasim::broker
