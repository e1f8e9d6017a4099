// Which offset commits a coordinator accepts, and what a failed append of the commit records
// tells the committer.
//   - A group the coordinator holds decides by its members and generation, and counts a
//     member's accepted commit as its heartbeat (ClassicGroup::commit, kafka-semantics.md §c).
//   - A group that does not exist accepts a commit with
//     generation -1 and an empty member id, as Kafka does from a standalone consumer or an admin
//     (OffsetMetadataManager.validateOffsetCommit creates a "simple group"); generation -1 with a
//     member id is UNKNOWN_MEMBER_ID (ClassicGroup.validateOffsetCommit on an Empty group), and a
//     generation for a group that does not exist is ILLEGAL_GENERATION (OffsetCommit below v9).
//   - Append errors map as Kafka's coordinators map them (CoordinatorOperationExceptionHelper,
//     GroupMetadataManager.storeOffsets): not enough replicas, a timeout or an unknown
//     partition → COORDINATOR_NOT_AVAILABLE; a lost leadership or a storage error →
//     NOT_COORDINATOR, so the client looks the coordinator up again.
#pragma once

#include "sim/coordinator/group.h"
#include "sim/proto/coordinator_messages.h"

namespace kafkasim::coordinator {

Errc validate_standalone_commit(const OffsetCommitRequest& request);

Errc commit_error_from_append(Errc append_error);
// A group record's append (GroupMetadataManager.storeGroup): the same, except that a timeout
// answers the syncs REBALANCE_IN_PROGRESS, so the members rejoin without looking the
// coordinator up again.
Errc group_error_from_append(Errc append_error);

}  // namespace kafkasim::coordinator
