// KafkaAssignorFailure: the input makes Kafka's own assignor throw (an exception in Java, not
// an operating error). We report it rather than invent a result Kafka never gives; the
// message names Kafka's exception and where it happens (docs/assignors.md).
#pragma once

#include <stdexcept>

namespace kafkasim::assign {

class KafkaAssignorFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace kafkasim::assign
