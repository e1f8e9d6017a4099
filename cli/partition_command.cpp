// `kafkasim partition` (docs/cli.md): check N and the keys, then print murmur2, toPositive and
// the partition of each key, as text lines or one JSON array.
#include "cli/partition_command.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "cli/exit_codes.h"
#include "sim/producer/murmur2.h"

namespace kafkasim::cli {

namespace {

std::optional<std::int32_t> parse_count(const std::string& text) {
    if (text.empty() || text.size() > 10) return std::nullopt;
    std::int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 2147483647) return std::nullopt;
    return static_cast<std::int32_t>(value);
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> parse_hex(const std::string& text) {
    if (text.size() % 2 != 0) return std::nullopt;
    std::string bytes;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int high = hex_digit(text[i]);
        const int low = hex_digit(text[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        bytes.push_back(static_cast<char>(high * 16 + low));
    }
    return bytes;
}

std::string quoted(const std::string& key) {
    return nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

int run_partition(const PartitionOptions& options, std::ostream& out, std::ostream& err) {
    const auto count = parse_count(options.partitions);
    if (!count) {
        err << "kafkasim partition: --partitions must be an integer from 1 to 2147483647, not \""
            << options.partitions << "\"\n";
        return exit_bad_input;
    }
    if (options.keys.empty()) {
        err << "kafkasim partition: give at least one KEY (an empty KEY \"\" is zero bytes)\n";
        return exit_bad_input;
    }
    std::vector<std::string> bytes;
    for (const auto& key : options.keys) {
        if (!options.hex) {
            bytes.push_back(key);
            continue;
        }
        const auto parsed = parse_hex(key);
        if (!parsed) {
            err << "kafkasim partition: --hex KEY " << quoted(key)
                << " is not hex bytes (an even number of 0-9 a-f A-F digits, no 0x)\n";
            return exit_bad_input;
        }
        bytes.push_back(*parsed);
    }
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const std::int32_t hash = producer::murmur2(bytes[i]);
        const std::int32_t positive = producer::to_positive(hash);
        const std::int32_t partition = positive % *count;
        if (options.json)
            rows.push_back({{"key", options.keys[i]}, {"murmur2", hash}, {"to_positive", positive},
                            {"partition", partition}});
        else
            out << quoted(options.keys[i]) << " murmur2=" << hash << " to_positive=" << positive
                << " partition=" << partition << "\n";
    }
    if (options.json) out << rows.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return exit_ok;
}

}  // namespace kafkasim::cli
