#!/usr/bin/python3
"""Validates JSON documents against a JSON Schema with python3-jsonschema
(Debian), as a consumer of gatekit's files would. Exit 0 when all are valid.

Usage: validate_schema.py SCHEMA DOCUMENT...
"""

import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
        for error in errors:
            print(f"{path}: /{'/'.join(str(p) for p in error.path)}: {error.message}")
        failed = failed or bool(errors)
        if not errors:
            print(f"{path}: valid")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
