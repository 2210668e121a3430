#!/usr/bin/env python3
"""Builds the seed corpora under fuzz/seeds/ from the test data and the examples.

    python3 fuzz/make_seeds.py        (from the repository root)

template_parse: up to PER_FILE templates of each of tests/data/*.jsonl, tests/corpus/template/*.jsonl and every
  `template:` of a generator in examples/ and tests/fixtures/capsule/.
template_exec:  the same templates, each prefixed by a mode byte (0 zero, 1 invalid, 2 error;
  the target reads `mode % 3`), the mode taken from the case's missingkey.
yaml_krm:       every YAML / JSON input of examples/ and tests/fixtures/capsule/, prefixed by each
  of the four mode bytes of the target (0 k8s stream, 1 YAML 1.2 stream, 2/3 KRM input).
File names are content hashes, so re-running is idempotent.
"""
import glob
import hashlib
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")
PER_FILE = 80
MODE = {"zero": 0, "default": 0, "invalid": 1, "error": 2}


def put(target, data):
    d = os.path.join(SEEDS, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def templates_in(value):
    """Every `template` string of generator items anywhere in a JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "template" and isinstance(v, str):
                yield v
            else:
                yield from templates_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from templates_in(v)


def main():
    templates = {}
    jsonl = glob.glob(os.path.join(ROOT, "tests/data/*.jsonl")) + glob.glob(
        os.path.join(ROOT, "tests/corpus/template/*.jsonl"))
    for path in sorted(jsonl):
        cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        cases = [c for c in cases if isinstance(c.get("template"), str)]
        # At most PER_FILE cases per file, spread evenly: the corpus stays small enough to keep
        # in git, and libFuzzer grows it from there.
        step = max(1, len(cases) // PER_FILE)
        for case in cases[::step]:
            mode = MODE.get(case.get("missingkey", "zero"), 0)
            templates.setdefault(case["template"], mode)
    yaml_inputs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "examples/*/*.yaml"))):
        text = open(path, encoding="utf-8").read()
        yaml_inputs.append(text)
        # Generator templates in YAML: take the block scalar after `template: |`.
        lines = text.splitlines()
        for i, l in enumerate(lines):
            if l.strip().startswith("template:") and l.strip().endswith(("|", "|-", ">")):
                indent = len(l) - len(l.lstrip()) + 2
                body = []
                for m in lines[i + 1:]:
                    if m.strip() and len(m) - len(m.lstrip()) < indent:
                        break
                    body.append(m[indent:])
                templates.setdefault("\n".join(body), 0)
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/capsule/*/input.*"))):
        text = open(path, encoding="utf-8").read()
        yaml_inputs.append(text)
        if path.endswith(".json"):
            for t in templates_in(json.loads(text)):
                templates.setdefault(t, 0)
    for t, mode in templates.items():
        data = t.encode("utf-8")
        put("template_parse", data)
        put("template_exec", bytes([mode]) + data)
    for text in yaml_inputs:
        for mode in range(4):
            put("yaml_krm", bytes([mode]) + text.encode("utf-8"))
    print(len(templates), "templates,", len(yaml_inputs), "YAML/JSON inputs")


if __name__ == "__main__":
    main()
