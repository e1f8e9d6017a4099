#include "tests/sim/log/epoch_vectors.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace kafkasim::log::test {

namespace {

using Json = nlohmann::ordered_json;

EpochEntry entry_from(const Json& pair) {
    if (!pair.is_array() || pair.size() != 2) throw std::runtime_error("an epoch entry is [epoch, offset]");
    return {LeaderEpoch{pair[0].get<std::int32_t>()}, Offset{pair[1].get<std::int64_t>()}};
}

}  // namespace

std::vector<EpochVector> load_leader_epoch_vectors() {
    const std::string path = std::string(KAFKASIM_TEST_DATA_DIR) + "/kafka-vectors-leader-epoch.json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    const Json file = Json::parse(in);
    std::vector<EpochVector> out;
    for (const Json& c : file.at("leader_epoch_end_offset").at("cases")) {
        EpochVector v;
        v.id = c.at("id").get<std::string>();
        v.kafka_test = c.at("source").at("test").get<std::string>();
        for (const Json& a : c.at("assign")) v.assign.push_back(entry_from(a));
        for (const Json& q : c.at("queries")) {
            const EpochEntry expected = entry_from(q.at("expected"));
            v.queries.push_back({LeaderEpoch{q.at("epoch").get<std::int32_t>()},
                                 Offset{q.at("log_end_offset").get<std::int64_t>()},
                                 {expected.epoch, expected.start_offset}});
        }
        if (c.contains("expected_entries")) {
            v.expected_entries.emplace();
            for (const Json& e : c["expected_entries"]) v.expected_entries->push_back(entry_from(e));
        }
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace kafkasim::log::test
