#!/usr/bin/env python3
"""Validates Traefik dynamic-configuration files written by authgate.

Usage: validate-traefik-yaml.py SCHEMA_DIR FILE_OR_DIR...

Each file must validate against Traefik's v3 file-provider JSON schema (the
supported range is v3.0 to v3.7) and against the v2 schema too, so that the
shape shared by both (routers, services, basicAuth) never drifts to v3-only
fields; the one exception is the middlewares v3 introduced (V3_ONLY_MIDDLEWARES),
which only the guard's ban routers use. Each file must also follow the rules
the schemas cannot express, as Traefik would misread or refuse such a file:
exactly one ':' per basicAuth entry, no duplicate users, no empty lists or maps,
no '{{', a single YAML document, routers that reference existing services and
middlewares.
"""
import copy
import json
import pathlib
import sys

import jsonschema
import yaml

# Services Traefik defines itself, which a router may name without a file
# defining them: a ban router answers with the middleware alone.
INTERNAL_SERVICES = {"noop@internal"}

# Middlewares v3 introduced: `ipAllowList` is v2's `ipWhiteList` renamed, with
# `rejectStatusCode` that v2 never had.
V3_ONLY_MIDDLEWARES = {"ipAllowList"}


def rule_problems(text, doc):
    problems = []
    if "{{" in text or "}}" in text:
        problems.append("contains a template delimiter")
    if len(list(yaml.safe_load_all(text))) != 1:
        problems.append("is not a single YAML document")

    def walk(node, path):
        if isinstance(node, dict):
            if not node:
                problems.append(f"empty map at {path}")
            for k, v in node.items():
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            if not node:
                problems.append(f"empty list at {path}")
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")

    walk(doc, "")
    http = doc.get("http", {})
    middlewares = http.get("middlewares", {})
    services = http.get("services", {})
    for name, mw in middlewares.items():
        users = mw.get("basicAuth", {}).get("users", [])
        names = []
        for entry in users:
            if entry.count(":") != 1:
                problems.append(f"{name}: entry {entry.split(':')[0]!r} has {entry.count(':')} ':'")
            names.append(entry.split(":")[0])
        if len(names) != len(set(names)):
            problems.append(f"{name}: duplicate users")
    for name, router in http.get("routers", {}).items():
        if router.get("service") not in services and router.get("service") not in INTERNAL_SERVICES:
            problems.append(f"router {name} references a missing service")
        for m in router.get("middlewares", []):
            if m not in middlewares:
                problems.append(f"router {name} references a missing middleware {m}")
    return problems


def without_v3_only(doc):
    """The document with the middlewares only v3 knows left out, for v2's schema."""
    doc = copy.deepcopy(doc)
    middlewares = doc.get("http", {}).get("middlewares", {})
    for name in [n for n, mw in middlewares.items() if V3_ONLY_MIDDLEWARES & set(mw)]:
        del middlewares[name]
    if "middlewares" in doc.get("http", {}) and not middlewares:
        del doc["http"]["middlewares"]
    return doc


def main():
    schema_dir = pathlib.Path(sys.argv[1])
    validators = {
        v: jsonschema.Draft7Validator(
            json.loads((schema_dir / f"traefik-{v}-file-provider.json").read_text())
        )
        for v in ("v2", "v3")
    }
    files = []
    for arg in sys.argv[2:]:
        p = pathlib.Path(arg)
        files.extend(sorted(p.glob("*.yml")) if p.is_dir() else [p])
    failures = 0
    for f in files:
        text = f.read_text()
        doc = yaml.safe_load(text)
        problems = rule_problems(text, doc)
        for version, validator in validators.items():
            checked = without_v3_only(doc) if version == "v2" else doc
            for error in validator.iter_errors(checked):
                problems.append(f"{version} schema: {error.message} at {list(error.absolute_path)}")
        if problems:
            failures += 1
            print(f"{f}:")
            for p in problems:
                print(f"  {p}")
    print(f"{len(files) - failures} passed, {failures} failed")
    return 1 if failures or not files else 0


if __name__ == "__main__":
    sys.exit(main())
