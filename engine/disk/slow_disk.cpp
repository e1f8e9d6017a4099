#include "engine/disk/slow_disk.h"

#include <algorithm>

namespace kafkasim::engine {

SlowDisk::SlowDisk(Disk& inner, Node& node) : inner_(inner), node_(node) {
    node.add_listener([this](NodeEvent e) {
        // Completions still waiting died with the process; the next one need not queue behind them.
        if (e == NodeEvent::crashed || e == NodeEvent::power_lost) {
            last_done_ = Instant::zero();
            waiting_ = 0;
        }
    });
}

void SlowDisk::set_factor(std::uint32_t factor) {
    SIM_ASSERT(factor >= 1, "a slow-disk factor is 1 (healthy) or more");
    factor_ = factor;
    node_.trace("disk.slow", {{"factor", factor}});
}

void SlowDisk::submit(DiskOp op, DiskDone done) {
    if (!done || (factor_ == 1 && waiting_ == 0 && last_done_ <= node_.now())) {
        inner_.submit(std::move(op), std::move(done));
        return;
    }
    ++waiting_;
    inner_.submit(std::move(op), [this, submitted = node_.now(), f = factor_, d = std::move(done)](Result<Bytes> r) mutable {
        finish(submitted, f, d, std::move(r));
    });
}

void SlowDisk::finish(Instant submitted, std::uint32_t factor, DiskDone& done, Result<Bytes> result) {
    // The disk beneath took (now - submitted), its queue included; a slow device takes
    // `factor` times that. A pause before this runs counts as disk time: see docs/engine.md.
    --waiting_;
    const Instant now = node_.now();
    const Instant ready = std::max(now + (now - submitted) * (factor - 1), last_done_);
    last_done_ = ready;
    node_.set_timer(ready - now, [d = std::move(done), r = std::move(result)]() mutable { d(std::move(r)); });
}

}  // namespace kafkasim::engine
