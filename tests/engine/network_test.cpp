#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/net/network.h"

using namespace kafkasim::engine;

namespace {

struct Stamped {
    std::int64_t seq;
    Instant sent;
};

// What one end of a connection saw.
struct Log {
    std::vector<std::int64_t> seqs;
    std::vector<Duration> delays;  // arrival - send
    std::vector<Disconnect> closes;
    std::vector<Instant> close_times;
    int opened = 0;
};

SocketHandlers recorder(Simulation& sim, Log& log) {
    return SocketHandlers{
        [&log](Socket) { ++log.opened; },
        [&sim, &log](Socket, Payload p) {
            const auto& m = p.as<Stamped>();
            log.seqs.push_back(m.seq);
            log.delays.push_back(sim.now() - m.sent);
        },
        [&sim, &log](Socket, Disconnect d) {
            log.closes.push_back(d);
            log.close_times.push_back(sim.now());
        },
    };
}

// A few started nodes on one network; node i listens and records into accepted[i].
struct World {
    explicit World(int n, NetworkOptions o = {}) : sim(1) {
        for (int i = 0; i < n; ++i) nodes.push_back(&sim.add_node("n" + std::to_string(i)));
        net = std::make_unique<Network>(sim, o);
        accepted.resize(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            nodes[static_cast<std::size_t>(i)]->start();
            listen(i);
        }
    }
    void listen(int i) {
        net->listen(id(i), [this, i](Socket s, NodeId) {
            accepted_sockets.push_back(s);
            return recorder(sim, accepted[static_cast<std::size_t>(i)]);
        });
    }
    NodeId id(int i) const { return nodes[static_cast<std::size_t>(i)]->id(); }
    Node& node(int i) { return *nodes[static_cast<std::size_t>(i)]; }
    Socket connect(int from, int to, Log& log) { return net->connect({id(from), id(to)}, recorder(sim, log)); }
    void send(Socket s, std::int64_t seq) {
        CHECK(net->send(s, Payload(Stamped{seq, sim.now()})) == SendStatus::ok);
    }

    Simulation sim;
    std::vector<Node*> nodes;
    std::unique_ptr<Network> net;
    std::vector<Log> accepted;
    std::vector<Socket> accepted_sockets;
};

std::vector<std::int64_t> iota(std::int64_t n) {
    std::vector<std::int64_t> v;
    for (std::int64_t i = 0; i < n; ++i) v.push_back(i);
    return v;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("messages on one connection arrive in send order despite random latency") {
    NetworkOptions o;
    o.latency = {Duration::us(100), Duration::ms(20), LatencyShape::uniform};
    World w(2, o);
    Log client;
    const Socket s = w.connect(0, 1, client);
    for (int i = 0; i < 400; ++i) {
        w.sim.schedule_at(Instant::from_us(i * 37), [&w, s, i] { w.send(s, i); });
    }
    // Then a few far apart, so that no FIFO hold-back hides the spread of the draws: the
    // window is wide enough that the dense burst above would reorder without the FIFO rule.
    for (int i = 400; i < 420; ++i) {
        w.sim.schedule_at(Instant::from_ms(100 + (i - 400) * 50), [&w, s, i] { w.send(s, i); });
    }
    w.sim.run_all();
    CHECK(w.accepted[1].seqs == iota(420));
    const auto sparse = std::vector<Duration>(w.accepted[1].delays.begin() + 400, w.accepted[1].delays.end());
    const auto [lo, hi] = std::minmax_element(sparse.begin(), sparse.end());
    CHECK(*hi - *lo > Duration::ms(5));
    CHECK(client.opened == 1);
    CHECK(w.net->stats().delivered == 420);
    CHECK(w.net->stats().lost == 0);
}

TEST_CASE("every message takes between the link's min and max latency") {
    NetworkOptions o;
    o.latency = {Duration::ms(1), Duration::ms(3), LatencyShape::normal};
    World w(3, o);
    w.net->set_link_latency({w.id(0), w.id(2)}, {Duration::ms(10), Duration::ms(12), LatencyShape::long_tail});
    Log a, b;
    const Socket to1 = w.connect(0, 1, a);
    const Socket to2 = w.connect(0, 2, b);
    // Spaced wider than any latency, so FIFO never holds a message back.
    for (int i = 0; i < 200; ++i) {
        w.sim.schedule_at(Instant::from_ms(100 + i * 20), [&w, to1, to2, i] {
            w.send(to1, i);
            w.send(to2, i);
        });
    }
    w.sim.run_all();
    REQUIRE(w.accepted[1].delays.size() == 200);
    REQUIRE(w.accepted[2].delays.size() == 200);
    for (Duration d : w.accepted[1].delays) CHECK((d >= Duration::ms(1) && d <= Duration::ms(3)));
    for (Duration d : w.accepted[2].delays) CHECK((d >= Duration::ms(10) && d <= Duration::ms(12)));
    const auto [lo, hi] = std::minmax_element(w.accepted[1].delays.begin(), w.accepted[1].delays.end());
    CHECK(*hi - *lo > Duration::ms(1));  // the draws do spread over the window
}

TEST_CASE("a partition breaks the connections across it and heal lets nodes reach each other again") {
    NetworkOptions o;
    o.notice_timeout = Duration::ms(500);
    World w(3, o);
    Log ab, ac, bc;
    const Socket s_ab = w.connect(0, 1, ab);
    w.connect(0, 2, ac);
    const Socket s_bc = w.connect(1, 2, bc);
    w.sim.run_until(Instant::from_ms(100));
    w.net->partition({{w.id(0)}, {w.id(1), w.id(2)}});
    CHECK_FALSE(w.net->is_open(s_ab));
    CHECK(w.net->is_open(s_bc));
    w.send(s_bc, 0);
    Log again;
    w.connect(0, 1, again);  // across the partition: the handshake never comes back
    w.sim.run_until(Instant::from_ms(1000));
    CHECK(ab.closes == std::vector<Disconnect>{Disconnect::timed_out});
    CHECK(ac.closes == std::vector<Disconnect>{Disconnect::timed_out});
    CHECK(ab.close_times[0] == Instant::from_ms(600));
    CHECK(w.accepted[1].closes == std::vector<Disconnect>{Disconnect::timed_out});  // the far end of a-b
    CHECK(bc.closes.empty());
    CHECK(w.accepted[2].seqs == std::vector<std::int64_t>{0});
    CHECK(again.closes == std::vector<Disconnect>{Disconnect::timed_out});
    CHECK(again.opened == 0);

    w.net->heal();
    Log healed;
    const Socket s = w.connect(0, 1, healed);
    w.send(s, 7);
    w.sim.run_until(Instant::from_ms(1100));
    CHECK(healed.opened == 1);
    CHECK(w.accepted[1].seqs == std::vector<std::int64_t>{7});
}

TEST_CASE("a one-way cut breaks the connection both ways and spares other links") {
    NetworkOptions o;
    o.notice_timeout = Duration::ms(300);
    World w(3, o);
    Log ab, ac, cb;
    const Socket s_ab = w.connect(0, 1, ab);
    const Socket s_ac = w.connect(0, 2, ac);
    const Socket s_cb = w.connect(2, 1, cb);
    w.sim.run_until(Instant::from_ms(10));
    w.net->cut({w.id(0), w.id(1)}, Direction::one_way);
    w.send(s_ab, 1);  // a send into the broken connection before its end has noticed
    w.send(s_ac, 2);
    w.send(s_cb, 3);
    Log ab2, ba2;
    w.connect(0, 1, ab2);  // a -> b: the handshake cannot go out
    w.connect(1, 0, ba2);  // b -> a: it arrives, but the answer cannot come back
    w.sim.run_until(Instant::from_ms(1000));
    CHECK(ab.closes == std::vector<Disconnect>{Disconnect::timed_out});
    CHECK(ab2.closes == std::vector<Disconnect>{Disconnect::timed_out});
    CHECK(ba2.closes == std::vector<Disconnect>{Disconnect::timed_out});
    CHECK(w.accepted[0].seqs.empty());
    CHECK(w.accepted[2].seqs == std::vector<std::int64_t>{2});
    CHECK(w.accepted[1].seqs == std::vector<std::int64_t>{3});
    CHECK(ac.closes.empty());
    CHECK(cb.closes.empty());
    CHECK(w.net->stats().lost == 1);
}

TEST_CASE("both ends learn of a broken connection after the detection delay") {
    SUBCASE("by timeout") {
        NetworkOptions o;
        o.latency = {Duration::ms(5), Duration::ms(5)};
        o.notice_timeout = Duration::ms(250);
        World w(2, o);
        Log client;
        const Socket s = w.connect(0, 1, client);
        w.sim.run_until(Instant::from_ms(20));
        w.send(s, 0);
        w.sim.run_until(Instant::from_ms(22));
        w.net->cut({w.id(0), w.id(1)}, Direction::both_ways);  // the message is in flight
        w.sim.run_all();
        CHECK(w.accepted[1].seqs.empty());
        CHECK(w.net->stats().lost == 1);
        CHECK(client.closes == std::vector<Disconnect>{Disconnect::timed_out});
        CHECK(w.accepted[1].closes == std::vector<Disconnect>{Disconnect::timed_out});
        CHECK(client.close_times[0] == Instant::from_ms(272));
        CHECK(w.accepted[1].close_times[0] == Instant::from_ms(272));
        CHECK(w.net->send(s, Payload(Stamped{1, w.sim.now()})) == SendStatus::closed);
        CHECK(w.net->connection_count() == 0);
    }
    SUBCASE("by reset") {
        NetworkOptions o;
        o.latency = {Duration::ms(5), Duration::ms(9)};
        o.on_link_fault = BreakNotice::reset;
        World w(2, o);
        Log client;
        w.connect(0, 1, client);
        w.sim.run_until(Instant::from_ms(50));
        w.net->isolate(w.id(1));
        w.sim.run_all();
        CHECK(client.closes == std::vector<Disconnect>{Disconnect::reset});
        CHECK(w.accepted[1].closes == std::vector<Disconnect>{Disconnect::reset});
        CHECK(client.close_times[0] == Instant::from_ms(55));
    }
}

TEST_CASE("a clog delays messages and loses none") {
    NetworkOptions o;
    o.latency = {Duration::ms(1), Duration::ms(2)};
    World w(2, o);
    Log client;
    const Socket s = w.connect(0, 1, client);
    w.sim.run_until(Instant::from_ms(10));
    w.net->clog({w.id(0), w.id(1)}, Duration::ms(50), Direction::one_way);
    for (int i = 0; i < 100; ++i) w.sim.schedule_at(Instant::from_ms(10 + i), [&w, s, i] { w.send(s, i); });
    w.sim.run_until(Instant::from_ms(200));
    CHECK(w.accepted[1].seqs == iota(100));
    for (Duration d : w.accepted[1].delays) CHECK((d >= Duration::ms(51) && d <= Duration::ms(52)));
    CHECK(client.closes.empty());
    CHECK(w.net->stats().lost == 0);
    w.net->heal();
    w.send(s, 100);
    w.sim.run_all();
    CHECK(w.accepted[1].delays.back() <= Duration::ms(2));
}

TEST_CASE("a crashed peer resets its connections and a restarted one gets nothing old") {
    NetworkOptions o;
    o.latency = {Duration::ms(3), Duration::ms(3)};
    World w(2, o);
    Log client;
    const Socket s = w.connect(0, 1, client);
    w.sim.run_until(Instant::from_ms(10));
    w.send(s, 0);
    w.sim.run_until(Instant::from_ms(11));
    w.node(1).crash();
    w.sim.run_until(Instant::from_ms(12));
    w.node(1).start();
    w.listen(1);
    w.sim.run_all();
    CHECK(w.accepted[1].seqs.empty());
    CHECK(client.closes == std::vector<Disconnect>{Disconnect::reset});
    CHECK(client.close_times[0] == Instant::from_ms(14));
    CHECK(w.net->stats().lost == 1);
}

TEST_CASE("a connect is refused where nothing listens and times out at a machine without power") {
    NetworkOptions o;
    o.latency = {Duration::ms(2), Duration::ms(2)};
    o.notice_timeout = Duration::ms(100);
    World w(3, o);
    w.node(1).crash();
    w.node(2).power_loss();
    Log refused, dark;
    w.connect(0, 1, refused);
    w.connect(0, 2, dark);
    w.sim.run_all();
    CHECK(refused.closes == std::vector<Disconnect>{Disconnect::refused});
    CHECK(refused.close_times[0] == Instant::from_ms(4));
    CHECK(dark.closes == std::vector<Disconnect>{Disconnect::timed_out});
    CHECK(dark.close_times[0] == Instant::from_ms(102));
}

TEST_CASE("a paused node handles the messages that arrived meanwhile in order when it resumes") {
    World w(2);
    Log client;
    const Socket s = w.connect(0, 1, client);
    w.sim.run_until(Instant::from_ms(10));
    w.node(1).pause(Duration::ms(100));
    for (int i = 0; i < 20; ++i) w.sim.schedule_at(Instant::from_ms(20 + i), [&w, s, i] { w.send(s, i); });
    w.sim.run_until(Instant::from_ms(109));
    CHECK(w.accepted[1].seqs.empty());
    w.sim.run_until(Instant::from_ms(111));
    CHECK(w.accepted[1].seqs == iota(20));
    CHECK(w.accepted[1].delays.front() > Duration::ms(80));
}

TEST_CASE("messages queued behind a pause are dropped if their connection breaks meanwhile") {
    NetworkOptions o;
    o.notice_timeout = Duration::ms(30);
    World w(2, o);
    Log client;
    const Socket s = w.connect(0, 1, client);
    w.sim.run_until(Instant::from_ms(10));
    w.node(1).pause(Duration::ms(100));
    w.send(s, 0);
    w.send(s, 1);
    w.sim.run_until(Instant::from_ms(50));
    w.net->cut({w.id(0), w.id(1)}, Direction::both_ways);
    w.sim.run_all();
    CHECK(w.accepted[1].seqs.empty());
    CHECK(w.accepted[1].closes == std::vector<Disconnect>{Disconnect::timed_out});
    CHECK(w.accepted[1].close_times[0] == Instant::from_ms(110));
    CHECK(w.net->stats().lost == 2);
}

TEST_CASE("a graceful close delivers everything sent before it") {
    World w(2);
    Log client;
    const Socket s = w.connect(0, 1, client);
    for (int i = 0; i < 5; ++i) w.send(s, i);
    w.net->close(s);
    CHECK(w.net->send(s, Payload(Stamped{9, w.sim.now()})) == SendStatus::closed);
    w.sim.run_all();
    CHECK(w.accepted[1].seqs == iota(5));
    CHECK(w.accepted[1].closes == std::vector<Disconnect>{Disconnect::peer_closed});
    CHECK(client.closes.empty());  // a closed end hears nothing more
    CHECK(w.net->connection_count() == 0);
}

TEST_CASE("a payload is the message's own copy") {
    World w(2);
    std::vector<int> received;
    w.net->listen(w.id(1), [&](Socket, NodeId) {
        return SocketHandlers{{}, [&](Socket, Payload p) { received = std::move(p).take<std::vector<int>>(); }, {}};
    });
    Log client;
    const Socket s = w.connect(0, 1, client);
    std::vector<int> data{1, 2, 3};
    CHECK(w.net->send(s, Payload(data)) == SendStatus::ok);
    data[0] = 99;
    w.sim.run_all();
    CHECK(received == std::vector<int>{1, 2, 3});
}

}  // TEST_SUITE
