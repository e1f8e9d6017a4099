// Knobs: the lesson toggles a scenario declares. Each value of a knob sets one or more places
// of the file, by JSON Pointer, before the file is loaded:
//   "knobs": [{"name": "acks", "description": {"en": …, "ko": …}, "default": "all",
//              "values": {"all": {"/producers/0/configs/acks": "all"},
//                         "1":   {"/producers/0/configs/acks": "1"}}}]
// The default is what the file says as written. A pointer may name a member that does not
// exist yet (it is added) but its parent must exist.
#pragma once

#include <string>

#include "scenarios/loader/json_walk.h"
#include "scenarios/loader/scenario.h"

namespace kafkasim::scenarios {

// The knob declarations of `doc` (checked: names unique, values non-empty, default among them,
// pointers well formed).
std::vector<KnobSpec> read_knobs(Errors& errors, const Json& doc);

// Sets knob `name` to `value` in `doc`; an unknown knob or value, or a pointer whose parent is
// missing, is an error (with what the knob offers).
void apply_knob(Errors& errors, Json& doc, const std::string& name, const std::string& value);

}  // namespace kafkasim::scenarios
