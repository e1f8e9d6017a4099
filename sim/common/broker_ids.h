// Lists of broker ids: replica sets, ISRs, assignments.
#pragma once

#include <algorithm>
#include <vector>

#include "sim/common/ids.h"

namespace kafkasim {

inline bool contains(const std::vector<BrokerId>& v, BrokerId b) { return std::find(v.begin(), v.end(), b) != v.end(); }

}  // namespace kafkasim
