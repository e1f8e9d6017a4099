// What one controller operation decides, after KRaft's ControllerResult: an error (with Kafka's
// message) or the records to append as one atomic batch. The controller answers the request only
// once the records are committed.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sim/common/errors.h"
#include "sim/proto/metadata_records.h"

namespace kafkasim::controller {

struct ControllerResult {
    Errc error = Errc::none;
    std::string message;
    std::vector<MetadataRecord> records;

    bool ok() const { return error == Errc::none; }
    static ControllerResult failure(Errc error, std::string message) {
        return ControllerResult{error, std::move(message), {}};
    }
};

// QuorumController.MAX_RECORDS_PER_USER_OP: a request that would write more is refused.
inline constexpr std::size_t max_records_per_user_op = 10000;

}  // namespace kafkasim::controller
