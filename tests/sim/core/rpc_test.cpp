#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/net/network.h"
#include "sim/rpc/rpc_client.h"
#include "sim/rpc/rpc_server.h"

using namespace kafkasim;
using kafkasim::engine::Duration;
using kafkasim::engine::Instant;

namespace {

// A server that answers Metadata requests: for topic "slow" after 50 ms, for "never" not at
// all, otherwise at once. It records the order in which it began each request.
struct Server : engine::Process {
    Server(engine::Node& node, engine::Network& net, std::vector<std::string>& began)
        : node_(node), server_(node, net, [this, &began](rpc::RequestContext ctx, rpc::Reply reply) {
              const auto& m = std::get<MetadataRequest>(ctx.body);
              began.push_back(m.topics.at(0));
              MetadataResponse answer;
              answer.topics.push_back({m.topics.at(0), Errc::none, {}});
              if (m.topics[0] == "never") return;
              if (m.topics[0] == "slow") {
                  node_.set_timer(Duration::ms(50), [reply, answer] { reply(answer); });
                  return;
              }
              reply(answer);
          }) {}
    engine::Node& node_;
    rpc::RpcServer server_;
};

struct World {
    engine::Simulation sim{3};
    engine::Node& server_node = sim.add_node("server");
    engine::Node& client_node = sim.add_node("client");
    engine::Network net{sim};
    std::vector<std::string> began;
    std::unique_ptr<rpc::RpcClient> client;
    std::vector<std::string> answers;

    World() {
        server_node.set_process_factory(
            [this](engine::Node& n) { return std::make_unique<Server>(n, net, began); });
        server_node.start();
        client_node.start();
        client = std::make_unique<rpc::RpcClient>(client_node, net);
    }
    void ask(const std::string& topic, Duration timeout = Duration::ms(1000)) {
        client->send(server_node.id(), MetadataRequest{{topic}}, timeout, [this, topic](rpc::RpcResult r) {
            if (!r.ok()) answers.push_back(topic + ":" + std::string(to_string(r.transport)));
            else answers.push_back(std::get<MetadataResponse>(r.body).topics.at(0).name);
        });
    }
};

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("requests on one connection are processed and answered in order") {
    World w;
    w.ask("slow");
    w.ask("fast");
    w.sim.run_until(Instant::from_ms(20));
    CHECK(w.began == std::vector<std::string>{"slow"});  // "fast" waits behind "slow"
    w.sim.run_until(Instant::from_ms(200));
    CHECK(w.began == std::vector<std::string>{"slow", "fast"});
    CHECK(w.answers == std::vector<std::string>{"slow", "fast"});
}

TEST_CASE("a request without an answer times out and fails the rest of its connection") {
    World w;
    w.ask("never", Duration::ms(100));
    w.ask("after", Duration::ms(1000));
    w.sim.run_until(Instant::from_ms(500));
    CHECK(w.answers == std::vector<std::string>{"never:REQUEST_TIMED_OUT", "after:NETWORK_EXCEPTION"});
    // A new request opens a new connection and is answered.
    w.ask("again");
    w.sim.run_until(Instant::from_ms(1000));
    CHECK(w.answers.back() == "again");
}

TEST_CASE("a server crash fails the requests in flight with NETWORK_EXCEPTION") {
    World w;
    w.ask("slow");
    w.sim.schedule_at(Instant::from_ms(10), [&w] { w.server_node.crash(); });
    w.sim.run_until(Instant::from_ms(2000));
    CHECK(w.answers == std::vector<std::string>{"slow:NETWORK_EXCEPTION"});
    // After a restart the server answers again.
    w.server_node.start();
    w.ask("fast");
    w.sim.run_until(Instant::from_ms(3000));
    CHECK(w.answers.back() == "fast");
}

}  // TEST_SUITE
