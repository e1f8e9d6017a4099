// KafkaProducer's configuration checks, and a producer built with a bad configuration.
#include <doctest/doctest.h>

#include "sim/producer/producer_config.h"
#include "tests/sim/producer/producer_world.h"

using namespace kafkasim;
using namespace kafkasim::producer;

namespace {

ProducerConfig base() {
    ProducerConfig c;
    c.bootstrap = {engine::NodeId{1}};
    return c;
}

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("the defaults run idempotent with acks all") {
    const ConfigCheck c = check_config(base());
    CHECK_FALSE(c.error.has_value());
    CHECK(c.idempotence == IdempotenceMode::on);
}

TEST_CASE("acks 1 with enable.idempotence unset turns idempotence off silently") {
    ProducerConfig c = base();
    c.acks = 1;
    CHECK_FALSE(check_config(c).error.has_value());
    CHECK(check_config(c).idempotence == IdempotenceMode::off);
    c.acks = 0;
    CHECK(check_config(c).idempotence == IdempotenceMode::off);
    c = base();
    c.max_in_flight = 6;
    CHECK_FALSE(check_config(c).error.has_value());
    CHECK(check_config(c).idempotence == IdempotenceMode::off);
}

TEST_CASE("enable.idempotence true with acks 1 is a configuration error") {
    ProducerConfig c = base();
    c.acks = 1;
    c.enable_idempotence = Idempotence::enabled;
    const ConfigCheck r = check_config(c);
    REQUIRE(r.error.has_value());
    CHECK(r.error->config == "acks");
}

TEST_CASE("enable.idempotence true with six requests in flight is a configuration error") {
    ProducerConfig c = base();
    c.max_in_flight = 6;
    c.enable_idempotence = Idempotence::enabled;
    REQUIRE(check_config(c).error.has_value());
    CHECK(check_config(c).error->config == "max.in.flight.requests.per.connection");
    c.max_in_flight = 5;
    CHECK_FALSE(check_config(c).error.has_value());
}

TEST_CASE("enable.idempotence false allows any acks and in-flight count") {
    ProducerConfig c = base();
    c.acks = 0;
    c.max_in_flight = 10;
    c.enable_idempotence = Idempotence::disabled;
    CHECK_FALSE(check_config(c).error.has_value());
    CHECK(check_config(c).idempotence == IdempotenceMode::off);
}

TEST_CASE("delivery.timeout.ms below linger.ms plus request.timeout.ms is a configuration error") {
    ProducerConfig c = base();
    c.linger = engine::Duration::ms(5);
    c.delivery_timeout = engine::Duration::ms(30004);
    REQUIRE(check_config(c).error.has_value());
    CHECK(check_config(c).error->config == "delivery.timeout.ms");
    c.delivery_timeout = engine::Duration::ms(30005);
    CHECK_FALSE(check_config(c).error.has_value());
}

TEST_CASE("invalid acks and an empty bootstrap list are configuration errors") {
    ProducerConfig c = base();
    c.acks = 2;
    CHECK(check_config(c).error->config == "acks");
    c = base();
    c.bootstrap.clear();
    CHECK(check_config(c).error->config == "bootstrap.servers");
}

TEST_CASE("a producer with a configuration error fails every record with INVALID_CONFIG") {
    ProducerConfig config;
    config.acks = 1;
    config.enable_idempotence = Idempotence::enabled;
    testing::ProducerWorld w(41, config);
    w.create_topic("t", 1);
    std::optional<SendResult> result;
    w.producer().send(ProducerRecord{"t", std::nullopt, std::nullopt, "v", {}}, [&](const SendResult& r) { result = r; });
    REQUIRE(result.has_value());
    CHECK(result->error == Errc::invalid_config);
    CHECK(w.producer().config_error().has_value());
    w.world.run_ms(1000);
    CHECK(w.records("producer.config_error").size() == 1);
    CHECK(w.records("producer.produce").empty());
    REQUIRE(w.history.acks().size() == 1);
    CHECK(w.history.acks()[0].error == Errc::invalid_config);
}

}  // TEST_SUITE
