#include "sim/coordinator/group_state.h"

namespace kafkasim::coordinator {

std::string_view to_string(GroupState state) {
    switch (state) {
        case GroupState::empty: return "Empty";
        case GroupState::preparing_rebalance: return "PreparingRebalance";
        case GroupState::completing_rebalance: return "CompletingRebalance";
        case GroupState::stable: return "Stable";
        case GroupState::dead: return "Dead";
    }
    return "?";
}

bool can_move(GroupState from, GroupState to) {
    using S = GroupState;
    switch (to) {
        case S::empty: return from == S::preparing_rebalance;
        case S::preparing_rebalance:
            return from == S::empty || from == S::stable || from == S::completing_rebalance;
        case S::completing_rebalance: return from == S::preparing_rebalance;
        case S::stable: return from == S::completing_rebalance;
        case S::dead: return from != S::dead;
    }
    return false;
}

}  // namespace kafkasim::coordinator
