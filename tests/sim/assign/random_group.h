// Random consumer groups for the assignor property tests, drawn from our own seeded
// generator (engine::Random), so every failure names a seed that reproduces it.
#pragma once

#include "engine/random.h"
#include "sim/assign/model.h"

namespace kafkasim::assign::test {

struct GroupShape {
    int max_members = 8;
    int max_topics = 5;
    int max_partitions = 8;
};

enum class Subscriptions { equal, random };

// A fresh group: nobody owns anything. Member ids mix Kafka-style names, ids whose Java
// String order differs from numeric order ("consumer-10" < "consumer-2"), non-ASCII ids and
// ids with equal Java hash codes; some topics have no metadata, some none partitions.
GroupSubscription random_group(engine::Random& r, const GroupShape& shape, Subscriptions kind);

// The next rebalance after `result`: some members leave, some join, some change their
// subscription, topics may gain partitions or disappear. Survivors own what `result` gave
// them, all in the next generation; newcomers own nothing. Kafka's
// AbstractStickyAssignorTest.testReassignmentWithRandomSubscriptionsAndChanges does the same.
GroupSubscription changed_group(engine::Random& r, const GroupSubscription& group, const Assignment& result,
                                Subscriptions kind);

// Owned partitions claimed at random, some by two members, with mixed generations. Members
// claim only partitions of topics they subscribe to (a cooperative member revokes the others
// before it rejoins); claims on topics a member left expose Kafka bugs, kafka_quirks_test.cpp.
GroupSubscription conflicting_group(engine::Random& r, const GroupShape& shape);

}  // namespace kafkasim::assign::test
