#include "scenarios/runner/run_session.h"

#include <algorithm>

#include "engine/assert.h"
#include "scenarios/runner/view_builder.h"

namespace kafkasim::scenarios {

RunSession::RunSession(ScenarioSpec spec, SessionOptions options)
    : spec_(std::move(spec)),
      options_(options),
      seed_(options.seed.value_or(spec_.seed)),
      log_(std::make_shared<TraceLog>(options.trace_log_bytes)),
      series_(std::make_unique<RunSeries>(spec_, options.series_bucket)) {
    SIM_ASSERT(options_.window >= 1, "a session keeps at least the current view");
    run_options_.seed = seed_;
    run_options_.settle = options_.settle;
    run_options_.on_caption = [this](const Caption& c) {
        probes_->captions.push_back(CaptionView{engine::Instant{} + c.at, c.text.en, c.text.ko});
        probes_->moments->add(engine::Instant{} + c.at, "caption", c.text.en);
    };
    times_.push_back(engine::Instant{});
    start_model();
}

RunSession::~RunSession() = default;

void RunSession::start_model() {
    model_.reset();  // before its probes: the run's nodes hold the sinks until they are gone
    probes_ = std::make_unique<RunProbes>();
    isr_ = std::make_shared<IsrSizes>();
    run_options_.trace_sinks = {probes_->links, probes_->moments, log_, isr_};
    log_->begin_event(0);
    run_options_.wire_observer = probes_->wire;
    model_ = std::make_unique<ScenarioRun>(spec_, run_options_);
    model_event_ = 0;
    announced_.clear();
    probes_->moments->stamp(0);  // what the start recorded belongs to event 0
    if (frontier_ == 0 && moments_.empty()) moments_ = probes_->moments->all();
}

bool RunSession::step_model() {
    if (end_event_ && model_event_ == *end_event_) return false;
    log_->begin_event(model_event_ + 1);  // what this step writes, the end's checkers included
    if (model_->step()) {
        model_event_ = model_->events();
    } else {
        model_event_ = model_->events() + 1;
        end_event_ = model_event_;
        result_ = model_->finish();
    }
    // Expectations are moments too: those with at_ms as the run passes their time, the
    // others at the end.
    for (const auto& [index, r] : model_->judged())
        if (announced_.insert(index).second)
            probes_->moments->add(model_->now(), "expectation", r.name + (r.ok.value_or(false) ? " holds" : " fails"));
    if (end_event_ && model_event_ == *end_event_)
        for (std::size_t i = 0; i < result_->expectations.size(); ++i)
            if (!spec_.expectations[i].at && result_->expectations[i].ok)
                probes_->moments->add(model_->now(), "expectation",
                                      result_->expectations[i].name + (*result_->expectations[i].ok ? " holds" : " fails"));
    probes_->moments->stamp(model_event_);
    if (model_event_ >= times_.size()) times_.push_back(model_->now());
    // A re-execution finds the same moments again: only those past the frontier are new.
    if (model_event_ > frontier_) {
        frontier_ = model_event_;
        series_->advance(*model_, *isr_, end_event_ && model_event_ == *end_event_);
        const std::vector<Moment>& found = probes_->moments->all();
        auto first = found.end();
        while (first != found.begin() && std::prev(first)->event == model_event_) --first;
        moments_.insert(moments_.end(), first, found.end());
    }
    return true;
}

engine::Instant RunSession::time() const { return times_[current_]; }

engine::Instant RunSession::end() const { return model_->end(); }

std::uint64_t RunSession::trace_hash() const { return model_->trace_hash(); }

bool RunSession::step() {
    if (at_end()) return false;
    if (current_ == model_event_) {
        if (!step_model()) return false;
        current_ = model_event_;
        return true;
    }
    // Behind the model: the next view is kept, or the model must come back to it.
    const std::uint64_t next = current_ + 1;
    if (views_.count(next) == 0) restart_to(next);
    current_ = next;
    return true;
}

bool RunSession::step_back() {
    if (current_ == 0) return false;
    run_to_event(current_ - 1);
    return true;
}

void RunSession::run_to_event(std::uint64_t index) {
    if (end_event_) index = std::min(index, *end_event_);
    if (index == current_) return;
    if (index > model_event_ || (index == model_event_ && index > current_)) {
        while (model_event_ < index && step_model()) {
        }
        current_ = model_event_;
        return;
    }
    // The model has been there: take the kept view, or run again from the start.
    if (views_.count(index) == 0) restart_to(index);
    current_ = index;
}

void RunSession::run_until(engine::Instant t) {
    // Forward through the model while its next event is at or before t. It peeks instead of
    // stepping one event too far: playing calls this every frame, and a model past the target
    // would have to run again from the start to come back.
    if (times_.back() <= t && !(end_event_ && times_.size() > *end_event_)) {
        const std::uint64_t known = times_.size() - 1;
        while (model_event_ < known) step_model();
        while (!(end_event_ && model_event_ == *end_event_) && model_->next_time().value_or(model_->end()) <= t)
            step_model();
    }
    const auto after = std::upper_bound(times_.begin(), times_.end(), t);
    std::uint64_t index = static_cast<std::uint64_t>(after - times_.begin()) - 1;
    // The end of the run is not an event: reach it only when t is past the last one.
    if (end_event_ && index == *end_event_ && t < times_.back()) --index;
    run_to_event(index);
}

bool RunSession::next_interesting() {
    for (const Moment& m : moments_)
        if (m.event > current_) {
            run_to_event(m.event);
            return true;
        }
    while (step()) {
        if (!moments_.empty() && moments_.back().event == current_) return true;
    }
    return false;
}

void RunSession::restart_to(std::uint64_t index) {
    ++restarts_;
    views_.clear();
    current_ = index;  // the window is kept around the target
    start_model();
    const std::uint64_t window = options_.window;
    const std::uint64_t first_kept = index + 1 > window ? index + 1 - window : 0;
    if (first_kept == 0) keep(0, make_view());
    while (model_event_ < index && step_model())
        if (model_event_ >= first_kept) keep(model_event_, make_view());
}

ClusterView RunSession::make_view() {
    ClusterView v = build_view(*model_, spec_, *probes_);
    v.event = model_event_;
    if (end_event_ && model_event_ == *end_event_ && result_) {
        v.finished = true;
        for (const auto& [name, summary] : result_->checks) v.checks[name] = summary.count;
        v.expectations = result_->expectations;
    }
    return v;
}

void RunSession::keep(std::uint64_t index, ClusterView view) {
    views_[index] = std::move(view);
    // Forget the kept view farthest from the current event.
    while (views_.size() > options_.window) {
        const std::uint64_t lo = views_.begin()->first;
        const std::uint64_t hi = views_.rbegin()->first;
        const std::uint64_t from = std::max(current_, index);
        if (from - std::min(lo, from) >= std::max(hi, from) - from) views_.erase(views_.begin());
        else views_.erase(std::prev(views_.end()));
    }
}

const ClusterView& RunSession::view() {
    auto it = views_.find(current_);
    if (it != views_.end()) return it->second;
    // Behind the model without a kept view (the model went on past an unseen event): run again.
    if (current_ != model_event_) restart_to(current_);
    if (current_ == model_event_ && views_.count(current_) != 0) return views_.at(current_);
    keep(current_, make_view());
    return views_.at(current_);
}

}  // namespace kafkasim::scenarios
