// Requests clients (and follower replicas) send to brokers, and the answers: Metadata,
// Produce, Fetch, ListOffsets and InitProducerId, with the fields kafkasim models. Errors are per partition,
// as in Kafka. Messages are typed structs, except the records a Fetch answer carries: those are
// the batches as the leader's log encoded them (Kafka's MemoryRecords), so a follower appends
// them as they are and a consumer decodes them, as in Kafka.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/disk/block.h"
#include "engine/time.h"
#include "engine/trace.h"
#include "sim/common/errors.h"
#include "sim/common/ids.h"
#include "sim/proto/record_batch.h"

namespace kafkasim {

struct MetadataRequest {
    std::vector<std::string> topics;  // empty: every topic
};
struct MetadataResponse {
    struct Broker {
        BrokerId id;
        engine::NodeId node;
    };
    struct Partition {
        std::int32_t partition = 0;
        Errc error = Errc::none;  // LEADER_NOT_AVAILABLE when it has no leader
        BrokerId leader = no_broker;
        LeaderEpoch leader_epoch{-1};
        std::vector<BrokerId> replicas;
        std::vector<BrokerId> isr;
    };
    struct Topic {
        std::string name;
        Errc error = Errc::none;  // UNKNOWN_TOPIC_OR_PARTITION
        std::vector<Partition> partitions;
    };
    std::vector<Broker> brokers;  // unfenced brokers only, as KRaft brokers answer
    std::vector<Topic> topics;
};

struct ProduceRequest {
    struct Partition {
        TopicPartition tp;
        RecordBatch batch;
    };
    std::int16_t acks = -1;  // 0, 1, or -1 (all)
    engine::Duration timeout = engine::Duration::ms(30000);  // request.timeout.ms: the acks=all wait
    std::vector<Partition> partitions;
};
struct ProduceResponse {
    struct Partition {
        TopicPartition tp;
        Errc error = Errc::none;
        Offset base_offset{-1};
        Offset log_start_offset{-1};
    };
    std::vector<Partition> partitions;
};

struct FetchRequest {
    struct Partition {
        TopicPartition tp;
        Offset fetch_offset{0};
        LeaderEpoch current_leader_epoch{-1};  // -1: not checked
        LeaderEpoch last_fetched_epoch{-1};    // followers: for the diverging-epoch check
        std::int32_t partition_max_bytes = 1048576;
    };
    BrokerId replica_id = no_broker;  // a follower's broker id; no_broker for a consumer
    BrokerEpoch replica_epoch{-1};
    engine::Duration max_wait = engine::Duration::ms(500);  // fetch.max.wait.ms
    std::int32_t min_bytes = 1;
    std::int32_t max_bytes = 52428800;
    std::vector<Partition> partitions;
};
struct FetchResponse {
    struct DivergingEpoch {
        LeaderEpoch epoch;
        Offset end_offset;
    };
    struct Partition {
        TopicPartition tp;
        Errc error = Errc::none;
        Offset high_watermark{-1};
        Offset log_start_offset{-1};
        std::optional<DivergingEpoch> diverging_epoch;
        // One block per record batch, in the format of sim/log/batch_codec.h, shared with the
        // leader's page cache: immutable bytes, so sharing them is the same as a copy.
        std::vector<engine::Block> records;
    };
    std::vector<Partition> partitions;
};

struct ListOffsetsRequest {
    static constexpr std::int64_t latest = -1;
    static constexpr std::int64_t earliest = -2;
    struct Partition {
        TopicPartition tp;
        std::int64_t timestamp = latest;
        LeaderEpoch current_leader_epoch{-1};
    };
    std::vector<Partition> partitions;
};
struct ListOffsetsResponse {
    struct Partition {
        TopicPartition tp;
        Errc error = Errc::none;
        Offset offset{-1};
        LeaderEpoch leader_epoch{-1};
    };
    std::vector<Partition> partitions;
};

// InitProducerId for an idempotent, non-transactional producer (no transactional.id): any
// broker hands out the next id of its block with epoch 0 (KIP-730). COORDINATOR_LOAD_IN_PROGRESS
// (retriable) while the broker is still waiting for a block from the controller, as Kafka's
// RPCProducerIdManager answers.
struct InitProducerIdRequest {};
struct InitProducerIdResponse {
    Errc error = Errc::none;
    ProducerId producer_id = no_producer_id;
    ProducerEpoch producer_epoch = no_producer_epoch;
};

}  // namespace kafkasim
