// The machinery behind Kafka's configs in scenario files (kafka_configs.h): a table of
// settings per client or server, each with Kafka's name, type and range and the field it
// sets, and the ConfigDef-like parsing of one value. Internal to the loader.
#pragma once

#include <algorithm>
#include <cctype>
#include <functional>
#include <limits>

#include "scenarios/loader/did_you_mean.h"
#include "scenarios/loader/json_walk.h"

namespace kafkasim::scenarios::config_table {

constexpr std::int64_t int_max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t long_max = std::numeric_limits<std::int64_t>::max();

inline std::string trim(std::string s) {
    const auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

// ConfigDef.parseType for INT and LONG: a JSON integer, or a string Java's parseLong accepts.
inline std::optional<std::int64_t> as_long(Errors& errors, const Json& v, const std::string& path, std::int64_t min,
                                    std::int64_t max) {
    std::optional<std::int64_t> out;
    if (v.is_number_integer()) {
        out = v.get<std::int64_t>();
    } else if (v.is_string()) {
        const std::string s = trim(v.get<std::string>());
        std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
        bool digits = i < s.size() && s.size() - i <= 19;
        for (std::size_t k = i; k < s.size(); ++k) digits = digits && std::isdigit(static_cast<unsigned char>(s[k]));
        if (digits) {
            try {
                out = std::stoll(s);
            } catch (const std::exception&) {
                out.reset();
            }
        }
    }
    if (!out || *out < min || *out > max) {
        errors.add(path, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                             ", found " + (out ? std::to_string(*out) : describe(v)));
        return std::nullopt;
    }
    return out;
}

// ConfigDef.parseType for BOOLEAN: a JSON boolean, or "true" / "false" in any case.
inline std::optional<bool> as_bool(Errors& errors, const Json& v, const std::string& path) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_string()) {
        std::string s = trim(v.get<std::string>());
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        if (s == "true") return true;
        if (s == "false") return false;
    }
    errors.add(path, "expected true or false, found " + describe(v));
    return std::nullopt;
}

inline engine::Duration ms(std::int64_t v) { return engine::Duration::ms(v); }

template <class Target>
struct Setting {
    std::string name;
    enum class Kind { integer, boolean } kind;
    std::int64_t min = 0;
    std::int64_t max = long_max;
    std::function<void(Target&, std::int64_t)> set_long;
    std::function<void(Target&, bool)> set_bool;
};

template <class Target>
Setting<Target> integer(std::string name, std::int64_t min, std::int64_t max, std::function<void(Target&, std::int64_t)> set) {
    return Setting<Target>{std::move(name), Setting<Target>::Kind::integer, min, max, std::move(set), {}};
}
template <class Target>
Setting<Target> boolean(std::string name, std::function<void(Target&, bool)> set) {
    return Setting<Target>{std::move(name), Setting<Target>::Kind::boolean, 0, 0, {}, std::move(set)};
}

template <class Target>
void apply(Errors& errors, const Json& configs, const std::string& path, const std::vector<Setting<Target>>& table,
           const std::vector<std::string>& extra_names, Target& target,
           const std::function<bool(const std::string&, const Json&, const std::string&)>& extra) {
    if (!configs.is_object()) {
        errors.add(path, "expected an object of Kafka configs, found " + describe(configs));
        return;
    }
    for (const auto& [name, value] : configs.items()) {
        const std::string at = child(path, name);
        const auto s = std::find_if(table.begin(), table.end(), [&, &key = name](const auto& e) { return e.name == key; });
        if (s == table.end()) {
            if (extra && extra(name, value, at)) continue;
            std::vector<std::string> known = extra_names;
            for (const auto& e : table) known.push_back(e.name);
            std::string message = "unknown or unmodelled config \"" + name + "\"";
            if (auto near = did_you_mean(name, known)) message += "; did you mean \"" + *near + "\"?";
            errors.add_at_key(at, message);
            continue;
        }
        if (s->kind == Setting<Target>::Kind::boolean) {
            if (auto v = as_bool(errors, value, at)) s->set_bool(target, *v);
        } else if (auto v = as_long(errors, value, at, s->min, s->max)) {
            s->set_long(target, *v);
        }
    }
}


}  // namespace kafkasim::scenarios::config_table
