#!/usr/bin/env python3
"""The JSON Schema and the loader agree on the scenario format.

1. scenarios/schema.json is a valid Draft 7 schema.
2. Every bundled scenario, every valid fixture (tests/data/scenarios/*.json, not bad-*.json) and
   every regression scenario (tests/data/regressions/*.json)
   validates against it.
3. The fixture every-key.json uses every property the schema defines (and the C++ loader test
   loads it), so a key the schema has and the loader lacks cannot go unnoticed.
Usage: schema_test.py SOURCE_DIR
"""
import glob
import json
import os
import sys

import jsonschema


def property_paths(schema, root, prefix=""):
    """Every property path the schema defines, e.g. "faults[].crash"."""
    out = set()
    if "$ref" in schema:
        # A shared definition is checked once, under its own name.
        return set()
    for key in ("anyOf", "oneOf"):
        for sub in schema.get(key, []):
            out |= property_paths(sub, root, prefix)
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        out.add(path)
        out |= property_paths(sub, root, path)
    if isinstance(schema.get("items"), dict):
        out |= property_paths(schema["items"], root, prefix + "[]")
    return out


def document_paths(doc, prefix=""):
    out = set()
    if isinstance(doc, dict):
        for name, value in doc.items():
            path = f"{prefix}.{name}" if prefix else name
            out.add(path)
            out |= document_paths(value, path)
    elif isinstance(doc, list):
        for value in doc:
            out |= document_paths(value, prefix + "[]")
    return out


def main():
    source = sys.argv[1]
    schema = json.load(open(os.path.join(source, "scenarios", "schema.json"), encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = sorted(glob.glob(os.path.join(source, "scenarios", "*.json")))
    files = [f for f in files if not f.endswith("schema.json")]
    files += sorted(f for f in glob.glob(os.path.join(source, "tests", "data", "scenarios", "*.json"))
                    if not os.path.basename(f).startswith("bad-"))
    files += sorted(glob.glob(os.path.join(source, "tests", "data", "regressions", "*.json")))
    files += sorted(glob.glob(os.path.join(source, "scenarios", "templates", "*.json")))
    failed = False
    for f in files:
        errors = sorted(validator.iter_errors(json.load(open(f, encoding="utf-8"))), key=str)
        for e in errors:
            print(f"{f}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
            failed = True
    # Configs are checked as maps of names; their values are free-form.
    wanted = property_paths(schema, schema)
    for name, definition in schema.get("definitions", {}).items():
        wanted |= {f"<{name}>.{p}" for p in property_paths(definition, schema)}
    every = json.load(open(os.path.join(source, "tests", "data", "scenarios", "every-key.json"), encoding="utf-8"))
    have = document_paths(every)
    config_maps = ("cluster.configs.", "topics[].configs.", "producers[].configs.", "producers[].fields.",
                   "knobs[].values.", "producers[].partitioner.map.")
    have = {p for p in have if not p.startswith(config_maps)}
    # A definition's property counts as used wherever it appears.
    for name, definition in schema.get("definitions", {}).items():
        for p in property_paths(definition, schema):
            if any(h == p or h.endswith("." + p) or h.endswith("[]." + p) for h in have):
                have.add(f"<{name}>.{p}")
    missing = sorted(wanted - have)
    if missing:
        print("every-key.json does not use these schema properties:", ", ".join(missing))
        failed = True
    print(f"{len(files)} files checked against the schema; {len(wanted)} schema properties")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
