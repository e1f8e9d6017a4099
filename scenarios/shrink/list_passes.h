// Passes of `kafkasim shrink` that take entries out of the scenario's lists (docs/cli.md): the
// faults by ddmin and then one at a time; whole producers, whole groups, members of a group
// (a smaller count, or entries of a member list), topics no producer or group uses any more, and
// the nodes a fault lists (a power_loss list's, a partition's groups'), one at a time. Each pass
// leaves `doc` failing: it only ever adopts a candidate that fails.
#pragma once

#include "scenarios/shrink/candidate_runner.h"

namespace kafkasim::shrink {

void shrink_faults(Doc& doc, Judge& judge);
void remove_producers(Doc& doc, Judge& judge);
void remove_groups(Doc& doc, Judge& judge);
void reduce_members(Doc& doc, Judge& judge);
void remove_unused_topics(Doc& doc, Judge& judge);
void reduce_fault_nodes(Doc& doc, Judge& judge);

}  // namespace kafkasim::shrink
