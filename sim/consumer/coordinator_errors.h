// Errors after which a consumer forgets its group coordinator and looks it up again
// (ConsumerCoordinator's handlers: markCoordinatorUnknown).
#pragma once

#include "sim/common/errors.h"

namespace kafkasim::consumer {

inline bool loses_coordinator(Errc e) {
    return e == Errc::not_coordinator || e == Errc::coordinator_not_available || e == Errc::request_timed_out ||
           e == Errc::network_exception;
}

}  // namespace kafkasim::consumer
