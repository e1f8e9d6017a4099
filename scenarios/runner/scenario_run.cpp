#include "scenarios/runner/scenario_run.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "scenarios/runner/refused_topics.h"
#include "sim/apps/admin_client.h"
#include "sim/apps/load_producer.h"
#include "sim/check/committed_offset_regressions.h"
#include "sim/check/consumer_skips.h"
#include "sim/check/divergent_replicas.h"
#include "sim/check/duplicates_in_log.h"
#include "sim/check/evidence.h"
#include "sim/check/exclusivity_violations.h"
#include "sim/check/key_reordered.h"
#include "sim/check/lost_acked.h"
#include "sim/check/redeliveries.h"
#include "sim/check/reordered.h"
#include "sim/check/send_reordered.h"
#include "sim/check/unconsumed.h"
#include "sim/cluster/cluster.h"
#include "sim/consumer/consumer.h"
#include "sim/coordinator/offsets_topic.h"
#include "scenarios/loader/expectation.h"

namespace kafkasim::scenarios {

const std::vector<std::string>& checker_names() {
    static const std::vector<std::string> names{"lost_acked",    "divergent_replicas", "duplicates_in_log",
                                                "send_reordered", "redeliveries",      "consumer_skips",
                                                "reordered",      "key_reordered",     "exclusivity_violations",
                                                "committed_offset_regressions", "unconsumed"};
    return names;
}

bool RunResult::all_ok() const {
    return errors.empty() && std::all_of(expectations.begin(), expectations.end(),
                       [](const ExpectationResult& e) { return e.ok.value_or(true); });
}

namespace {

std::string format_number(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<std::int64_t>(v));
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
}

bool compare(double a, Comparison op, double b) {
    switch (op) {
        case Comparison::eq: return a == b;
        case Comparison::ne: return a != b;
        case Comparison::lt: return a < b;
        case Comparison::le: return a <= b;
        case Comparison::gt: return a > b;
        case Comparison::ge: return a >= b;
    }
    return false;
}

}  // namespace

class Runner {
public:
    Runner(const ScenarioSpec& spec, const RunOptions& options) : spec_(spec), options_(options) {
        leaderless_ = std::make_shared<LeaderlessClock>();
        unavailable_ = std::make_shared<UnavailableClock>();
        cluster::ClusterOptions co;
        co.seed = options.seed.value_or(spec.seed);
        co.brokers = spec.cluster.brokers;
        co.network = spec.cluster.network;
        co.network.wire_observer = options.wire_observer;
        co.disk = spec.cluster.disk;
        co.controller = spec.cluster.controller;
        co.broker = spec.cluster.broker;
        co.replication_truncation = spec.cluster.replication_truncation;
        co.trace_sinks = options.trace_sinks;
        co.trace_sinks.push_back(leaderless_);
        co.trace_sinks.push_back(unavailable_);
        co.trace_sinks.push_back(std::make_shared<RefusedTopics>(spec, result_.errors));
        cluster_ = std::make_unique<cluster::Cluster>(std::move(co));
        result_.scenario = spec.name;
        result_.seed = options.seed.value_or(spec.seed);
        end_ = engine::Instant{} + spec.duration + options.settle;
        stop_ = options.until ? std::min(engine::Instant{} + *options.until, end_) : end_;
        start_clients();
        schedule_director();
    }

    bool step() {
        engine::Simulation& sim = cluster_->sim();
        const auto next = sim.next_event_time();
        if (!next || *next > stop_) {
            if (sim.now() < stop_) sim.run_until(stop_);
            return false;
        }
        sim.step();
        return true;
    }

    std::optional<engine::Instant> next_time() {
        const auto next = cluster_->sim().next_event_time();
        if (!next || *next > stop_) return std::nullopt;
        return next;
    }

    void run_to_end() {
        engine::Simulation& sim = cluster_->sim();
        // In steps of a simulated second, for the progress callback; no event is added for it.
        for (engine::Instant next = sim.now(); next < stop_;) {
            next = std::min(next + engine::Duration::s(1), stop_);
            sim.run_until(next);
            if (options_.on_progress) options_.on_progress(sim.now(), stop_);
        }
    }

    RunResult finish() {
        SIM_ASSERT(!finished_, "a run is finished once");
        finished_ = true;
        finish(stop_ == end_);
        return std::move(result_);
    }

    engine::Instant stop() const { return stop_; }
    cluster::Cluster& cluster() { return *cluster_; }
    const check::History& history() const { return history_; }
    const std::map<std::string, engine::Node*>& clients() const { return clients_; }
    const std::map<std::size_t, ExpectationResult>& judged() const { return timed_; }

private:
    engine::Node* node_named(const std::string& name) {
        if (name == "controller") return &cluster_->controller_node();
        if (name.starts_with("broker-")) {
            const BrokerId id{std::stoi(name.substr(7))};
            const auto ids = cluster_->broker_ids();
            return std::find(ids.begin(), ids.end(), id) != ids.end() ? &cluster_->broker_node(id) : nullptr;
        }
        const auto it = clients_.find(name);
        return it == clients_.end() ? nullptr : it->second;
    }

    // The node `ref` names now; nullptr if its role has nobody (a partition without a leader).
    engine::Node* resolve(const NodeRef& ref) {
        if (ref.kind == NodeRef::Kind::name) return node_named(ref.name);
        if (ref.kind == NodeRef::Kind::controller) return &cluster_->controller_node();
        const controller::Controller* c = cluster_->controller();
        // A group's coordinator is the leader of its __consumer_offsets partition.
        const TopicPartition tp =
            ref.kind == NodeRef::Kind::coordinator_of
                ? TopicPartition{std::string(coordinator::offsets_topic),
                                 coordinator::partition_for(ref.name, spec_.cluster.broker.offsets_topic_num_partitions)}
                : ref.partition;
        const metadata::PartitionRegistration* p = c != nullptr ? c->image().partition(tp) : nullptr;
        if (p == nullptr) return nullptr;
        if (ref.kind == NodeRef::Kind::leader_of || ref.kind == NodeRef::Kind::coordinator_of)
            return p->has_leader() ? &cluster_->broker_node(p->leader) : nullptr;
        if (ref.kind == NodeRef::Kind::follower_of)
            for (BrokerId b : p->replicas)
                if (b != p->leader) return &cluster_->broker_node(b);
        return nullptr;
    }

    void start_clients() {
        const std::vector<engine::NodeId> brokers = cluster_->broker_nodes();
        const engine::NodeId controller = cluster_->controller_node().id();
        const std::int32_t expected = spec_.cluster.brokers;
        admin_ = &cluster_->add_client("admin", [this, brokers, controller, expected](engine::Node& n) {
            return std::make_unique<apps::AdminClient>(n, cluster_->network(), brokers, controller, expected);
        });
        for (const TopicSpec& t : spec_.topics)
            admin().submit(CreateTopicsRequest{t.name, t.partitions, t.replication_factor, t.replica_assignment, t.configs});
        for (const ProducerSpec& p : spec_.producers) {
            producer::ProducerConfig config = p.config;
            config.bootstrap = brokers;
            apps::LoadOptions load{p.topic, p.rate_per_s, p.start, p.stop, p.max_records, p.keys.keys,
                                   p.keys.kind == KeySpec::Kind::random, p.fields};
            clients_[p.name] = &cluster_->add_client(p.name, [this, config, load](engine::Node& n) {
                return std::make_unique<apps::LoadProducer>(n, cluster_->network(), config, load, &history_);
            });
        }
        for (const GroupSpec& g : spec_.groups)
            for (const MemberSpec& m : g.members) {
                if (m.join == engine::Duration::zero()) add_member(m);
                else cluster_->sim().schedule_at(engine::Instant{} + m.join, [this, &m] { add_member(m); });
                if (m.leave) cluster_->sim().schedule_at(engine::Instant{} + *m.leave, [this, &m] { leave(m); });
            }
    }

    // A member's node exists from its join_ms: before that, nothing of it is in the run.
    void add_member(const MemberSpec& m) {
        consumer::ConsumerConfig config = m.config;
        config.bootstrap = cluster_->broker_nodes();
        const consumer::ConsumerWorkload workload = m.workload;
        clients_[m.name] = &cluster_->add_client(m.name, [this, config, workload](engine::Node& n) {
            return std::make_unique<consumer::Consumer>(n, cluster_->network(), config, workload, &history_);
        });
    }

    void leave(const MemberSpec& m) {
        engine::Node* node = node_named(m.name);
        record_fault("leave", m.name);
        if (node != nullptr && node->is_up())
            if (auto* c = dynamic_cast<consumer::Consumer*>(node->process())) c->close();
    }

    apps::AdminClient& admin() { return *dynamic_cast<apps::AdminClient*>(admin_->process()); }

    void schedule_director() {
        engine::Simulation& sim = cluster_->sim();
        for (const FaultSpec& f : spec_.faults)
            sim.schedule_at(engine::Instant{} + f.at, [this, &f] { apply(f); });
        for (const Caption& c : spec_.narration)
            sim.schedule_at(engine::Instant{} + c.at, [this, &c] {
                if (options_.on_caption) options_.on_caption(c);
            });
        for (std::size_t i = 0; i < spec_.expectations.size(); ++i)
            if (spec_.expectations[i].at)
                sim.schedule_at(engine::Instant{} + *spec_.expectations[i].at, [this, i] { judge_now(i); });
        sim.schedule_at(engine::Instant{} + spec_.duration, [this] { drain(); });
    }

    void warn(const std::string& what) {
        result_.warnings.push_back("at " + std::to_string(cluster_->sim().now().ms()) + " ms: " + what);
    }

    void record_fault(std::string_view action, const std::string& target) {
        const engine::TraceField fields[] = {{"action", action}, {"target", target}};
        cluster_->sim().trace().record(cluster_->sim().now(), engine::NodeId::none(), "scenario.fault", fields);
    }

    void on_node(const NodeRef& ref, std::string_view action, const std::function<void(engine::Node&)>& f) {
        engine::Node* node = resolve(ref);
        record_fault(action, node != nullptr ? node->name() : "-");
        if (node != nullptr) f(*node);
    }

    engine::NodeId id_of(const NodeRef& ref) {
        engine::Node* n = resolve(ref);
        return n != nullptr ? n->id() : engine::NodeId::none();
    }

    void apply(const FaultSpec& f) {
        engine::FaultInjector& faults = cluster_->faults();
        std::visit(
            [&](const auto& a) {
                using A = std::decay_t<decltype(a)>;
                if constexpr (std::is_same_v<A, CrashAction>) {
                    on_node(a.node, "crash", [](engine::Node& n) {
                        if (n.is_up()) n.crash();
                    });
                } else if constexpr (std::is_same_v<A, RestartAction>) {
                    on_node(a.node, "restart", [](engine::Node& n) {
                        if (!n.is_up()) n.start();
                    });
                } else if constexpr (std::is_same_v<A, PowerLossAction>) {
                    engine::PowerLossFault fault;
                    fault.torn_tail = a.torn_tail ? engine::TornTail::random : engine::TornTail::off;
                    std::string names;
                    for (const NodeRef& r : a.nodes) {
                        engine::Node* n = resolve(r);
                        if (n == nullptr || !n->is_up()) continue;
                        fault.nodes.push_back(n->id());
                        names += (names.empty() ? "" : ",") + n->name();
                    }
                    record_fault("power_loss", names.empty() ? "-" : names);
                    if (!fault.nodes.empty()) faults.inject(fault);
                } else if constexpr (std::is_same_v<A, PauseAction>) {
                    on_node(a.node, "pause", [&](engine::Node& n) { faults.inject(engine::PauseFault{n.id(), a.length}); });
                } else if constexpr (std::is_same_v<A, IsolateAction>) {
                    on_node(a.node, "isolate", [&](engine::Node& n) { faults.inject(engine::IsolateFault{n.id()}); });
                } else if constexpr (std::is_same_v<A, PartitionAction>) {
                    engine::PartitionFault fault;
                    std::set<engine::NodeId> listed;
                    for (const auto& group : a.groups) {
                        fault.groups.emplace_back();
                        for (const NodeRef& r : group) {
                            const engine::Node* n = resolve(r);
                            if (n == nullptr) continue;
                            // Roles can resolve to one node in two groups: no cut can do that.
                            if (!listed.insert(n->id()).second) {
                                record_fault("partition", "refused");
                                warn("partition refused: " + n->name() + " is in two of its groups when it fires");
                                return;
                            }
                            fault.groups.back().push_back(n->id());
                        }
                    }
                    record_fault("partition", std::to_string(fault.groups.size()) + " groups");
                    faults.inject(fault);
                } else if constexpr (std::is_same_v<A, CutAction>) {
                    const auto from = id_of(a.from);
                    const auto to = id_of(a.to);
                    record_fault("cut", from.is_none() || to.is_none() ? "-" : "link");
                    if (!from.is_none() && !to.is_none())
                        faults.inject(engine::CutFault{engine::LinkId{from, to},
                                                       a.both_ways ? engine::Direction::both_ways : engine::Direction::one_way});
                } else if constexpr (std::is_same_v<A, ClogAction>) {
                    const auto from = id_of(a.from);
                    const auto to = id_of(a.to);
                    record_fault("clog", from.is_none() || to.is_none() ? "-" : "link");
                    if (!from.is_none() && !to.is_none())
                        faults.inject(engine::ClogFault{engine::LinkId{from, to}, a.extra,
                                                        a.both_ways ? engine::Direction::both_ways : engine::Direction::one_way});
                } else if constexpr (std::is_same_v<A, HealAction>) {
                    record_fault("heal", "-");
                    faults.inject(engine::HealFault{});
                } else if constexpr (std::is_same_v<A, SlowDiskAction>) {
                    on_node(a.node, "slow_disk", [&](engine::Node& n) { faults.inject(engine::SlowDiskFault{n.id(), a.factor}); });
                } else if constexpr (std::is_same_v<A, AddBrokerAction>) {
                    for (std::int32_t i = 0; i < a.count; ++i) {
                        const BrokerId id = cluster_->add_broker();
                        record_fault("add_broker", "broker-" + std::to_string(id.value));
                    }
                } else if constexpr (std::is_same_v<A, AddPartitionsAction>) {
                    record_fault("add_partitions", a.topic);
                    admin().submit(CreatePartitionsRequest{a.topic, a.count, {}});
                } else if constexpr (std::is_same_v<A, ReassignAction>) {
                    record_fault("reassign", a.partition.str());
                    admin().submit(AlterPartitionReassignmentsRequest{{{a.partition, a.replicas}}});
                } else if constexpr (std::is_same_v<A, ElectLeadersAction>) {
                    record_fault("elect_leaders", a.type == ElectionType::preferred ? "preferred" : "unclean");
                    admin().submit(ElectLeadersRequest{a.type, a.partitions});
                }
            },
            f.action);
    }

    // The run's end: producers stop, the network and disks heal, stopped servers come back.
    void drain() {
        record_fault("drain", "-");
        for (const auto& [name, node] : clients_)
            if (auto* p = dynamic_cast<apps::LoadProducer*>(node->process())) p->stop_sending();
        cluster_->faults().inject(engine::HealFault{});
        std::vector<engine::Node*> servers{&cluster_->controller_node()};
        for (BrokerId b : cluster_->broker_ids()) servers.push_back(&cluster_->broker_node(b));
        for (engine::Node* n : servers) {
            cluster_->faults().inject(engine::SlowDiskFault{n->id(), 1});
            if (!n->is_up()) n->start();
        }
    }

    std::map<std::string, check::CheckResult> run_checkers(const check::Evidence& evidence) {
        std::vector<check::Subscription> subscriptions;
        for (const GroupSpec& g : spec_.groups) subscriptions.push_back({g.group, g.topics});
        std::map<std::string, check::CheckResult> found{
            {"lost_acked", check::check_lost_acked(evidence)},
            {"divergent_replicas", check::check_divergent_replicas(evidence.replicas)},
            {"duplicates_in_log", check::check_duplicates_in_log(evidence)},
            {"send_reordered", check::check_send_reordered(evidence)},
            {"redeliveries", check::check_redeliveries(evidence)},
            {"consumer_skips", check::check_consumer_skips(evidence)},
            {"reordered", check::check_reordered(history_)},
            {"key_reordered", check::check_key_reordered(evidence)},
            {"exclusivity_violations", check::check_exclusivity_violations(history_)},
            {"committed_offset_regressions", check::check_committed_offset_regressions(evidence)},
            {"unconsumed", check::check_unconsumed(evidence, subscriptions)},
        };
        result_.checks.clear();
        for (const std::string& name : checker_names()) {
            const check::CheckResult& r = found[name];
            result_.checks[name] = CheckSummary{r.count, r.examples, r.parts};
        }
        return found;
    }

    ExpectationResult judge(const ExpectationSpec& e, const Metrics& metrics) {
        ExpectationResult r{e.name, std::nullopt, {}, e.safety};
        const auto side = [&metrics](const Operand& o) -> std::optional<double> {
            if (const auto* v = std::get_if<double>(&o)) return *v;
            return evaluate(std::get<MetricRef>(o), metrics);
        };
        const auto left = side(e.left);
        const auto right = side(e.right);
        if (!left || !right) {
            r.ok = false;
            r.detail = e.text + ": no samples to aggregate";
            return r;
        }
        r.ok = compare(*left, e.op, *right);
        r.detail = e.text + ": " + format_number(*left) + " " + std::string(to_string(e.op)) + " " + format_number(*right);
        return r;
    }

    void judge_now(std::size_t i) {
        // The logs as views of their bytes, indexed with the history once for the checkers and
        // the metrics.
        const check::ReplicaViews replicas = check::read_replicas(*cluster_);
        const check::Evidence evidence(history_, replicas);
        const auto checks = run_checkers(evidence);
        const auto groups = describe_groups(*cluster_, spec_.groups, spec_.cluster.broker.offsets_topic_num_partitions);
        const Metrics metrics = collect_metrics(evidence, *leaderless_, *unavailable_, *cluster_, checks, groups, cluster_->sim().now());
        timed_[i] = judge(spec_.expectations[i], metrics);
    }

    void collect_topics() {
        const controller::Controller* c = cluster_->controller();
        if (c == nullptr) return;
        const auto ids = [](const std::vector<BrokerId>& v) {
            std::vector<std::int32_t> out;
            for (BrokerId b : v) out.push_back(b.value);
            return out;
        };
        for (const auto& [name, topic] : c->image().topics()) {
            TopicState t{name, {}};
            for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
                const metadata::PartitionRegistration& p = topic.partitions[i];
                PartitionState s{static_cast<std::int32_t>(i), p.leader.value, ids(p.replicas), ids(p.isr), -1, -1};
                const broker::Broker* leader = p.has_leader() ? cluster_->broker(p.leader) : nullptr;
                const broker::Partition* replica =
                    leader != nullptr ? leader->replicas().partition(TopicPartition{name, static_cast<std::int32_t>(i)}) : nullptr;
                if (replica != nullptr) {
                    s.log_end_offset = replica->log().log_end_offset().value;
                    s.high_watermark = replica->high_watermark().value;
                }
                t.partitions.push_back(std::move(s));
            }
            result_.topics.push_back(std::move(t));
        }
    }

    void finish(bool reached_end) {
        engine::Simulation& sim = cluster_->sim();
        const check::ReplicaViews replicas = check::read_replicas(*cluster_);
        const check::Evidence evidence(history_, replicas);
        const auto checks = run_checkers(evidence);
        result_.groups = describe_groups(*cluster_, spec_.groups, spec_.cluster.broker.offsets_topic_num_partitions);
        result_.metrics = collect_metrics(evidence, *leaderless_, *unavailable_, *cluster_, checks, result_.groups, sim.now());
        for (std::size_t i = 0; i < spec_.expectations.size(); ++i) {
            const ExpectationSpec& e = spec_.expectations[i];
            if (e.at) {
                const auto it = timed_.find(i);
                result_.expectations.push_back(it != timed_.end() ? it->second
                                                                  : ExpectationResult{e.name, std::nullopt, "not reached", e.safety});
            } else if (reached_end) {
                result_.expectations.push_back(judge(e, result_.metrics));
            } else {
                result_.expectations.push_back(ExpectationResult{e.name, std::nullopt, "not reached", e.safety});
            }
        }
        collect_topics();
        result_.trace_hash = sim.trace().hash();
        result_.events = sim.events_processed();
        result_.sim_time_ms = sim.now().ms();
    }

    const ScenarioSpec& spec_;
    const RunOptions& options_;
    std::shared_ptr<LeaderlessClock> leaderless_;
    std::shared_ptr<UnavailableClock> unavailable_;
    check::History history_;  // before the cluster: producers write into it until they are destroyed
    std::unique_ptr<cluster::Cluster> cluster_;
    engine::Node* admin_ = nullptr;
    std::map<std::string, engine::Node*> clients_;
    std::map<std::size_t, ExpectationResult> timed_;
    RunResult result_;
    engine::Instant end_;
    engine::Instant stop_;
    bool finished_ = false;
};

ScenarioRun::ScenarioRun(const ScenarioSpec& spec, const RunOptions& options)
    : runner_(std::make_unique<Runner>(spec, options)) {}
ScenarioRun::~ScenarioRun() = default;
bool ScenarioRun::step() { return runner_->step(); }
std::optional<engine::Instant> ScenarioRun::next_time() { return runner_->next_time(); }
void ScenarioRun::run_to_end() { runner_->run_to_end(); }
RunResult ScenarioRun::finish() { return runner_->finish(); }
engine::Instant ScenarioRun::now() const { return runner_->cluster().sim().now(); }
engine::Instant ScenarioRun::end() const { return runner_->stop(); }
std::uint64_t ScenarioRun::events() const { return runner_->cluster().sim().events_processed(); }
std::uint64_t ScenarioRun::trace_hash() const { return runner_->cluster().sim().trace().hash(); }
cluster::Cluster& ScenarioRun::cluster() { return runner_->cluster(); }
const check::History& ScenarioRun::history() const { return runner_->history(); }
const std::map<std::string, engine::Node*>& ScenarioRun::clients() const { return runner_->clients(); }
const std::map<std::size_t, ExpectationResult>& ScenarioRun::judged() const { return runner_->judged(); }

RunResult run_scenario(const ScenarioSpec& spec, const RunOptions& options) {
    ScenarioRun run(spec, options);
    run.run_to_end();
    return run.finish();
}

}  // namespace kafkasim::scenarios
