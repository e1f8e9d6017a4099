#include "sim/check/evidence.h"

namespace kafkasim::check {

Evidence::Evidence(const History& h, const ReplicaViews& views) : history(h), replicas(views) {
    values.reserve(h.sends().size() + h.acks().size() / 8 + 16);
    // Sent values first, in send order: their numbers are their ranks.
    Interner producers;
    LastName producer;
    KeyMap<Id> process_ids;
    sends.reserve(h.sends().size());
    for (std::size_t i = 0; i < h.sends().size(); ++i) {
        const SendEvent& s = h.sends()[i];
        const Id value = values.intern(s.value);
        if (value == first_send.size()) first_send.push_back(static_cast<Id>(i));
        SIM_ASSERT(s.incarnation < no_id, "a producer node starts fewer than 2^32 times");
        const auto [process, fresh] = process_ids.try_emplace(
            pair_key(producer.intern(producers, s.producer), static_cast<Id>(s.incarnation)), processes);
        if (fresh) ++processes;
        sends.push_back(SendIds{value, number(s.tp), *process});
    }
    sent_values = static_cast<Id>(values.size());
    acks.reserve(h.acks().size());
    for (const AckEvent& a : h.acks()) acks.push_back(SendIds{values.intern(a.value), number(a.tp), no_id});
    LastName group;
    for (const PositionEvent& p : h.positions()) positions.push_back(MemberIds{group.intern(groups, p.consumer.group), number(p.tp)});
    for (const CommitEvent& c : h.commits()) commits.push_back(MemberIds{group.intern(groups, c.consumer.group), number(c.tp)});
    processed.reserve(h.processed().size());
    processed_values.reserve(h.processed().size());
    processed_keys.reserve(h.processed().size());
    for (const ProcessEvent& e : h.processed()) {
        processed.push_back(MemberIds{group.intern(groups, e.consumer.group), number(e.tp)});
        processed_values.push_back(values.intern(e.record.value));
        processed_keys.push_back(e.record.key ? keys.intern(*e.record.key) : no_id);
    }
    poll_groups.reserve(h.polls().size());
    for (const PollEvent& p : h.polls()) {
        poll_groups.push_back(group.intern(groups, p.consumer.group));
        for (const ConsumedRecord& r : p.records) polled_values.push_back(values.intern(r.value));
    }
    number_final_logs(views);
}

// Last, once the history has numbered its values: a checker asks of a final log only about
// values the history names, so a value nothing else names (a record of __consumer_offsets)
// stays no_id and costs no entry.
void Evidence::number_final_logs(const ReplicaViews& views) {
    final_logs = check::final_logs(views);
    for (FinalLog& log : final_logs) {
        log.tp_id = number(*log.tp);
        for (FinalRecord& r : log.records) r.value_id = values.find(r.value);
    }
    final_log_of.assign(partitions.size(), no_id);
    for (std::size_t i = 0; i < final_logs.size(); ++i) final_log_of[final_logs[i].tp_id] = static_cast<Id>(i);
}

Id Evidence::number(const TopicPartition& tp) {
    // Events of one partition come in runs (a batch's sends, acks, records): compare with the
    // last one before hashing.
    if (last_tp_ != nullptr && last_tp_->partition == tp.partition && last_tp_->topic == tp.topic) return last_id_;
    SIM_ASSERT(tp.partition >= 0, "a partition number is not negative");
    const Id topic = topic_.intern(topics, tp.topic);
    const auto [id, fresh] = partition_ids_.try_emplace(pair_key(topic, static_cast<Id>(tp.partition)),
                                                        static_cast<Id>(partitions.size()));
    if (fresh) {
        partitions.push_back(&tp);
        topic_of.push_back(topic);
    }
    last_tp_ = &tp;
    last_id_ = *id;
    return *id;
}

Id Evidence::partition(const TopicPartition& tp) const {
    const Id topic = topics.find(tp.topic);
    if (topic == no_id || tp.partition < 0) return no_id;
    const Id* id = partition_ids_.find(pair_key(topic, static_cast<Id>(tp.partition)));
    return id != nullptr ? *id : no_id;
}

const FinalLog* Evidence::final_log(Id tp) const {
    return tp < final_log_of.size() && final_log_of[tp] != no_id ? &final_logs[final_log_of[tp]] : nullptr;
}

}  // namespace kafkasim::check
