#include "scenarios/loader/json_walk.h"

#include <cmath>

#include "scenarios/loader/did_you_mean.h"

namespace kafkasim::scenarios {

std::string child(const std::string& path, std::string_view key) {
    std::string out = path + "/";
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string child(const std::string& path, std::size_t index) { return path + "/" + std::to_string(index); }

std::string describe(const Json& j) {
    switch (j.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::object: return "an object";
        case Json::value_t::array: return "an array";
        case Json::value_t::string: return "a string";
        case Json::value_t::boolean: return "a boolean";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned: return "an integer";
        case Json::value_t::number_float: return "a number with a fraction or exponent";
        default: return "a value of another kind";
    }
}

bool check_object(Errors& errors, const Json& j, const std::string& path, const std::vector<std::string>& known) {
    if (!j.is_object()) {
        errors.add(path, "expected an object, found " + describe(j));
        return false;
    }
    bool ok = true;
    for (const auto& [key, value] : j.items()) {
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        std::string message = "unknown key \"" + key + "\"";
        if (auto near = did_you_mean(key, known)) message += "; did you mean \"" + *near + "\"?";
        errors.add_at_key(child(path, key), message);
        ok = false;
    }
    return ok;
}

namespace {

const Json* member(Errors& errors, const Json& obj, const std::string& path, std::string_view key, bool required) {
    const auto it = obj.find(key);
    if (it == obj.end()) {
        if (required) errors.add(child(path, key), "missing; this key is required");
        return nullptr;
    }
    return &*it;
}

}  // namespace

std::optional<std::int64_t> read_int(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                                     std::int64_t min, std::int64_t max, bool required) {
    const Json* j = member(errors, obj, path, key, required);
    if (j == nullptr) return std::nullopt;
    const std::string at = child(path, key);
    std::optional<std::int64_t> v;
    if (j->is_number_integer()) v = j->get<std::int64_t>();
    else if (j->is_number_unsigned() && j->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX))
        v = static_cast<std::int64_t>(j->get<std::uint64_t>());
    if (!v) {
        errors.add(at, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max) + ", found " +
                           (j->is_number_unsigned() ? std::string("a larger integer") : describe(*j)));
        return std::nullopt;
    }
    if (*v < min || *v > max) {
        errors.add(at, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max) + ", found " +
                           std::to_string(*v));
        return std::nullopt;
    }
    return v;
}

std::optional<double> read_number(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                                  double min, double max, bool required) {
    const Json* j = member(errors, obj, path, key, required);
    if (j == nullptr) return std::nullopt;
    if (!j->is_number() || !std::isfinite(j->get<double>()) || j->get<double>() < min || j->get<double>() > max) {
        errors.add(child(path, key), "expected a number from " + Json(min).dump() + " to " + Json(max).dump() +
                                         ", found " + (j->is_number() ? j->dump() : describe(*j)));
        return std::nullopt;
    }
    return j->get<double>();
}

std::optional<bool> read_bool(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                              bool required) {
    const Json* j = member(errors, obj, path, key, required);
    if (j == nullptr) return std::nullopt;
    if (!j->is_boolean()) {
        errors.add(child(path, key), "expected true or false, found " + describe(*j));
        return std::nullopt;
    }
    return j->get<bool>();
}

std::optional<std::string> read_string(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                                       bool required) {
    const Json* j = member(errors, obj, path, key, required);
    if (j == nullptr) return std::nullopt;
    if (!j->is_string()) {
        errors.add(child(path, key), "expected a string, found " + describe(*j));
        return std::nullopt;
    }
    return j->get<std::string>();
}

std::optional<engine::Duration> read_ms(Errors& errors, const Json& obj, const std::string& path, std::string_view key,
                                        bool required) {
    const auto v = read_int(errors, obj, path, key, 0, max_time_ms, required);
    if (!v) return std::nullopt;
    return engine::Duration::ms(*v);
}

}  // namespace kafkasim::scenarios
