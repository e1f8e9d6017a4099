// Walking a scenario's JSON with JSON Pointers: typed reads that report what was expected at
// which path, unknown keys with a "did you mean", and the caps on numbers
// (docs/scenario-format.md). Errors are collected, not thrown, so one pass reports them all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/time.h"

namespace kafkasim::scenarios {

using Json = nlohmann::json;

struct LoadError {
    std::string path;  // JSON Pointer
    std::string message;
    bool at_key = false;  // about the member's key (an unknown key), not its value
    // Where to show it when `path` is not in the file as written (a place a knob creates): the
    // knob's value that did it. Empty: at `path`.
    std::string shown_at;
};

class Errors {
public:
    void add(std::string path, std::string message) { errors_.push_back({std::move(path), std::move(message), false, {}}); }
    void add_at_key(std::string path, std::string message) { errors_.push_back({std::move(path), std::move(message), true, {}}); }
    void add_shown_at(std::string path, std::string message, std::string shown_at) {
        errors_.push_back({std::move(path), std::move(message), false, std::move(shown_at)});
    }
    bool empty() const { return errors_.empty(); }
    std::size_t size() const { return errors_.size(); }
    const std::vector<LoadError>& all() const { return errors_; }

private:
    std::vector<LoadError> errors_;
};

// "/a" + "b/c" → "/a/b~1c" (RFC 6901).
std::string child(const std::string& path, std::string_view key);
std::string child(const std::string& path, std::size_t index);
// "an object", "a string", "an integer", … for messages.
std::string describe(const Json& j);

// `j` must be an object whose keys are all in `known`; false (with errors) otherwise.
bool check_object(Errors& errors, const Json& j, const std::string& path, const std::vector<std::string>& known);

// Typed members of an object. A missing optional member gives nullopt without an error; a
// present one of the wrong type or out of [min, max] gives an error and nullopt.
std::optional<std::int64_t> read_int(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                                     std::int64_t min, std::int64_t max, bool required = false);
std::optional<double> read_number(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                                  double min, double max, bool required = false);
std::optional<bool> read_bool(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                              bool required = false);
std::optional<std::string> read_string(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                                       bool required = false);
// A time in milliseconds, 0 … max_time_ms, as a Duration.
std::optional<engine::Duration> read_ms(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                                        bool required = false);

// The largest time a scenario may name: one simulated day.
inline constexpr std::int64_t max_time_ms = 86'400'000;

}  // namespace kafkasim::scenarios
