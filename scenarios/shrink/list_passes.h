// Passes of `kafkasim shrink` that take entries out of the scenario's lists (docs/cli.md): the
// faults by ddmin and then one at a time; whole producers, whole groups, members of a group
// (a smaller count, or entries of a member list), and topics no producer or group uses any more,
// one at a time. Each pass leaves `doc` failing: it only ever adopts a candidate that fails.
#pragma once

#include "scenarios/shrink/candidate_runner.h"

namespace kafkasim::shrink {

void shrink_faults(Doc& doc, CandidateRunner& runner);
void remove_producers(Doc& doc, CandidateRunner& runner);
void remove_groups(Doc& doc, CandidateRunner& runner);
void reduce_members(Doc& doc, CandidateRunner& runner);
void remove_unused_topics(Doc& doc, CandidateRunner& runner);

}  // namespace kafkasim::shrink
