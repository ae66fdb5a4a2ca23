#!/usr/bin/python3
"""Validates JSON documents against a JSON Schema (python3-jsonschema).

Usage: validate-json.py SCHEMA FILE...  Prints one line per file and a
final "N passed, N failed" line; exits 1 if any file is invalid.
"""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    passed = failed = 0
    for path in sys.argv[2:]:
        try:
            doc = json.load(open(path, encoding="utf-8"))
            errors = sorted(validator.iter_errors(doc), key=str)
        except (OSError, ValueError) as exc:
            errors = [exc]
        if errors:
            failed += 1
            print("FAIL %s: %s" % (path, errors[0]))
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
