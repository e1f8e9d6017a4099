#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/disk/node_disk.h"
#include "engine/trace_sinks.h"

using namespace kafkasim::engine;

namespace {

Bytes bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }
std::string text(const Bytes& b) { return std::string(b.begin(), b.end()); }

// One started node with the standard disk stack; ops run to completion one at a time.
struct Machine {
    explicit Machine(std::uint64_t seed = 1, NodeDiskOptions o = {})
        : sim(seed), node(sim.add_node("m")), disk_stack((node.start(), node), o) {}

    DiskStatus run(DiskOp op) {
        std::optional<DiskStatus> status;
        disk().submit(std::move(op), [&](Result<Bytes> r) { status = r.status(); });
        while (!status && sim.step()) {
        }
        REQUIRE(status.has_value());
        return *status;
    }
    void restart_after(void (Node::*fault)()) {
        (node.*fault)();
        node.start();
    }
    std::string content(const std::string& name) {
        const Result<Bytes> r = disk().read_now(name);
        return r.ok() ? text(r.value()) : "<" + std::string(to_string(r.status())) + ">";
    }
    Disk& disk() { return disk_stack.disk(); }

    Simulation sim;
    Node& node;
    NodeDisk disk_stack;
};

void write_synced(Machine& m, const std::string& name, std::string_view data) {
    CHECK(m.run(CreateFile{name}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{name, bytes(data)}) == DiskStatus::ok);
    CHECK(m.run(SyncDisk{}) == DiskStatus::ok);
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("a process crash keeps every written byte whether synced or not") {
    Machine m;
    write_synced(m, "log", "synced|");
    CHECK(m.run(AppendFile{"log", bytes("unsynced")}) == DiskStatus::ok);
    CHECK(m.run(CreateFile{"fresh"}) == DiskStatus::ok);
    m.restart_after(&Node::crash);
    CHECK(m.content("log") == "synced|unsynced");
    CHECK(m.disk().list_now() == std::vector<std::string>{"fresh", "log"});
}

TEST_CASE("a power loss drops what was written since the last sync") {
    Machine m;
    write_synced(m, "log", "synced|");
    CHECK(m.run(AppendFile{"log", bytes("unsynced")}) == DiskStatus::ok);
    CHECK(m.run(CreateFile{"fresh"}) == DiskStatus::ok);
    CHECK(m.disk_stack.power().pending_ops() == 2);
    m.restart_after(&Node::power_loss);
    CHECK(m.content("log") == "synced|");
    CHECK(m.content("fresh") == "<not_found>");
    CHECK(m.disk_stack.power().pending_ops() == 0);
}

TEST_CASE("written data survives a power loss once writeback has passed") {
    for (const std::int64_t wait_ms : {29999, 30000}) {
        CAPTURE(wait_ms);
        Machine m;
        write_synced(m, "log", "a");
        const Instant written = m.sim.now();
        CHECK(m.run(AppendFile{"log", bytes("b")}) == DiskStatus::ok);
        m.sim.run_until(written + Duration::ms(wait_ms));
        m.restart_after(&Node::power_loss);
        CHECK(m.content("log") == (wait_ms >= 30000 ? "ab" : "a"));
    }
}

TEST_CASE("a rename is atomic across a power loss at any point of a checkpoint write") {
    // The checkpoint pattern: write a temporary file, sync it, rename it over the old one,
    // sync. Wherever the power goes, the checkpoint is whole, old or new.
    const std::vector<DiskOp> steps{CreateFile{"ckpt.tmp"}, AppendFile{"ckpt.tmp", bytes("new")}, SyncDisk{},
                                    RenameFile{"ckpt.tmp", "ckpt"}, SyncDisk{}};
    for (std::size_t done = 0; done <= steps.size(); ++done) {
        CAPTURE(done);
        NodeDiskOptions o;
        o.durability.torn_tail = TornTail::random;
        Machine m(done + 1, o);
        write_synced(m, "ckpt", "old");
        for (std::size_t i = 0; i < done; ++i) CHECK(m.run(steps[i]) == DiskStatus::ok);
        m.restart_after(&Node::power_loss);
        const std::string ckpt = m.content("ckpt");
        CHECK((ckpt == "old" || ckpt == "new"));
        if (done == steps.size()) {
            CHECK(m.content("ckpt") == "new");
            CHECK(m.content("ckpt.tmp") == "<not_found>");
        } else {
            CHECK(ckpt == "old");
        }
        if (done == 3 || done == 4) CHECK(m.content("ckpt.tmp") == "new");  // synced; the rename is not durable yet
    }
}

TEST_CASE("a file sync makes that file durable and every earlier metadata change but not other files' data") {
    Machine m;
    write_synced(m, "log", "a");
    write_synced(m, "other", "x");
    CHECK(m.run(AppendFile{"other", bytes("y")}) == DiskStatus::ok);   // another file's data: stays volatile
    CHECK(m.run(CreateFile{"ckpt.tmp"}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"ckpt.tmp", bytes("1")}) == DiskStatus::ok);
    CHECK(m.run(RenameFile{"ckpt.tmp", "ckpt"}) == DiskStatus::ok);    // metadata: the journal commits it, with its data
    CHECK(m.run(AppendFile{"log", bytes("b")}) == DiskStatus::ok);
    CHECK(m.run(SyncDisk{{"log"}}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"log", bytes("c")}) == DiskStatus::ok);     // after the sync
    m.restart_after(&Node::power_loss);
    CHECK(m.content("log") == "ab");
    CHECK(m.content("other") == "x");
    CHECK(m.content("ckpt") == "1");
    CHECK(m.content("ckpt.tmp") == "<not_found>");
}

// PowerLossDisk finds what a file sync covers through an index of pending operations by
// file: a wrong index shows as another file's appends kept, a synced one's lost, or a cut
// below what was synced.
TEST_CASE("file syncs of several files keep exactly the synced appends across a power loss - torn tails included") {
    const std::vector<std::string> names{"a", "b", "c", "d"};
    for (const TornTail torn : {TornTail::off, TornTail::random}) {
        for (std::uint64_t seed = 1; seed <= (torn == TornTail::off ? 1u : 12u); ++seed) {
            CAPTURE(seed);
            NodeDiskOptions o;
            o.durability.torn_tail = torn;
            Machine m(seed, o);
            std::map<std::string, std::string> written;
            std::map<std::string, std::size_t> synced;
            for (const std::string& f : names) {
                write_synced(m, f, f + "0|");
                written[f] = f + "0|";
                synced[f] = written[f].size();
            }
            const auto sync = [&](std::vector<std::string> files) {
                for (const std::string& f : files) synced[f] = written[f].size();
                CHECK(m.run(SyncDisk{std::move(files)}) == DiskStatus::ok);
            };
            for (int round = 1; round <= 6; ++round) {
                for (const std::string& f : names) {
                    const std::string data = f + std::to_string(round) + "|";
                    CHECK(m.run(AppendFile{f, bytes(data)}) == DiskStatus::ok);
                    written[f] += data;
                }
                if (round == 2) sync({"a"});
                if (round == 4) sync({"c", "d"});
                if (round == 5) sync({"a"});
            }
            m.restart_after(&Node::power_loss);
            for (const std::string& f : names) {
                CAPTURE(f);
                const std::string got = m.content(f);
                CHECK(got == written[f].substr(0, got.size()));
                if (torn == TornTail::off) CHECK(got.size() == synced[f]);
                else CHECK(got.size() >= synced[f]);
            }
        }
    }
}

TEST_CASE("a file sync keeps another file's appends only up to its last metadata change") {
    Machine m;
    write_synced(m, "t", "0|");
    write_synced(m, "x", "0|");
    CHECK(m.run(AppendFile{"t", bytes("1|")}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"x", bytes("1|")}) == DiskStatus::ok);
    CHECK(m.run(TruncateFile{"t", 4}) == DiskStatus::ok);        // metadata: durable with t's appends before it
    CHECK(m.run(AppendFile{"t", bytes("2|")}) == DiskStatus::ok);  // after it: stays volatile
    CHECK(m.run(CreateFile{"u"}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"x", bytes("2|")}) == DiskStatus::ok);
    CHECK(m.run(SyncDisk{{"x"}}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"x", bytes("3|")}) == DiskStatus::ok);
    CHECK(m.disk_stack.power().pending_ops() == 2);
    m.restart_after(&Node::power_loss);
    CHECK(m.content("t") == "0|1|");
    CHECK(m.content("x") == "0|1|2|");
    CHECK(m.content("u").empty());
}

TEST_CASE("a delete or truncate not yet durable comes back after a power loss") {
    Machine m;
    write_synced(m, "a", "12345");
    write_synced(m, "b", "xyz");
    CHECK(m.run(RemoveFile{"a"}) == DiskStatus::ok);
    CHECK(m.run(TruncateFile{"b", 1}) == DiskStatus::ok);
    CHECK(m.content("a") == "<not_found>");
    CHECK(m.content("b") == "x");
    m.restart_after(&Node::power_loss);
    CHECK(m.content("a") == "12345");
    CHECK(m.content("b") == "xyz");
    CHECK(m.run(RemoveFile{"a"}) == DiskStatus::ok);
    CHECK(m.run(TruncateFile{"b", 1}) == DiskStatus::ok);
    CHECK(m.run(SyncDisk{}) == DiskStatus::ok);
    m.restart_after(&Node::power_loss);
    CHECK(m.content("a") == "<not_found>");
    CHECK(m.content("b") == "x");
}

TEST_CASE("a torn tail keeps a random prefix of the unsynced appends") {
    const std::string durable(100, 'd');
    std::string tail;
    for (int i = 0; i < 1000; ++i) tail.push_back(static_cast<char>('a' + i % 26));
    std::set<std::size_t> sizes;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        NodeDiskOptions o;
        o.durability.torn_tail = TornTail::random;
        Machine m(seed, o);
        write_synced(m, "log", durable);
        write_synced(m, "other", "o");
        CHECK(m.run(AppendFile{"log", bytes(tail.substr(0, 400))}) == DiskStatus::ok);
        CHECK(m.run(AppendFile{"log", bytes(tail.substr(400))}) == DiskStatus::ok);
        CHECK(m.run(AppendFile{"other", bytes("pp")}) == DiskStatus::ok);
        CHECK(m.run(TruncateFile{"other", 1}) == DiskStatus::ok);  // not only appends: no tearing
        m.restart_after(&Node::power_loss);
        const std::string got = m.content("log");
        REQUIRE(got.size() >= 100);
        REQUIRE(got.size() <= 1100);
        CHECK(got == (durable + tail).substr(0, got.size()));
        CHECK(m.content("other") == "o");
        sizes.insert(got.size());
    }
    CHECK(sizes.size() > 10);
}

TEST_CASE("a full disk refuses an append with an error value and writes nothing") {
    Machine m;
    auto sink = std::make_shared<MemoryTraceSink>();
    m.sim.trace().add_sink(sink);
    m.disk_stack.capacity().set_capacity(150);
    CHECK(m.run(CreateFile{"log"}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"log", Bytes(100, 1)}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"log", Bytes(51, 2)}) == DiskStatus::disk_full);
    CHECK(m.disk().used_bytes() == 100);
    CHECK(m.run(AppendFile{"log", Bytes(50, 3)}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"missing", Bytes(500, 3)}) == DiskStatus::not_found);
    CHECK(m.run(CreateFile{"empty"}) == DiskStatus::ok);
    m.disk_stack.capacity().set_capacity(CapacityDisk::unlimited);
    CHECK(m.run(AppendFile{"log", Bytes(51, 2)}) == DiskStatus::ok);
    CHECK(m.disk().used_bytes() == 201);
    int full = 0;
    for (const auto& r : sink->records()) full += r.kind == "disk.full";
    CHECK(full == 2);
}

TEST_CASE("a slow disk completes each operation factor times later and in order") {
    NodeDiskOptions o;
    o.latency.sync = {Duration::ms(2), Duration::ms(2)};
    o.latency.write = {Duration::us(100), Duration::us(100)};
    Machine m(1, o);
    CHECK(m.run(CreateFile{"f"}) == DiskStatus::ok);
    auto timed = [&m](DiskOp op) {
        const Instant t0 = m.sim.now();
        CHECK(m.run(std::move(op)) == DiskStatus::ok);
        return m.sim.now() - t0;
    };
    CHECK(timed(SyncDisk{}) == Duration::ms(2));
    m.disk_stack.slow().set_factor(4);
    CHECK(timed(SyncDisk{}) == Duration::ms(8));
    CHECK(timed(AppendFile{"f", bytes("x")}) == Duration::us(400));
    std::vector<int> order;
    for (int i = 0; i < 6; ++i) {
        if (i == 3) m.disk_stack.slow().set_factor(1);  // later ops must still wait their turn
        DiskOp op = i % 2 ? DiskOp{SyncDisk{}} : DiskOp{AppendFile{"f", bytes("y")}};
        m.disk().submit(std::move(op), [&order, i](Result<Bytes>) { order.push_back(i); });
    }
    m.sim.run_all();
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5});
    CHECK(timed(SyncDisk{}) == Duration::ms(2));
}

TEST_CASE("disk completions run in submission order on the node and die with its process") {
    NodeDiskOptions o;
    o.latency.write = {Duration::us(10), Duration::ms(5)};
    Machine m(3, o);
    CHECK(m.run(CreateFile{"f"}) == DiskStatus::ok);
    std::vector<int> order;
    for (int i = 0; i < 50; ++i)
        m.disk().append("f", Bytes(1, 7), [&order, i](DiskStatus s) {
            CHECK(s == DiskStatus::ok);
            order.push_back(i);
        });
    m.sim.run_all();
    REQUIRE(order.size() == 50);
    for (int i = 0; i < 50; ++i) CHECK(order[static_cast<std::size_t>(i)] == i);

    bool ran = false;
    m.disk().sync([&ran](DiskStatus) { ran = true; });
    m.restart_after(&Node::crash);
    m.sim.run_all();
    CHECK_FALSE(ran);

    m.node.pause(Duration::ms(50));
    const Instant paused_at = m.sim.now();
    std::optional<Instant> completed;
    m.disk().read(ReadFile{"f", 10, 5}, [&](Result<Bytes> r) {
        CHECK(r.value() == Bytes(5, 7));
        completed = m.sim.now();
    });
    m.sim.run_all();
    REQUIRE(completed.has_value());
    CHECK(*completed == paused_at + Duration::ms(50));
}

TEST_CASE("a restarted process rebuilds itself from its own files") {
    struct Recovering : Process {
        Recovering(Disk& disk, std::vector<std::string>& seen) {
            for (const std::string& name : disk.list_now()) seen.push_back(name + "=" + text(disk.read_now(name).value()));
            disk.create("boot", {});
            disk.append("boot", bytes("+"), {});
        }
    };
    Simulation sim(1);
    Node& node = sim.add_node("m");
    NodeDisk stack(node);
    std::vector<std::string> seen;
    node.set_process_factory([&](Node&) { return std::make_unique<Recovering>(stack.disk(), seen); });
    node.start();
    sim.run_all();
    CHECK(seen.empty());
    node.crash();
    node.start();
    sim.run_all();
    CHECK(seen == std::vector<std::string>{"boot=+"});
    node.power_loss();  // the second boot's append was never synced, nor the first's
    seen.clear();
    node.start();
    CHECK(seen.empty());
}

TEST_CASE("reads truncates and renames report errors as values") {
    Machine m;
    write_synced(m, "f", "abc");
    CHECK(m.run(ReadFile{"nope"}) == DiskStatus::not_found);
    CHECK(m.run(ReadFile{"f", 4, 1}) == DiskStatus::out_of_range);
    CHECK(m.run(TruncateFile{"f", 9}) == DiskStatus::out_of_range);
    CHECK(m.run(CreateFile{"f"}) == DiskStatus::already_exists);
    CHECK(m.run(RenameFile{"nope", "f"}) == DiskStatus::not_found);
    CHECK(m.run(RemoveFile{"nope"}) == DiskStatus::not_found);
    CHECK(m.content("f") == "abc");
}

TEST_CASE("a block read within one append shares its bytes - and across two copies them") {
    Machine m;
    write_synced(m, "f", "abc");
    CHECK(m.run(AppendFile{"f", bytes("defg")}) == DiskStatus::ok);
    const auto block = [&](std::uint64_t offset, std::uint64_t length) {
        const Result<Block> r = m.disk().read_block_now(ReadFile{"f", offset, length});
        REQUIRE(r.ok());
        return r.value();
    };
    const auto text_of = [](const Block& b) { return std::string(b.span().begin(), b.span().end()); };
    const Block whole = block(3, 4);
    const Block part = block(4, 2);
    CHECK(text_of(whole) == "defg");
    CHECK(text_of(part) == "ef");
    CHECK(part.span().data() == whole.span().data() + 1);  // a view of the append's block
    const Block spanning = block(2, 3);
    CHECK(text_of(spanning) == "cde");
    CHECK(spanning.span().data() != whole.span().data() - 1);  // copied out of two blocks
    CHECK(block(7, 5).empty());
    CHECK(m.disk().read_block_now(ReadFile{"f", 8, 1}).status() == DiskStatus::out_of_range);
    CHECK(m.disk().read_block_now(ReadFile{"g", 0, 1}).status() == DiskStatus::not_found);
    // Truncating and appending again leaves a view taken before unchanged.
    CHECK(m.run(TruncateFile{"f", 4}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"f", bytes("XYZ")}) == DiskStatus::ok);
    CHECK(text_of(whole) == "defg");
    CHECK(m.content("f") == "abcdXYZ");
}

TEST_CASE("a range read spans appends - and a truncation or a power loss cuts inside one") {
    Machine m;
    write_synced(m, "f", "abc");
    CHECK(m.run(AppendFile{"f", bytes("defg")}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"f", bytes("hij")}) == DiskStatus::ok);
    const auto range = [&](std::uint64_t offset, std::uint64_t length) {
        const Result<Bytes> r = m.disk().read_range_now(ReadFile{"f", offset, length});
        return r.ok() ? text(r.value()) : "<" + std::string(to_string(r.status())) + ">";
    };
    CHECK(range(2, 6) == "cdefgh");
    CHECK(range(8, 100) == "ij");
    CHECK(range(10, 5).empty());
    CHECK(range(11, 1) == "<out_of_range>");
    CHECK(m.run(TruncateFile{"f", 5}) == DiskStatus::ok);
    CHECK(m.run(AppendFile{"f", bytes("XY")}) == DiskStatus::ok);
    CHECK(m.content("f") == "abcdeXY");
    m.restart_after(&Node::power_loss);
    CHECK(m.content("f") == "abc");  // the truncation and what followed were not durable
}

}  // TEST_SUITE
