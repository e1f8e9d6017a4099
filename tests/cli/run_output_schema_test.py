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
    scenario = os.path.join(source, "tests", "data", "scenarios", "failover-basic.json")
    for extra in ([], ["--until", "5000"], ["--knob", "acks=1"]):
        done = subprocess.run([exe, "run", "--json", *extra, scenario], capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            print(f"exit {done.returncode}: {done.stderr}")
            return 1
        jsonschema.Draft7Validator(schema).validate(json.loads(done.stdout))
    print("run --json output matches the schema")
    return 0


if __name__ == "__main__":
    sys.exit(main())
