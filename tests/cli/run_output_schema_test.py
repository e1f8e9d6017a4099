#!/usr/bin/env python3
"""Real `kafkasim run --json` output validates against docs/run-output.schema.json.
Usage: run_output_schema_test.py KAFKASIM SOURCE_DIR"""
import json
import os
import subprocess
import sys

import jsonschema


def main():
    exe, source = sys.argv[1], sys.argv[2]
    schema = json.load(open(os.path.join(source, "docs", "run-output.schema.json"), encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    data = os.path.join(source, "tests", "data", "scenarios")
    failover = os.path.join(data, "failover-basic.json")
    groups = os.path.join(data, "group-basic.json")
    late = os.path.join(data, "group-late-join.json")  # unconsumed records in every part but acks=1
    runs = ([failover], ["--until", "5000", failover], ["--knob", "acks=1", failover], [groups],
            ["--until", "1000", groups], [late])
    for extra in runs:
        done = subprocess.run([exe, "run", "--json", *extra], capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            print(f"exit {done.returncode}: {done.stderr}")
            return 1
        output = json.loads(done.stdout)
        jsonschema.Draft7Validator(schema).validate(output)
        # A group in the file is always reported, whatever its state.
        if extra[-1] == groups and [g["group"] for g in output["groups"]] != ["payments"]:
            print(f"{extra}: groups {output['groups']}")
            return 1
    print("run --json output matches the schema")
    return 0


if __name__ == "__main__":
    sys.exit(main())
