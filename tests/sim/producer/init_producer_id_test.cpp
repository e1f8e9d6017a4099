// InitProducerId on a broker: ids from the controller's blocks (KIP-730), the next block
// fetched once 90% of the current one is used, COORDINATOR_LOAD_IN_PROGRESS while none is at hand.
#include <doctest/doctest.h>

#include <set>

#include "engine/trace_sinks.h"
#include "tests/support/broker_world.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

InitProducerIdResponse init_producer_id(BrokerWorld& w, engine::NodeId broker) {
    std::optional<InitProducerIdResponse> got;
    w.client().call(broker, InitProducerIdRequest{}, [&got](rpc::RpcResult r) {
        got = r.ok() ? std::get<InitProducerIdResponse>(r.body)
                     : InitProducerIdResponse{r.transport, no_producer_id, no_producer_epoch};
    });
    w.run_until([&] { return got.has_value(); });
    return got.value_or(InitProducerIdResponse{Errc::request_timed_out, no_producer_id, no_producer_epoch});
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a broker hands out unique producer ids and prefetches the next block") {
    BrokerWorld w(cluster_options(51));
    auto trace = std::make_shared<engine::MemoryTraceSink>();
    w.cluster.sim().trace().add_sink(trace);
    REQUIRE(w.wait_for_brokers());
    const engine::NodeId broker = w.cluster.broker_node(BrokerId{1}).id();
    InitProducerIdResponse first = init_producer_id(w, broker);
    while (first.error == Errc::network_exception) {  // until the broker opens its listener
        w.run_ms(100);
        first = init_producer_id(w, broker);
    }
    CHECK(first.error == Errc::coordinator_load_in_progress);
    w.run_ms(500);
    std::set<std::int64_t> ids;
    std::int32_t waits = 0;
    for (int i = 0; i < 2500; ++i) {
        const InitProducerIdResponse r = init_producer_id(w, broker);
        if (r.error == Errc::coordinator_load_in_progress) {
            ++waits;
            continue;
        }
        REQUIRE(r.error == Errc::none);
        CHECK(r.producer_epoch == ProducerEpoch{0});
        ids.insert(r.producer_id.value);
    }
    CHECK(ids.size() == 2500);  // unique, across block boundaries
    CHECK(waits == 0);          // the next block was always there in time
    std::int64_t requests = 0;
    for (const auto& r : trace->records()) requests += r.kind == "broker.producer_ids_request" ? 1 : 0;
    CHECK(requests == 3);  // the first block, then at 90% of the first and of the second
    // Another broker's ids come from another block.
    const InitProducerIdResponse other = init_producer_id(w, w.cluster.broker_node(BrokerId{2}).id());
    CHECK(other.error == Errc::coordinator_load_in_progress);
    w.run_ms(500);
    const InitProducerIdResponse second = init_producer_id(w, w.cluster.broker_node(BrokerId{2}).id());
    REQUIRE(second.error == Errc::none);
    CHECK(ids.count(second.producer_id.value) == 0);
}

}  // TEST_SUITE
