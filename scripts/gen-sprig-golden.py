#!/usr/bin/env python3
"""Generates tests/data/sprig_golden.jsonl: golden cases for every deterministic function of
Capsule's map (go-sprout v1.0.3 sprigin + Capsule's own functions), replayed by
tests/sprig_golden.rs.

Every case records where its expected outcome comes from (`source`):

* `oracle` / `oracle-sprigin`: Go's real text/template + Masterminds sprig 3.2.3, run by
  /root/.cache/gotmpl-oracle/gotmpl-oracle -batch (the second with `compat: sprigin`, which
  turns wrong arity / wrong argument types into nil as sprigin's wrapper does). Only used where
  docs/sprigin.md says sprig and sprigin agree for that function and input.
* `sprigin.md §…`: written here from the measured rules of /work/shared/docs/sprigin.md (or
  capsule-semantics.md §3.6 for Capsule's own functions) where sprig and sprigin differ.
* `… alias of X`: sprout's sprigin registers the name as an alias of X (the same Go function,
  sprigin/sprig_backward_compatibility.go), so X's cases are repeated under the alias with the
  same expectation.
* `python …`: digests and encodings whose value does not depend on the implementation
  (hashlib, base64), for sprout-only names.

Run: python3 scripts/gen-sprig-golden.py  (needs the oracle binary; TZ is forced to UTC).
"""

import base64
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import zlib

ORACLE = os.environ.get("GOTMPL_ORACLE", "/root/.cache/gotmpl-oracle/gotmpl-oracle")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "sprig_golden.jsonl")

DATA = {
    "s": "hello", "S": "Hello World", "u": "h\u00e9llo w\u00f6rld", "n": 3, "neg": -7, "f": 1.5,
    "z": 0, "zs": "0", "t": True, "nil": None, "e": "", "ns": "42", "fs": "3.7",
    "l": ["b", "a", "c", "a"], "nl": [3, 1, 2], "el": [], "ll": [[1, 2], [3, [4, 5]]],
    "m": {"b": 2, "a": 1, "c": 3}, "em": {}, "nested": {"x": {"y": {"z": "deep"}}},
    "host": "api.solar.example.com", "ver": "1.4.2",
}

ES = "sprigin.md \u00a7Rules: Error swallowing"
NUM = "sprigin.md \u00a7Rules: Numeric semantics"
NILC = "sprigin.md \u00a7Rules: Nil / wrong-kind collections"
DIG = "sprigin.md \u00a7Rules: dig (SprigDig)"
DEF = "sprigin.md \u00a7Rules: default/empty/coalesce/ternary"
FMT = "sprigin.md \u00a7Rules: Output formats"
CRASH = "sprigin.md \u00a7Panics and crashes"
CAP = "capsule-semantics.md \u00a73.6 (Capsule custom functions)"

cases = []  # dicts; `mode` decides how the expectation is obtained


def _add(fn, tpl, mode, edge, name=None, **kw):
    idx = sum(1 for c in cases if c["fn"] == fn) + 1
    c = {"fn": fn, "name": name or f"{fn}-{idx}", "template": tpl, "mode": mode, "edge": edge}
    c.update(kw)
    cases.append(c)


def O(fn, tpl, edge=False, data=None):
    """Expected outcome from the oracle (sprig and sprigin agree here)."""
    _add(fn, tpl, "oracle", edge, data=data)


def OS(fn, tpl, edge=True, data=None):
    """Oracle in sprigin-compat mode: wrong arity / argument types give nil (sprigin.md says
    sprigin's wrapper does the same)."""
    _add(fn, tpl, "oracle-sprigin", edge, data=data)


def D(fn, tpl, out, src, edge=False, data=None, name=None):
    """Expected output written from the docs."""
    _add(fn, tpl, "doc", edge, name=name, ok=True, output=out, source=src, data=data)


def DE(fn, tpl, err, src, data=None):
    """Expected error written from the docs."""
    _add(fn, tpl, "doc", True, ok=False, error=err, source=src, data=data)


def P(fn, tpl, out, src, edge=False, data=None):
    """Expected output computed here (digests, encodings)."""
    _add(fn, tpl, "doc", edge, ok=True, output=out, source=src, data=data)


def err_at(tpl_expr, fn, msg, col=3):
    return f'template: tpl:1:{col}: executing "tpl" at <{tpl_expr}>: error calling {fn}: {msg}'


# ---------------------------------------------------------------- strings
for f in ["upper"]:
    O(f, '{{ upper "hello" }}|{{ upper .S }}')
    O(f, '{{ upper "" }}|{{ upper .u }}', edge=True)
    D(f, '[{{ upper .n }}]|[{{ upper nil }}]|[{{ upper "a" "b" }}]', "[<no value>]|[]|[<no value>]", ES, edge=True)
O("lower", '{{ lower "HeLLo" }}|{{ lower .S }}')
O("lower", '[{{ lower "" }}]|{{ lower "\u00c9T\u00c9" }}', edge=True)
D("lower", '[{{ lower .t }}]|[{{ lower nil }}]', "[<no value>]|[]", ES, edge=True)
for f, a, b in [("trim", '" a b \\n"', '""'), ("nospace", '" a b\\tc "', '""')]:
    O(f, f'[{{{{ {f} {a} }}}}]')
    O(f, f'[{{{{ {f} {b} }}}}]', edge=True)
    D(f, f'[{{{{ {f} .n }}}}]|[{{{{ {f} nil }}}}]', "[<no value>]|[]", ES, edge=True)
O("trim", '[{{ trim "\\u00a0x\\u3000" }}]', edge=True)
D("nospace", '[{{ nospace "a\\u00a0b\\u3000c" }}]', "[abc]", FMT, edge=True)
for f in ["trimAll", "trimall"]:
    O(f, f'[{{{{ {f} "-x" "--a-x" }}}}]|[{{{{ {f} "-" "-f--o-o-" }}}}]')
    O(f, f'[{{{{ {f} "" "  a  " }}}}]|[{{{{ {f} "ab" "" }}}}]', edge=True)
    D(f, f'[{{{{ {f} "-" .n }}}}]|[{{{{ {f} .n "x" }}}}]', "[<no value>]|[<no value>]", ES, edge=True)
for f, a in [("trimPrefix", '"he"'), ("trimSuffix", '"lo"')]:
    O(f, f'[{{{{ {f} {a} .s }}}}]|[{{{{ {f} "x" .s }}}}]')
    O(f, f'[{{{{ {f} "" .s }}}}]|[{{{{ {f} .s .s }}}}]', edge=True)
    D(f, f'[{{{{ {f} "x" .n }}}}]|[{{{{ {f} "x" nil }}}}]', "[<no value>]|[]", ES, edge=True)
for f, a, b in [("contains", '"ell"', '"z"'), ("hasPrefix", '"he"', '"lo"'), ("hasSuffix", '"lo"', '"he"')]:
    O(f, f'{{{{ {f} {a} .s }}}}|{{{{ {f} {b} .s }}}}')
    O(f, f'{{{{ {f} "" .s }}}}|{{{{ {f} "a" "" }}}}|{{{{ {f} "" "" }}}}', edge=True)
    D(f, f'[{{{{ {f} "x" nil }}}}]|[{{{{ {f} "3" .n }}}}]', "[false]|[<no value>]", ES, edge=True)
O("replace", '{{ replace "l" "L" .s }}|{{ .s | replace "h" "j" }}')
O("replace", '{{ replace "" "-" "ab" }}|[{{ replace "x" "y" "" }}]', edge=True)
D("replace", '[{{ replace "a" "b" .n }}]|[{{ replace "a" }}]', "[<no value>]|[<no value>]", ES, edge=True)
O("repeat", '{{ repeat 3 "ab" }}|{{ "x" | repeat 2 }}')
O("repeat", '[{{ repeat 0 "ab" }}]|[{{ repeat 3 "" }}]', edge=True)
D("repeat", '[{{ repeat .n "ab" }}]|[{{ repeat 2 .n }}]', "[<no value>]|[<no value>]", ES, edge=True)
O("trunc", '{{ trunc 3 .s }}|{{ trunc -3 .s }}|{{ trunc 10 .s }}')
O("trunc", '[{{ trunc 0 .s }}]|[{{ trunc -999 .s }}]|[{{ trunc 3 "" }}]', edge=True)
D("trunc", '[{{ trunc .n .s }}]|[{{ trunc 2 .n }}]', "[<no value>]|[<no value>]", ES, edge=True)
O("abbrev", '{{ abbrev 5 "hello world" }}|{{ abbrev 20 "hello world" }}')
O("abbrev", '[{{ abbrev 4 "hello" }}]|[{{ abbrev 5 "" }}]', edge=True)
D("abbrev", '[{{ abbrev .n "hello" }}]|[{{ abbrev 5 .n }}]', "[<no value>]|[<no value>]", ES, edge=True)
# sprig's abbrevboth is goutils.AbbreviateFull; sprout's ellipsisBoth is its own code (they differ:
# sprig gives "fooobo..." below), so the expectations are sprout's own tests.
ELB = "sprout strings registry tests (ellipsisBoth; sprig's abbrevboth differs)"
D("abbrevboth", '{{ abbrevboth 4 9 "foooboooooo" }}|{{ abbrevboth 5 4 "foo" }}', "...boo...|foo", ELB)
D("abbrevboth", '[{{ abbrevboth 0 0 "foobar" }}]', "[foobar]", ELB, edge=True)
D("abbrevboth", '[{{ abbrevboth .n 10 "x" }}]|[{{ abbrevboth 1 2 }}]', "[<no value>]|[<no value>]", ES, edge=True)
O("initials", '{{ initials "First Try" }}|{{ initials "hello   big world" }}')
O("initials", '[{{ initials "" }}]|[{{ initials "  " }}]', edge=True)
D("initials", '[{{ initials .n }}]|[{{ initials nil }}]', "[<no value>]|[]", ES, edge=True)
O("plural", '{{ plural "one" "many" 1 }}|{{ plural "one" "many" 2 }}')
O("plural", '{{ plural "one" "many" 0 }}|{{ plural "one" "many" -1 }}', edge=True)
D("plural", '[{{ plural "a" "b" .n }}]|[{{ plural "a" "b" nil }}]', "[<no value>]|[b]", ES, edge=True)
O("wrap", '{{ wrap 5 "hello world foo" }}|{{ wrap 10 "a very long sentence here" }}')
O("wrap", '[{{ wrap 3 "abcdefgh" }}]|[{{ wrap 10 "" }}]', edge=True)
D("wrap", '[{{ wrap .n "a b" }}]|[{{ wrap 5 .n }}]', "[<no value>]|[<no value>]", ES, edge=True)
O("wrapWith", '{{ wrapWith 5 "<br>" "hello world foo" }}|{{ wrapWith 3 "|" "ab cd ef" }}')
O("wrapWith", '[{{ wrapWith 5 "" "hello world" }}]|[{{ wrapWith 5 "-" "" }}]', edge=True)
D("wrapWith", '[{{ wrapWith .n "-" "a b" }}]', "[<no value>]", ES, edge=True)
O("quote", '{{ quote "a" "b" }}|{{ quote "a\\"b" }}|{{ quote .n .f .t }}')
O("quote", '[{{ quote }}]|[{{ quote nil }}]|{{ quote "" }}|{{ quote "\\t\\u00e9\\x01" }}', edge=True)
O("squote", "{{ squote \"a\" \"b\" }}|{{ squote .n .f }}|{{ squote \"it's\" }}")
O("squote", '[{{ squote }}]|[{{ squote nil }}]|{{ squote "" }}', edge=True)
O("cat", '{{ cat "a" "b" 3 }}|{{ cat .l .n }}')
O("cat", '[{{ cat }}]|[{{ cat "x" nil }}]|[{{ cat "" "" }}]', edge=True)
for f in ["indent", "nindent"]:
    O(f, f'[{{{{ {f} 2 "a\\nb" }}}}]|[{{{{ {f} 4 "x" }}}}]')
    O(f, f'[{{{{ {f} 2 "a\\n" }}}}]|[{{{{ {f} 0 "a" }}}}]|[{{{{ {f} 2 "" }}}}]', edge=True)
    D(f, f'[{{{{ {f} .n "a" }}}}]|[{{{{ {f} 2 .n }}}}]|[{{{{ {f} 2 nil }}}}]',
      "[<no value>]|[<no value>]|[" + ("\n" if f == "nindent" else "") + "  ]", ES, edge=True)
O("splitList", '{{ splitList "." .host }}|{{ splitList "," "a,,b" }}')
O("splitList", '{{ splitList "," "" }}|{{ splitList "" "abc" }}|{{ len (splitList "," "") }}', edge=True)
D("splitList", '[{{ splitList "," .n }}]|[{{ splitList "," nil }}]', "[<no value>]|[[]]", ES, edge=True)
O("split", '{{ split "." .host }}|{{ (split "." .host)._1 }}')
O("split", '{{ split "," "" }}|{{ split "" "ab" }}', edge=True)
D("split", '[{{ split "," .n }}]', "[<no value>]", ES, edge=True)
O("splitn", '{{ splitn "." 2 .host }}|{{ (splitn "." 2 .host)._1 }}')
O("splitn", '{{ splitn "," 0 "a,b" }}|{{ splitn "," -1 "a,b,c" }}|{{ splitn "," 5 "a" }}', edge=True)
D("splitn", '[{{ splitn "," .n "a,b" }}]', "[<no value>]", ES, edge=True)
O("substr", '{{ substr 1 3 .s }}|{{ substr 0 5 .s }}|{{ substr 1 3 .u }}')
D("substr", '[{{ substr -1 3 .s }}]|[{{ substr 2 -1 .s }}]|[{{ substr 3 1 .s }}]|[{{ substr 0 99 .s }}]',
  "[]|[ll]|[]|[hello]", FMT, edge=True)
D("substr", '[{{ substr .n 4 .s }}]|[{{ substr 1 2 .n }}]', "[<no value>]|[<no value>]", ES, edge=True)
O("seq", '{{ seq 3 }}|{{ seq 2 5 }}|{{ seq 0 2 10 }}')
O("seq", '[{{ seq 0 }}]|{{ seq -2 }}|{{ seq 5 2 }}|[{{ seq 1 0 3 }}]', edge=True)
D("seq", '[{{ seq .n }}]', "[<no value>]", ES, edge=True)
O("toStrings", '{{ toStrings (list 1 "a" 2.5) }}|{{ printf "%T" (toStrings .l) }}')
O("toStrings", '{{ toStrings (list) }}|{{ toStrings (list nil true) }}', edge=True)
O("toStrings", '{{ toStrings "x" }}|{{ toStrings 3 }}', edge=True)
O("swapcase", '{{ swapcase "Ab Cd" }}|{{ swapcase "hELLO" }}')
O("swapcase", '[{{ swapcase "" }}]|{{ swapcase "123 _x" }}', edge=True)
D("swapcase", '[{{ swapcase .n }}]|[{{ swapcase nil }}]', "[<no value>]|[]", ES, edge=True)
O("untitle", '{{ untitle "Hello World" }}|{{ untitle "ABC DEF" }}')
O("untitle", '[{{ untitle "" }}]|{{ untitle "a" }}', edge=True)
D("untitle", '[{{ untitle .n }}]', "[<no value>]", ES, edge=True)
O("title", '{{ title "hello world" }}|{{ title "élan vital" }}')
D("title", '{{ title "hELLO wORLD" }}|{{ title "a.b c-d e_f" }}|[{{ title "" }}]', "Hello World|A.b C-D E_f|[]", FMT, edge=True)
D("title", '[{{ title .n }}]', "[<no value>]", ES, edge=True)
O("snakecase", '{{ snakecase "HelloWorld fooBar" }}|{{ snakecase "HTTPServer" }}')
O("snakecase", '[{{ snakecase "" }}]|{{ snakecase "already_snake" }}', edge=True)
D("snakecase", '[{{ snakecase .n }}]', "[<no value>]", ES, edge=True)
O("kebabcase", '{{ kebabcase "HelloWorld fooBar" }}|{{ kebabcase "FirstName" }}')
O("kebabcase", '[{{ kebabcase "" }}]|{{ kebabcase "a" }}', edge=True)
D("kebabcase", '[{{ kebabcase .n }}]', "[<no value>]", ES, edge=True)
O("camelcase", '{{ camelcase "hello_world" }}|{{ camelcase "foo-bar baz" }}')
D("camelcase", '{{ camelcase "ABC" }}|[{{ camelcase "" }}]', "ABC|[]", FMT, edge=True)
D("camelcase", '[{{ camelcase .n }}]', "[<no value>]", ES, edge=True)
O("hello", "{{ hello }}")
OS("hello", '[{{ hello 1 }}]')
O("hello", '{{ hello | upper }}|{{ len hello }}')
O("join", '{{ join "," .l }}|{{ join "-" (list 1 2 3) }}')
D("join", '{{ join "," (list (list 1 2) (dict "a" 1)) }}|{{ join "," (list "a" nil "b") }}', ",|a,b", NILC, edge=True)
O("join", '[{{ join "," (list) }}]|{{ join "" .l }}', edge=True)
# sprout-only string functions
D("capitalize", '{{ capitalize "hello" }}|{{ capitalize "hello world" }}', "Hello|Hello world",
  "sprout strings registry (capitalize: upper-cases the first letter); measured in unit tests")
D("capitalize", '[{{ capitalize "" }}]|{{ capitalize "1abc" }}', "[]|1Abc",
  "sprout strings registry (capitalize: first letter, skipping non-letters)", edge=True)
D("capitalize", '[{{ capitalize .n }}]', "[<no value>]", ES, edge=True)
D("uncapitalize", '{{ uncapitalize "Hello" }}|{{ uncapitalize "HELLO World" }}', "hello|hELLO World",
  "sprout strings registry (uncapitalize: lower-cases the first letter)")
D("uncapitalize", '[{{ uncapitalize "" }}]', "[]", "sprout strings registry", edge=True)
D("uncapitalize", '[{{ uncapitalize .n }}]', "[<no value>]", ES, edge=True)
for f, simple, out in [("toCamelCase", '"foo bar"', "fooBar"), ("toDotCase", '"foo bar"', "foo.bar"),
                       ("toPathCase", '"foo bar"', "foo/bar"), ("toConstantCase", '"foo bar"', "FOO_BAR"),
                       ("toPascalCase", '"foo bar"', "FooBar"), ("toKebabCase", '"foo bar"', "foo-bar"),
                       ("toSnakeCase", '"foo bar"', "foo_bar")]:
    D(f, f'{{{{ {f} {simple} }}}}', out, "sprout strings registry tests (registry/strings/functions_test.go)")
    D(f, f'[{{{{ {f} "" }}}}]', "[]", "sprout strings registry tests (registry/strings/functions_test.go)", edge=True)
    D(f, f'[{{{{ {f} .n }}}}]', "[<no value>]", ES, edge=True)
D("toDotCase", '{{ toDotCase "HelloWorld" }}', "hello.world", "sprout strings registry tests")
D("toConstantCase", '{{ toConstantCase "hello world" }}', "HELLO_WORLD", "sprout strings registry tests")
D("toCamelCase", '{{ toCamelCase "foo_bar" }}|{{ toCamelCase "foo-bar_baz" }}', "fooBar|fooBarBaz", "sprout strings registry tests")

# ---------------------------------------------------------------- lists
O("list", '{{ list 1 "a" 2.5 nil }}|{{ printf "%T" (list) }}')
O("list", '{{ list }}|{{ len (list) }}', edge=True)
O("list", '{{ list (list 1) (dict) }}')
O("tuple", '{{ tuple 1 "a" }}|{{ tuple }}', edge=True)
O("tuple", '{{ printf "%T" (tuple 1) }}')
O("tuple", '{{ tuple (tuple) nil }}', edge=True)
for f in ["append", "push"]:
    O(f, f'{{{{ {f} .l "z" }}}}|{{{{ {f} (list) 1 }}}}')
    D(f, f'{{{{ list 1 2 | {f} 3 }}}}', "[1 2 3]", NILC)
    D(f, f'[{{{{ {f} nil 1 }}}}]', "[[]]", NILC, edge=True)
    DE(f, f'{{{{ {f} (list 1) (list 2) }}}}', "PROCESS CRASH", CRASH)
O("mustAppend", '{{ mustAppend .l "z" }}|{{ mustAppend .nl 4 }}')
DE("mustAppend", '{{ mustAppend nil 1 }}', err_at("mustAppend nil 1", "mustAppend", "cannot append to nil"),
   "sprigin.md \u00a7Rules: Error swallowing (must* errors are sprout's; measured list-mustAppend-nil)")
O("mustAppend", '{{ mustAppend .el 1 }}', edge=True)
O("prepend", '{{ prepend .l "z" }}|{{ prepend (list) 1 }}')
D("prepend", '{{ list 1 2 | prepend 0 }}', "[0 1 2]", NILC)
D("prepend", '[{{ prepend nil 1 }}]', "[[]]", NILC, edge=True)
DE("prepend", '{{ prepend .l (list 1) }}', "PROCESS CRASH", CRASH)
O("mustPrepend", '{{ mustPrepend .l "z" }}')
O("mustPrepend", '{{ mustPrepend .el 1 }}|{{ mustPrepend .nl 0 }}', edge=True)
O("mustPrepend", '{{ mustPrepend (list nil) "x" }}', edge=True)
for f in ["first", "last"]:
    O(f, f'{{{{ {f} .l }}}}|{{{{ {f} .nl }}}}|{{{{ {f} (list nil) }}}}')
    D(f, f'[{{{{ {f} nil }}}}]|[{{{{ {f} .el }}}}]|[{{{{ {f} .m }}}}]|[{{{{ {f} .s }}}}]|[{{{{ {f} .n }}}}]',
      "[<no value>]|[<no value>]|[<no value>]|[<no value>]|[<no value>]", NILC, edge=True)
    O(f, f'{{{{ {f} (list (list 1 2)) }}}}')
for f in ["rest", "initial", "reverse", "uniq", "compact"]:
    O(f, f'{{{{ {f} .l }}}}|{{{{ {f} (list 1 "" 0 nil 1 false "x") }}}}')
    D(f, f'{{{{ {f} nil }}}}|{{{{ {f} .el }}}}|{{{{ {f} .m }}}}|{{{{ {f} .s }}}}|{{{{ {f} .n }}}}',
      "[]|[]|[]|[]|[]", NILC, edge=True)
    O(f, f'{{{{ {f} (list 1) }}}}|{{{{ {f} (list nil nil) }}}}', edge=True)
D("uniq", '[{{ uniq (list (list 1) (list 1)) }}]', "[<no value>]", NILC, edge=True)
for f in ["mustFirst", "mustLast"]:
    O(f, f'{{{{ {f} .l }}}}|{{{{ {f} .nl }}}}')
    O(f, f'[{{{{ {f} .el }}}}]', edge=True)
    O(f, f'[{{{{ {f} (list nil) }}}}]', edge=True)
for f in ["mustRest", "mustInitial", "mustReverse", "mustUniq", "mustCompact"]:
    O(f, f'{{{{ {f} .l }}}}|{{{{ {f} (list 1 "" 0 nil 1 false "x") }}}}')
    O(f, f'{{{{ {f} .el }}}}', edge=True)
    O(f, f'{{{{ {f} (list 1) }}}}|{{{{ {f} (list nil nil) }}}}', edge=True)
D("flatten", '{{ flatten .ll }}|{{ flatten (list 1 (list 2 (list 3))) }}', "[1 2 3 4 5]|[1 2 3]",
  "sprigin.md \u00a7Rules: Nil / wrong-kind collections (flatten); sprout slices registry")
D("flatten", '{{ flatten nil }}|{{ flatten .el }}|{{ flatten .m }}|{{ flatten .s }}', "[]|[]|[]|[]", NILC, edge=True)
D("flatten", '{{ flatten .l }}', "[b a c a]", "sprout slices registry (flatten of a flat list)")
D("flattenDepth", '{{ flattenDepth 1 .ll }}|{{ flattenDepth -1 .ll }}', "[1 2 3 [4 5]]|[1 2 3 4 5]",
  "sprout slices registry (flattenDepth n: n levels, -1 all)")
D("flattenDepth", '{{ flattenDepth 0 .ll }}', "[[1 2] [3 [4 5]]]", "sprout slices registry (depth 0 keeps the list)", edge=True)
D("flattenDepth", '[{{ flattenDepth .n .ll }}]', "[<no value>]", ES, edge=True)
O("has", '{{ has "a" .l }}|{{ has "z" .l }}|{{ has 1 (list 1 2) }}')
D("has", '{{ has 1 nil }}|{{ has 1 .m }}', "false|false", NILC, edge=True)
D("has", '{{ .l | has "a" }}|{{ has nil (list nil) }}', "true|true", NILC)
O("mustHas", '{{ mustHas "a" .l }}|{{ mustHas "z" .l }}')
O("mustHas", '{{ mustHas nil (list nil) }}|{{ mustHas 1 .el }}', edge=True)
O("mustHas", '{{ mustHas .n .nl }}', edge=True)
O("without", '{{ without .l "a" }}|{{ without .nl 3 }}|{{ without .l "z" }}')
D("without", '{{ list 1 2 3 | without 1 }}', "[2 3]", NILC)
DE("without", '{{ without .l .l }}', "PROCESS CRASH", CRASH)
O("mustWithout", '{{ mustWithout .l "a" }}|{{ mustWithout .nl 3 }}')
O("mustWithout", '{{ mustWithout .el 1 }}', edge=True)
O("mustWithout", '{{ mustWithout (list 1 1 1) 1 }}', edge=True)
O("slice", '{{ slice .l 1 3 }}|{{ slice .l 2 }}|{{ slice .l }}')
D("slice", '[{{ slice .l 3 9 }}]|[{{ slice .l 2 1 }}]', "[<no value>]|[<no value>]", NILC, edge=True)
DE("slice", '{{ slice nil nil }}', "PROCESS CRASH", CRASH)
O("mustSlice", '{{ mustSlice .l 1 3 }}|{{ mustSlice .l 2 }}')
O("mustSlice", '{{ mustSlice .l 4 }}|{{ mustSlice .l 1 1 }}', edge=True)
O("mustSlice", '{{ mustSlice .l 0 0 }}', edge=True)
O("concat", '{{ concat .l .nl }}|{{ concat (list 1) (list (list 2)) }}')
D("concat", '{{ concat .l "x" }}|{{ concat nil .nl }}|{{ concat }}', "[b a c a]|[3 1 2]|[]", NILC, edge=True)
O("concat", '{{ concat .el .el }}', edge=True)
O("chunk", '{{ chunk 2 .l }}|{{ chunk 3 (list 1 2 3 4) }}')
D("chunk", '[{{ chunk 0 .l }}]', "[<no value>]", NILC, edge=True)
O("chunk", '{{ chunk 5 .l }}|{{ chunk 2 .el }}', edge=True)
O("mustChunk", '{{ mustChunk 2 .l }}|{{ mustChunk 1 .nl }}')
O("mustChunk", '{{ mustChunk 2 .el }}|{{ mustChunk 9 .nl }}', edge=True)
O("mustChunk", '{{ mustChunk 3 (list nil nil) }}', edge=True)
O("sortAlpha", '{{ sortAlpha .l }}|{{ sortAlpha (list 10 2 1) }}')
D("sortAlpha", '{{ sortAlpha .n }}|{{ sortAlpha .s }}|{{ sortAlpha .el }}', "[3]|[hello]|[]", NILC, edge=True)
D("sortAlpha", '{{ sortAlpha (list 1.5 "a" true nil) }}', "[1.5 a true]", NILC, edge=True)
O("until", '{{ until 3 }}|{{ until 0 }}')
D("until", '{{ until -2 }}|[{{ until .n }}]', "[0 -1]|[<no value>]", NUM, edge=True)
O("until", '{{ printf "%T" (until 2) }}')
O("untilStep", '{{ untilStep 0 10 3 }}|{{ untilStep 5 0 -2 }}')
D("untilStep", '{{ untilStep 0 10 0 }}|[{{ untilStep 0 .n 1 }}]', "[]|[<no value>]", NUM, edge=True)
O("untilStep", '{{ untilStep 3 3 1 }}|{{ untilStep 0 3 -1 }}', edge=True)

# ---------------------------------------------------------------- dicts
O("dict", '{{ dict "a" 1 "b" "x" }}|{{ printf "%T" (dict) }}')
O("dict", '{{ dict }}|{{ dict "a" }}|{{ dict "a" 1 "a" 2 }}', edge=True)
O("dict", '{{ (dict "k" (list 1 2)).k }}')
O("get", '{{ get .m "a" }}|[{{ get .m "zz" }}]')
D("get", '[{{ get nil "a" }}]|[{{ get .l "a" }}]|{{ .m | get "b" }}', "[]|[]|2", NILC, edge=True)
D("get", '{{ printf "%T" (get .m "zz") }}', "string", NILC, edge=True)
O("set", '{{ $d := dict "a" 1 }}{{ set $d "b" 2 }}|{{ $d }}')
D("set", '[{{ set .s "a" 1 }}]|[{{ set nil "a" 1 }}]', "[map[]]|[map[]]", NILC, edge=True)
O("set", '{{ set (dict "a" 1) "a" nil }}', edge=True)
O("unset", '{{ $d := dict "a" 1 "b" 2 }}{{ unset $d "a" }}|{{ $d }}')
D("unset", '[{{ unset .s "a" }}]|[{{ unset nil "a" }}]', "[map[]]|[map[]]", NILC, edge=True)
O("unset", '{{ unset (dict "a" 1) "zz" }}', edge=True)
O("hasKey", '{{ hasKey .m "a" }}|{{ hasKey .m "zz" }}')
D("hasKey", '{{ hasKey nil "a" }}|{{ hasKey .l "a" }}|{{ .m | hasKey "a" }}', "false|false|true", NILC, edge=True)
O("hasKey", '{{ hasKey .em "" }}|{{ hasKey (dict "" 1) "" }}', edge=True)
O("pluck", '{{ pluck "a" .m (dict "a" 9) (dict "b" 1) }}')
D("pluck", '[{{ pluck "name" (list (dict "name" "x")) }}]', "[<no value>]", NILC, edge=True)
O("pluck", '{{ pluck "a" }}|{{ pluck "zz" .m }}', edge=True)
O("pick", '{{ pick .m "a" "c" "zz" }}|{{ pick .m }}')
D("pick", '[{{ pick .s "a" }}]|[{{ pick nil "a" }}]', "[map[]]|[map[]]", NILC, edge=True)
DE("pick", '{{ pick .m .m }}', "PROCESS CRASH", CRASH)
O("omit", '{{ omit .m "a" }}|{{ omit .m "zz" }}|{{ omit .m "a" "b" "c" }}')
D("omit", '[{{ omit .s "a" }}]|[{{ omit nil "a" }}]', "[map[]]|[map[]]", NILC, edge=True)
DE("omit", '{{ omit .m .m }}', "PROCESS CRASH", CRASH)
O("merge", '{{ merge (dict "a" 1) (dict "a" 2 "b" 3) }}|{{ merge (dict) .m }}')
D("merge", '{{ merge (dict "b" 0 "c" "") (dict "b" 2 "c" "x") }}', "map[b:0 c:]",
  "sprigin.md \u00a7Rules: Output formats (merge: mergo 1.0 keeps zero values)", edge=True)
D("merge", '[{{ merge .s .m }}]|[{{ merge .m }}]', "[<no value>]|[map[a:1 b:2 c:3]]", ES, edge=True)
O("mustMerge", '{{ mustMerge (dict "a" 1) (dict "a" 2 "b" 3) }}')
O("mustMerge", '{{ mustMerge (dict) (dict) }}|{{ mustMerge (dict "a" nil) (dict "a" 1) }}', edge=True)
O("mustMerge", '{{ mustMerge (dict "a" (dict "x" 1)) (dict "a" (dict "y" 2)) }}')
O("mergeOverwrite", '{{ mergeOverwrite (dict "a" 1) (dict "a" 2 "b" 3) }}')
O("mergeOverwrite", '{{ mergeOverwrite (dict) (dict) }}|{{ mergeOverwrite (dict "a" 1) (dict "a" nil) }}', edge=True)
D("mergeOverwrite", '[{{ mergeOverwrite .s .m }}]', "[<no value>]", ES, edge=True)
O("mustMergeOverwrite", '{{ mustMergeOverwrite (dict "a" 1) (dict "a" 2 "b" 3) }}')
O("mustMergeOverwrite", '{{ mustMergeOverwrite (dict) (dict) }}', edge=True)
O("mustMergeOverwrite", '{{ mustMergeOverwrite (dict "a" (dict "x" 1)) (dict "a" (dict "x" 2)) }}')
O("keys", '{{ keys (dict "a" 1) }}|{{ keys .m | sortAlpha }}')
D("keys", '{{ keys nil }}|[{{ keys .s }}]', "[]|[<no value>]", NILC, edge=True)
O("keys", '{{ keys .em }}|{{ keys .m .em | sortAlpha }}', edge=True)
O("values", '{{ values (dict "a" 1) }}|{{ values .m | sortAlpha }}')
D("values", '{{ values nil }}|[{{ values .s }}]', "[]|[<no value>]", NILC, edge=True)
O("values", '{{ values .em }}', edge=True)
O("dig", '{{ dig "x" "y" "z" "d" .nested }}|{{ dig "x" "q" "d" .nested }}')
D("dig", '[{{ dig "x" "y" "z" "q" "d" .nested }}]|[{{ dig "a" "d" nil }}]|[{{ dig "a" .m }}]', "[d]|[<no value>]|[<no value>]", DIG, edge=True)
D("dig", '{{ dig "a" "d" (dict "a" nil) }}|{{ dig "a" "d" (dict "a" false) }}|{{ dig "a" "d" (dict "a" 0) }}', "d|false|0", DIG, edge=True)
O("deepCopy", '{{ deepCopy .m }}|{{ deepCopy .l }}|{{ deepCopy 3 }}')
O("deepCopy", '{{ $a := dict "x" (list 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b "y" 2 }}{{ $a }}|{{ $b }}')
D("deepCopy", '[{{ deepCopy nil }}]', "[<no value>]", ES, edge=True)
O("mustDeepCopy", '{{ mustDeepCopy .m }}|{{ mustDeepCopy .l }}')
O("mustDeepCopy", '{{ mustDeepCopy .el }}|{{ mustDeepCopy .em }}|{{ mustDeepCopy "" }}', edge=True)
O("mustDeepCopy", '{{ mustDeepCopy .nested }}')

# ---------------------------------------------------------------- defaults / flow / reflect
O("default", '{{ default "D" "" }}|{{ default "D" "x" }}|{{ default "D" 0 }}|{{ default "D" .zs }}')
D("default", '[{{ default }}]|{{ default "D" nil }}|{{ default "D" .el }}', "[<no value>]|D|D", DEF, edge=True)
O("default", '{{ default "D" .l }}|{{ default "D" .em }}|{{ default 5 false }}')
O("empty", '{{ empty "" }}|{{ empty "x" }}|{{ empty 0 }}|{{ empty .l }}')
O("empty", '{{ empty nil }}|{{ empty .em }}|{{ empty .el }}|{{ empty false }}|{{ empty "0" }}', edge=True)
O("empty", '{{ empty 0.0 }}|{{ empty .m }}')
O("coalesce", '{{ coalesce 0 "" "x" }}|{{ coalesce .l "y" }}')
D("coalesce", '[{{ coalesce }}]|[{{ coalesce nil nil }}]', "[<no value>]|[<no value>]", DEF, edge=True)
O("coalesce", '{{ coalesce .el .em 0 "z" }}')
O("all", '{{ all 1 "a" true }}|{{ all 1 "" }}')
O("all", '{{ all }}|{{ all nil }}|{{ all .el }}', edge=True)
O("all", '{{ all .l .m }}')
O("any", '{{ any 0 "" "a" }}|{{ any 0 "" }}')
O("any", '{{ any }}|{{ any nil }}|{{ any .em }}', edge=True)
O("any", '{{ any .l }}')
O("ternary", '{{ ternary "Y" "N" true }}|{{ ternary "Y" "N" false }}')
D("ternary", '[{{ ternary "Y" "N" 1 }}]|[{{ ternary "Y" "N" "true" }}]|{{ ternary "Y" "N" nil }}', "[<no value>]|[<no value>]|N", DEF, edge=True)
O("ternary", '{{ true | ternary 1 2 }}|{{ ternary .l .m .t }}')
D("fail", 'a{{ fail "boom" }}b', "a<nil>b", ES, edge=True)
D("fail", '[{{ fail 1 }}]|[{{ fail }}]', "[<no value>]|[<no value>]", ES, edge=True)
D("fail", '{{ with (fail "x") }}W{{ else }}E{{ end }}', "E", ES, edge=True)
O("typeOf", '{{ typeOf .n }}|{{ typeOf .f }}|{{ typeOf .s }}|{{ typeOf .l }}|{{ typeOf .m }}|{{ typeOf 1 }}')
O("typeOf", '{{ typeOf nil }}|{{ typeOf .t }}|{{ typeOf (list) }}', edge=True)
O("typeOf", '{{ typeOf (dict) }}|{{ typeOf 1.0 }}|{{ typeOf "" }}')
O("typeIs", '{{ typeIs "int64" .n }}|{{ typeIs "string" .n }}|{{ typeIs "int" 1 }}')
O("typeIs", '{{ typeIs "<nil>" nil }}|{{ typeIs "" nil }}', edge=True)
D("typeIs", '[{{ typeIs 1 .n }}]', "[<no value>]", ES, edge=True)
O("typeIsLike", '{{ typeIsLike "int64" .n }}|{{ typeIsLike "[]interface {}" .l }}')
O("typeIsLike", '{{ typeIsLike "string" .n }}|{{ typeIsLike "" "" }}', edge=True)
D("typeIsLike", '[{{ typeIsLike 1 .n }}]', "[<no value>]", ES, edge=True)
O("kindOf", '{{ kindOf .n }}|{{ kindOf .l }}|{{ kindOf .m }}|{{ kindOf "" }}')
D("kindOf", '[{{ kindOf nil }}]|[{{ kindOf .missing }}]', "[]|[]", DEF, edge=True)
O("kindOf", '{{ kindOf 1 }}|{{ kindOf 1.5 }}|{{ kindOf true }}')
O("kindIs", '{{ kindIs "int64" .n }}|{{ kindIs "slice" .l }}|{{ kindIs "map" .l }}')
D("kindIs", '{{ kindIs "invalid" nil }}', "false", DEF, edge=True)
D("kindIs", '[{{ kindIs 1 .n }}]', "[<no value>]", ES, edge=True)
O("deepEqual", '{{ deepEqual .l .l }}|{{ deepEqual (list 1) (list 1) }}|{{ deepEqual .m (dict "a" 1) }}')
O("deepEqual", '{{ deepEqual nil nil }}|{{ deepEqual 1 .n }}|{{ deepEqual "" nil }}', edge=True)
O("deepEqual", '{{ deepEqual (dict) .em }}|{{ deepEqual .el (list) }}')
D("hasField", '{{ hasField "Major" (semver "1.2.3") }}|{{ hasField "Nope" (semver "1.2.3") }}', "true|false",
  "sprout reflect registry (hasField on a struct pointer); semver returns *semver.Version")
D("hasField", '{{ hasField "a" .m }}', "false", "sprout reflect registry (hasField: maps are not structs)", edge=True)
D("hasField", '[{{ hasField 1 .m }}]', "[<no value>]", ES, edge=True)

# ---------------------------------------------------------------- math
D("add", '{{ add 1 2 3 }}|{{ add .n .f }}|{{ add 1.5 3 }}', "6|4|4.5", NUM)
D("add", '[{{ add nil 3 }}]|{{ add 3 nil }}|[{{ add "2" 3 }}]|{{ add 3 "2" }}|{{ add "abc" 3 }}', "[<no value>]|3|[<no value>]|5|0", NUM, edge=True)
D("add", '[{{ add true 1 }}]|{{ printf "%T" (add .n 1) }}', "[<no value>]|int64", NUM, edge=True)
D("addf", '{{ addf .n 1.5 }}|{{ addf 1.5 2 }}|{{ printf "%T" (addf 1 2) }}', "4|3.5|int", NUM)
D("addf", '[{{ addf nil 1 }}]|{{ addf "abc" 3 }}', "[<no value>]|0", NUM, edge=True)
D("addf", '{{ addf 0.1 0.2 }}', "0.30000000000000004", NUM)
D("sub", '{{ sub 5 2 }}|{{ sub .n .f }}|{{ sub .f .n }}', "3|1|-1.5", NUM)
D("sub", '[{{ sub "2" 3 }}]|{{ sub 3 nil }}|{{ sub 3 "abc" }}', "[<no value>]|3|0", NUM, edge=True)
D("sub", '{{ sub 1 2 }}|{{ printf "%T" (sub 3 1.5) }}', "-1|int", NUM)
D("subf", '{{ subf .n 1.5 }}|{{ subf 1.5 2 }}', "1|-0.5", NUM)
D("subf", '[{{ subf nil 1 }}]|{{ subf "abc" 3 }}', "[<no value>]|0", NUM, edge=True)
D("subf", '{{ printf "%T" (subf .n 1) }}', "int64", NUM)
D("mul", '{{ mul 2 3 }}|{{ mul 1.5 2 }}|{{ printf "%T" (mul 2 3) }}', "6|3|int64", NUM)
D("mul", '[{{ mul nil 3 }}]|{{ mul "abc" 3 }}|{{ mul 3 "2" }}', "[<no value>]|0|6", NUM, edge=True)
D("mul", '{{ mul .n .f }}', "4", NUM)
D("mulf", '{{ mulf .n 1.5 }}|{{ mulf 1.5 2 }}|{{ mulf 0.1 3 }}', "4|3|0.30000000000000004", NUM)
D("mulf", '[{{ mulf nil 3 }}]|{{ mulf "abc" 3 }}', "[<no value>]|0", NUM, edge=True)
D("mulf", '{{ printf "%T" (mulf .n 1.5) }}', "int64", NUM)
D("div", '{{ div 7 2 }}|{{ div 3 1.5 }}|{{ div -7 2 }}', "3|2|-3", NUM)
D("div", '{{ div 5 0 }}|{{ div 0 0 }}', "-9223372036854775808|-9223372036854775808", NUM, edge=True)
D("div", '{{ div .fs 3 }}|{{ printf "%T" (div 7 2) }}', "1|int64", NUM)
D("divf", '{{ divf 7 2 }}|{{ divf 1 3 }}|{{ divf .n 1.5 }}', "3.5|0.3333333333333333|2", NUM)
D("divf", '{{ divf 1 0 }}|{{ divf "abc" 3 }}', "+Inf|0", NUM, edge=True)
D("divf", '{{ printf "%T" (divf .n 1.5) }}', "float64", NUM)
D("mod", '{{ mod 7 3 }}|{{ mod 7.5 2 }}|{{ mod -7 3 }}', "1|1.5|-1", NUM)
D("mod", '{{ mod 5 0 }}|[{{ mod "7" 3 }}]|[{{ mod nil 3 }}]', "-9223372036854775808|[<no value>]|[<no value>]", NUM, edge=True)
D("mod", '{{ printf "%T" (mod .n 2) }}', "int64", NUM)
for f in ["max", "biggest"]:
    D(f, f'{{{{ {f} 1 5 3 }}}}|{{{{ {f} 1 }}}}|{{{{ {f} 1.9 1.2 }}}}', "5|1|1", NUM)
    D(f, f'{{{{ {f} 3 "abc" }}}}|{{{{ {f} 3 nil }}}}', "0|3", NUM, edge=True)
    D(f, f'{{{{ printf "%T" ({f} .n 1) }}}}', "int64", NUM)
D("min", '{{ min 4 2 9 }}|{{ min "3" 7 }}|{{ min 1.5 3 }}', "2|3|1", NUM)
D("min", '{{ min nil 3 }}|{{ min "abc" 3 }}|{{ min true 3 }}', "0|0|1", NUM, edge=True)
D("min", '{{ printf "%T" (min .n 1) }}', "int64", NUM)
D("maxf", '{{ maxf 1 2.5 }}|{{ maxf .n 1.5 }}', "2.5|3", NUM)
D("maxf", '{{ maxf "abc" 3 }}|{{ printf "%T" (maxf 1 2) }}', "0|float64", NUM, edge=True)
D("maxf", '{{ maxf -1.5 -2 }}', "-1.5", NUM)
D("minf", '{{ minf 1 2.5 }}|{{ minf .n 1.5 }}', "1|1.5", NUM)
D("minf", '{{ minf "abc" 3 }}|{{ printf "%T" (minf 1 2) }}', "0|float64", NUM, edge=True)
D("minf", '{{ minf -1.5 -2 }}', "-2", NUM)
D("add1", '{{ add1 .n }}|{{ add1 1.5 }}|{{ add1 1 }}', "4|2.5|2", NUM)
D("add1", '{{ add1 "5" }}|[{{ add1 nil }}]', "0|[<no value>]", NUM, edge=True)
D("add1", '{{ printf "%T" (add1 .n) }}', "int64", NUM)
D("add1f", '{{ add1f .n }}|{{ add1f 1.5 }}', "4|2.5", NUM + " (add1f is add1 in sprout)")
D("add1f", '{{ add1f "5" }}|[{{ add1f nil }}]', "0|[<no value>]", NUM + " (add1f is add1 in sprout)", edge=True)
D("add1f", '{{ printf "%T" (add1f 1) }}', "int", NUM + " (add1f is add1 in sprout)")
D("round", '{{ round 3.14159 2 }}|{{ round 2.5 0 }}|{{ round 1234.5678 -2 }}', "3.14|3|1200", NUM)
D("round", '{{ round -1.5 0 }}|{{ round -2.5 0 }}|[{{ round 1.5 .z }}]|{{ round nil 2 }}', "-2|-3|[<no value>]|0", NUM, edge=True)
D("round", '{{ round "2.567" 2 }}|{{ printf "%T" (round 1 0) }}', "2.57|float64", NUM)
for f, a, b in [("floor", "3", "-2"), ("ceil", "4", "-1")]:
    D(f, f'{{{{ {f} 3.14159 }}}}|{{{{ {f} -1.5 }}}}', f"{a}|{b}", NUM)
    D(f, f'{{{{ {f} nil }}}}|{{{{ {f} true }}}}|{{{{ {f} "abc" }}}}', "0|1|0", NUM, edge=True)
    O(f, f'{{{{ {f} "2.5" }}}}|{{{{ printf "%T" ({f} 1) }}}}')

# ---------------------------------------------------------------- conversion
for f in ["int", "atoi", "toInt"]:
    D(f, f'{{{{ {f} "42" }}}}|{{{{ {f} 3.7 }}}}|{{{{ {f} "3.7" }}}}|{{{{ {f} "-5" }}}}', "42|3|3|-5", NUM)
    D(f, f'{{{{ {f} "0x1F" }}}}|{{{{ {f} "010" }}}}|{{{{ {f} "08" }}}}|{{{{ {f} "1_000" }}}}|{{{{ {f} " 42 " }}}}', "31|8|0|1000|0", NUM, edge=True)
    D(f, f'{{{{ {f} nil }}}}|{{{{ {f} true }}}}|{{{{ {f} .l }}}}|{{{{ {f} "abc" }}}}|{{{{ {f} 1e21 }}}}', "0|1|0|0|-9223372036854775808", NUM, edge=True)
for f in ["int64", "toInt64"]:
    D(f, f'{{{{ {f} "42" }}}}|{{{{ {f} 3.7 }}}}|{{{{ printf "%T" ({f} 1) }}}}', "42|3|int64", NUM)
    D(f, f'{{{{ {f} "0x1F" }}}}|{{{{ {f} "010" }}}}|{{{{ {f} "08" }}}}', "31|8|0", NUM, edge=True)
    D(f, f'{{{{ {f} nil }}}}|{{{{ {f} true }}}}|{{{{ {f} "abc" }}}}', "0|1|0", NUM, edge=True)
for f in ["float64", "toFloat64"]:
    D(f, f'{{{{ {f} "42" }}}}|{{{{ {f} "3.7" }}}}|{{{{ {f} "08" }}}}|{{{{ {f} "010" }}}}', "42|3.7|8|10", NUM)
    D(f, f'{{{{ {f} "0x10" }}}}|{{{{ {f} nil }}}}|{{{{ {f} true }}}}|{{{{ {f} "abc" }}}}', "0|0|1|0", NUM, edge=True)
    D(f, f'{{{{ printf "%T" ({f} 1) }}}}|{{{{ {f} .n }}}}', "float64|3", NUM)
    D(f, f'{{{{ {f} "1e_5" }}}}|{{{{ {f} "1_e5" }}}}|{{{{ {f} "1_0.5" }}}}|{{{{ {f} "-Inf" }}}}', "0|0|10.5|-Inf",
      NUM + " (strconv.ParseFloat: underscores only between digits; the oracle agrees)", edge=True)
for f in ["toDecimal", "toOctal"]:
    D(f, f'{{{{ {f} "777" }}}}|{{{{ {f} 1 }}}}', "511|1", "sprigin.md measured (conv2 cases: toOctal/toDecimal read octal text)")
    D(f, f'{{{{ {f} "3.7" }}}}|{{{{ {f} "yes" }}}}|{{{{ {f} nil }}}}|{{{{ {f} 2.5 }}}}', "0|0|0|0", NUM, edge=True)
    D(f, f'{{{{ {f} "8" }}}}|{{{{ printf "%T" ({f} "7") }}}}', "0|int64", "sprout conversion registry (strconv.ParseInt base 8)", edge=True)
D("toBool", '{{ toBool "true" }}|{{ toBool 1 }}|{{ toBool 2.5 }}|{{ toBool "1" }}', "true|true|true|true", "sprigin measured (conv2) and spf13/cast ToBool")
D("toBool", '{{ toBool nil }}|{{ toBool "yes" }}|{{ toBool "3.7" }}|{{ toBool 0 }}', "false|false|false|false", "sprigin measured (conv2) and spf13/cast ToBool", edge=True)
D("toBool", '{{ toBool "false" }}|{{ printf "%T" (toBool 1) }}', "false|bool", "spf13/cast ToBool (strconv.ParseBool)")
for f in ["toUint", "toUint64"]:
    D(f, f'{{{{ {f} "42" }}}}|{{{{ {f} 1 }}}}|{{{{ {f} 2.5 }}}}', "42|1|2", "sprigin measured (conv2) and spf13/cast 1.10")
    D(f, f'{{{{ {f} nil }}}}|{{{{ {f} "yes" }}}}', "0|0", "sprigin measured (conv2: failures give 0)", edge=True)
    D(f, f'{{{{ printf "%T" ({f} 1) }}}}', "uint" if f == "toUint" else "uint64", "sprout conversion registry (return type)")
O("toString", '{{ toString "x" }}|{{ toString .n }}|{{ toString .f }}|{{ toString .l }}')
D("toString", '{{ toString nil }}|{{ toString 1e21 }}|{{ toString .em }}', "<nil>|1e+21|map[]", FMT, edge=True)
O("toString", '{{ toString true }}|{{ toString .m }}|{{ printf "%T" (toString 1) }}')
D("toDuration", '{{ toDuration 90 }}|{{ toDuration "1h30m" }}|{{ toDuration .n }}', "90ns|1h30m0s|3ns", "sprigin measured (toDuration case)")
D("toDuration", '{{ toDuration "abc" }}|{{ toDuration nil }}', "0s|0s", "sprigin measured (toDuration case; failures → 0)", edge=True)
D("toDuration", '{{ toDuration "90" }}|{{ toDuration 1.5 }}', "90ns|1ns", "spf13/cast ToDuration (no unit → ns; floats truncated)")

# ---------------------------------------------------------------- paths
for f, alias in [("base", "pathBase"), ("dir", "pathDir"), ("ext", "pathExt"), ("clean", "pathClean"), ("isAbs", "pathIsAbs")]:
    O(f, f'{{{{ {f} "/a/b.txt" }}}}|{{{{ {f} "a/b/../c.tar.gz" }}}}|{{{{ {f} "/" }}}}')
    O(f, f'[{{{{ {f} "" }}}}]|[{{{{ {f} "a//" }}}}]|[{{{{ {f} "." }}}}]', edge=True)
    D(f, f'[{{{{ {f} .n }}}}]|[{{{{ {f} nil }}}}]', "[<no value>]|[" + {"base": ".", "dir": ".", "ext": "", "clean": ".", "isAbs": "false"}[f] + "]", ES, edge=True)
for f in ["osBase", "osDir", "osExt", "osClean", "osIsAbs"]:
    O(f, f'{{{{ {f} "/a/b.txt" }}}}|{{{{ {f} "a/b/../c.tar.gz" }}}}|{{{{ {f} "/" }}}}')
    O(f, f'[{{{{ {f} "" }}}}]|[{{{{ {f} "a//" }}}}]|[{{{{ {f} "." }}}}]', edge=True)
    D(f, f'[{{{{ {f} .n }}}}]', "[<no value>]", ES, edge=True)

# ---------------------------------------------------------------- encoding
O("b64enc", '{{ b64enc "hello" }}|{{ b64enc "h\u00e9" }}')
O("b64enc", '[{{ b64enc "" }}]|{{ b64enc "\\x00" }}', edge=True)
D("b64enc", '[{{ b64enc .n }}]|[{{ b64enc nil }}]', "[<no value>]|[]", ES, edge=True)
O("b64dec", '{{ b64dec "aGVsbG8=" }}|{{ b64dec "aMOp" }}')
D("b64dec", '[{{ b64dec "!!" }}]|[{{ b64dec "aGVsbG8" }}]', "[]|[]", ES, edge=True)
D("b64dec", '[{{ b64dec .n }}]|[{{ b64dec "" }}]', "[<no value>]|[]", ES, edge=True)
O("b32enc", '{{ b32enc "hello" }}|{{ b32enc "a" }}')
O("b32enc", '[{{ b32enc "" }}]', edge=True)
D("b32enc", '[{{ b32enc .n }}]', "[<no value>]", ES, edge=True)
O("b32dec", '{{ b32dec "NBSWY3DP" }}|{{ b32dec "ME======" }}')
D("b32dec", '[{{ b32dec "!!" }}]|[{{ b32dec "" }}]', "[]|[]", ES, edge=True)
D("b32dec", '[{{ b32dec .n }}]', "[<no value>]", ES, edge=True)
for f in ["toJson", "mustToJson"]:
    O(f, f'{{{{ {f} .m }}}}|{{{{ {f} .l }}}}|{{{{ {f} "a<b>&" }}}}')
    O(f, f'{{{{ {f} nil }}}}|{{{{ {f} .el }}}}|{{{{ {f} .em }}}}|{{{{ {f} "" }}}}', edge=True)
    O(f, f'{{{{ {f} (list 1.0 1.5 1e21 0.1 1e-7 100000.0) }}}}|{{{{ {f} (dict "b" 1 "a" 2 "B" 3 "10" 4) }}}}')
for f in ["toPrettyJson", "mustToPrettyJson"]:
    O(f, f'{{{{ {f} .m }}}}|{{{{ {f} .l }}}}')
    O(f, f'{{{{ {f} nil }}}}|{{{{ {f} .el }}}}|{{{{ {f} .em }}}}|{{{{ {f} "<" }}}}', edge=True)
    O(f, f'{{{{ {f} .nested }}}}')
for f in ["toRawJson", "mustToRawJson"]:
    O(f, f'{{{{ {f} (dict "h" "<&>") }}}}|{{{{ {f} .l }}}}')
    O(f, f'{{{{ {f} nil }}}}|{{{{ {f} .el }}}}|{{{{ {f} "" }}}}', edge=True)
    O(f, f'{{{{ {f} .nested }}}}')
O("fromJson", '{{ fromJson "{\\"a\\":1}" }}|{{ (fromJson "{\\"a\\":1}").a | printf "%T" }}|{{ fromJson "[1,2]" }}')
D("fromJson", '[{{ fromJson "{a:" }}]|[{{ fromJson "" }}]', "[<no value>]|[<no value>]", ES, edge=True)
D("fromJson", '[{{ fromJson .n }}]', "[<no value>]", ES, edge=True)
O("mustFromJson", '{{ mustFromJson "{\\"a\\":[1,null]}" }}|{{ mustFromJson "3" }}|{{ mustFromJson "\\"x\\"" }}')
O("mustFromJson", '{{ mustFromJson "null" }}|{{ mustFromJson "[]" }}', edge=True)
O("mustFromJson", '{{ mustFromJson "{}" }}', edge=True)
TY = "sprigin.md \u00a7Rules: Output formats (toYaml)"
for f in ["toYaml", "mustToYaml"]:
    D(f, f'[{{{{ {f} (dict "a" (list 1 2) "b" "x") }}}}]', "[a:\n    - 1\n    - 2\nb: x]", TY)
    D(f, f'[{{{{ {f} nil }}}}]|[{{{{ {f} .el }}}}]|[{{{{ {f} .em }}}}]|[{{{{ {f} "" }}}}]', '[null]|[[]]|[{}]|[""]', TY, edge=True)
    D(f, f'[{{{{ {f} (list "yes" "on" "null" "1.0" "0" ": b" "#x" " lead") }}}}]',
      "[- \"yes\"\n- \"on\"\n- \"null\"\n- \"1.0\"\n- \"0\"\n- ': b'\n- '#x'\n- ' lead']", TY, edge=True)
D("toYaml", '[{{ toYaml (dict "9" 1 "10" 2 "B" 3 "a" 4) }}]|[{{ toYaml (list (list 1 2)) }}]',
  "[\"9\": 1\n\"10\": 2\nB: 3\na: 4]|[- - 1\n  - 2]", TY)
D("toYaml", '[{{ toYaml 1e21 }}]|[{{ toYaml 1e-7 }}]|[{{ toYaml 100000.0 }}]', "[1e+21]|[1e-07]|[100000]", TY, edge=True)
D("toIndentYAML", '[{{ toIndentYAML 2 (dict "a" (list 1 2)) }}]', "[a:\n  - 1\n  - 2]", TY + " (toIndentYAML n: n spaces)")
D("toIndentYAML", '[{{ toIndentYAML 2 nil }}]|[{{ toIndentYAML 2 .em }}]', "[null]|[{}]", TY, edge=True)
D("toIndentYAML", '[{{ toIndentYAML .n .m }}]', "[<no value>]", ES, edge=True)
FY = "sprigin.md \u00a7Rules: Output formats (fromYaml)"
for f in ["fromYaml"]:
    D(f, '{{ fromYaml "b: 1\\na:\\n  - x\\n  - y\\n" }}|{{ (fromYaml "b: 1").b | printf "%T" }}', "map[a:[x y] b:1]|int", FY)
    D(f, '[{{ fromYaml "- 1\\n- 2\\n" }}]|[{{ fromYaml "a: [" }}]|{{ fromYaml "" }}|[{{ fromYaml "x" }}]', "[<no value>]|[<no value>]|map[]|[<no value>]", FY, edge=True)
    D(f, '{{ (fromYaml "a: yes").a | printf "%T" }}|{{ (fromYaml "a: 1.5").a }}', "string|1.5", FY)
D("mustFromYaml", '{{ mustFromYaml "b: 1\\na: [x, y]" }}', "map[a:[x y] b:1]", FY)
D("mustFromYaml", '{{ mustFromYaml "" }}', "map[]", FY, edge=True)
D("mustFromYaml", '{{ (mustFromYaml "a: {b: 2}").a.b }}', "2", FY)

# ---------------------------------------------------------------- checksums
def hx(h, s):
    return h(s.encode()).hexdigest()


O("sha1sum", '{{ sha1sum "hello" }}|{{ sha1sum "" }}')
O("sha1sum", '{{ sha1sum "h\u00e9" }}', edge=True)
D("sha1sum", '[{{ sha1sum .n }}]|{{ sha1sum nil }}', "[<no value>]|" + hx(hashlib.sha1, ""), ES, edge=True)
O("sha256sum", '{{ sha256sum "hello" }}|{{ sha256sum "" }}')
O("sha256sum", '{{ sha256sum "h\u00e9" }}', edge=True)
D("sha256sum", '[{{ sha256sum .n }}]|{{ sha256sum nil }}', "[<no value>]|" + hx(hashlib.sha256, ""), ES, edge=True)
O("adler32sum", '{{ adler32sum "hello" }}|{{ adler32sum "" }}')
O("adler32sum", '{{ adler32sum "h\u00e9" }}', edge=True)
D("adler32sum", '[{{ adler32sum .n }}]', "[<no value>]", ES, edge=True)
for f, h in [("md5sum", hashlib.md5), ("sha512Sum", hashlib.sha512)]:
    P(f, f'{{{{ {f} "hello" }}}}', hx(h, "hello"), "python hashlib (hex digest, as Go's crypto + hex)")
    P(f, f'{{{{ {f} "" }}}}|{{{{ {f} nil }}}}', hx(h, "") + "|" + hx(h, ""), "python hashlib; " + ES + " (nil → \"\")", edge=True)
    D(f, f'[{{{{ {f} .n }}}}]', "[<no value>]", ES, edge=True)

# ---------------------------------------------------------------- regex
O("regexMatch", '{{ regexMatch "^h.*o$" .s }}|{{ regexMatch "\\\\d" .s }}|{{ regexMatch "" "" }}')
D("regexMatch", '{{ regexMatch "(" "x" }}|[{{ regexMatch "3" .n }}]', "false|[<no value>]", ES, edge=True)
O("regexMatch", '{{ regexMatch "a{" "a{" }}|{{ regexMatch "x{2," "xx{2," }}|{{ regexMatch "{" "{" }}', edge=True)
O("regexFind", '{{ regexFind "l+" .s }}|[{{ regexFind "z" .s }}]')
D("regexFind", '[{{ regexFind "(" "x" }}]|[{{ regexFind "l" .n }}]', "[]|[<no value>]", ES, edge=True)
O("regexFind", '{{ regexFind "(?i)H" .s }}|{{ regexFind "x{,3}" "x{,3}" }}|{{ regexFind "a{01}" "a{01}" }}', edge=True)
O("regexFindAll", '{{ regexFindAll "[a-z]" .s 2 }}|{{ regexFindAll "l" .s -1 }}|{{ regexFindAll "a*" "baaac" -1 }}')
D("regexFindAll", '{{ regexFindAll "(" "x" -1 }}|[{{ regexFindAll "l" .s .n }}]|{{ regexFindAll "a" "aaa" 0 }}', "[]|[<no value>]|[]", ES, edge=True)
O("regexFindAll", '{{ regexFindAll "\\\\d" "1\u0663 2" -1 }}|{{ regexFindAll "\\\\w+" "h\u00e9llo" -1 }}', edge=True)
O("regexSplit", '{{ regexSplit "\\\\." .host -1 }}|{{ regexSplit "\\\\." .host 2 }}')
D("regexSplit", '{{ regexSplit "(" "x" -1 }}|[{{ regexSplit "a" "" .n }}]', "[]|[<no value>]", ES, edge=True)
O("regexSplit", '{{ regexSplit "" "abc" -1 }}|{{ regexSplit "x*" "axbc" -1 }}|{{ regexSplit "a" "" -1 }}|{{ regexSplit "a" "a" 0 }}', edge=True)
O("regexReplaceAll", '{{ regexReplaceAll "(l+)" .s "<$1>" }}|{{ regexReplaceAll "(?P<x>l)" .s "${x}X" }}|{{ regexReplaceAll "l" .s "$0$0" }}')
D("regexReplaceAll", '[{{ regexReplaceAll "(" "x" "y" }}]|[{{ regexReplaceAll "a" .nil "b" }}]|[{{ regexReplaceAll "a" .n "b" }}]', "[]|[]|[<no value>]", ES, edge=True)
O("regexReplaceAll", '{{ regexReplaceAll "l" .s "$1x" }}|{{ regexReplaceAll "(l)" .s "$1x" }}|{{ regexReplaceAll "" "ab" "-" }}|{{ regexReplaceAll "(?P<n>a)(?P<n>b)" "ab" "[${n}]" }}', edge=True)
O("regexReplaceAllLiteral", '{{ regexReplaceAllLiteral "(l+)" .s "<$1>" }}|{{ regexReplaceAllLiteral "l" .s "$0" }}')
D("regexReplaceAllLiteral", '[{{ regexReplaceAllLiteral "(" "x" "y" }}]|[{{ regexReplaceAllLiteral "a" .n "b" }}]', "[]|[<no value>]", ES, edge=True)
O("regexReplaceAllLiteral", '{{ regexReplaceAllLiteral "" "ab" "-" }}|{{ regexReplaceAllLiteral "a" "" "x" }}', edge=True)
O("regexQuoteMeta", '{{ regexQuoteMeta "a.b*c" }}|{{ regexQuoteMeta ".+*?^$()[]{}|\\\\-#" }}')
O("regexQuoteMeta", '[{{ regexQuoteMeta "" }}]|{{ regexQuoteMeta "h\u00e9" }}', edge=True)
D("regexQuoteMeta", '[{{ regexQuoteMeta .n }}]', "[<no value>]", ES, edge=True)
for f, args in [("mustRegexFind", '"l+" .s'), ("mustRegexMatch", '"^h" .s'), ("mustRegexFindAll", '"l" .s -1'),
                ("mustRegexSplit", '"l" .s -1'), ("mustRegexReplaceAll", '"l" .s "L$0"'),
                ("mustRegexReplaceAllLiteral", '"l" .s "L$0"')]:
    O(f, f'{{{{ {f} {args} }}}}')
    extra = {"mustRegexFind": '"x"', "mustRegexMatch": '"x"', "mustRegexFindAll": '"x" -1', "mustRegexSplit": '"x" -1',
             "mustRegexReplaceAll": '"x" "y"', "mustRegexReplaceAllLiteral": '"x" "y"'}[f]
    O(f, f'{{{{ {f} "(" {extra} }}}}', edge=True)
    O(f, f'{{{{ {f} "a)" {extra} }}}}', edge=True)
for pat in ["[a", "a**", "x{2}{3}", "x{1001}", "\\\\C", "\\\\8", "\\\\1", "(?x)a", "(?P<>a)", "(?P<a-b>x)",
            "[z-a]", "\\\\pX", "\\\\p{Foo}", "*", "a{2,1}", "(?<n>a)\\\\k<n>", "\\\\u0041", "\\\\Z", "(?=a)", "a++",
            "\\\\", "[[:foo:]]", "(?i", "x{2}*", "\\\\b{start}", "[a&&b]", "[a-\\\\d]", "\\\\Q(\\\\E)", "a{,5}",
            "(?P<n>a)(?P<n>b)", "\\\\0", "\\\\012", "\\\\x{110000}", "\\\\<", "[\\\\d-z]", "(?s-i:a)", "(?U)a+",
            "\\\\pN\\\\p{Greek}", "\\\\p{Latin}", "\\\\p{L}", "\\\\P{^L}", "\\\\p{^Greek}", "[[:^alpha:]]", "(a)(?:b)",
            "[]a]", "[^]a]", "\\\\e", "\\\\cA", "\\\\z", "\\\\A", "(?m)^a$", "\\\\v\\\\f", "[\\\\Q]\\\\E]",
            "(a{500}){3}", "(a{500}){2}", "((a{10}){0}){1000}", "(a{10}|b{200}){6}", "((a{10})*){101}",
            "((((a{100}){100}){100}){100})", "a(?i)*", "a(?i)(?s){2}", "\\\\p{Grek}", "\\\\p{Lowercase}",
            "\\\\p{isGreek}", "\\\\p{lowercase_letter}", "\\\\p{ Greek }", "\\\\pl", "[\\\\P{^greek}x]",
            "\\\\p{Any}\\\\p{ASCII}\\\\p{Assigned}\\\\p{LC}\\\\p{Cn}", "\\\\p{punct}\\\\p{digit}", "\\\\p{Cs}", "[\\\\P{Surrogate}]"]:
    O("mustRegexMatch", f'{{{{ mustRegexMatch "{pat}" "a{{" }}}}', edge=True)
# Differential regex cases: seeded random patterns from Go-syntax pieces where the crate's
# syntax differs (literal `{`, escapes, classes, flags, duplicate names), replayed through
# mustRegexFindAll / mustRegexReplaceAll (with Go's `$` template rules) / mustRegexSplit.
_rng = random.Random(7)
_PIECES = ["a", "b", "x", "\\d", "\\w", "\\s", "\\b", ".", "^", "$", "{", "}", "{2}", "{1,2}", "{2,", "{,3}",
           "{0}", "{01}", "*", "+", "?", "*?", "[a-c]", "[^\\d]", "[\\d-]", "[-a]", "[]a]", "[[:alpha:]]",
           "[[:^digit:]x]", "\\pL", "\\p{Greek}", "[\\pL-]", "(?i)", "(?s)", "(?m)", "(?U)", "(", ")", "(?:",
           "(?P<n>", "(?<n>", "|", "\\Q.*\\E", "\\.", "\\<", "\\x41", "\\101", "\\x{42}", "[&&]", "[a--b]",
           "[\\[]", "[[]", "\\A", "\\z", "\u00e9", " ", "-", "]", "\\n", "[\\s]", "\\0", "\\12", "\\8", "\\C",
           "\\u0041", "(?x)", "(?-i)", "(?-)", "\\p{^L}", "[z-a]", "\\x{110000}", "(?P<1>", "{1001}", "{2,1}",
           "**", "[[:foo:]]", "[\\Q]", "(?<=", "\\Z"]
_SUBJECTS = ["aXb-1 \u00e9{2,}", "ab\nAB a{01} [x]", "", "x{,3} xx -- && ~~ \u03b1"]
_seen = set()
while len(_seen) < 150:
    pat = "".join(_rng.choice(_PIECES) for _ in range(_rng.randint(1, 5)))
    if pat in _seen:
        continue
    _seen.add(pat)
    subj = _rng.choice(_SUBJECTS)
    qp, qs = json.dumps(pat), json.dumps(subj)
    fn = _rng.choice(["mustRegexFindAll", "mustRegexReplaceAll", "mustRegexSplit"])
    call = {"mustRegexFindAll": f"mustRegexFindAll {qp} {qs} -1",
            "mustRegexReplaceAll": f'mustRegexReplaceAll {qp} {qs} "<$0|${{1}}|$n|$1x|$$>"',
            "mustRegexSplit": f"mustRegexSplit {qp} {qs} -1"}[fn]
    O(fn, "{{ " + call + " }}", edge=True)

D("regexFindGroups", '{{ regexFindGroups "(a+)(b+)" "aaabbb" }}|{{ regexFindGroups "(a)|(b)" "b" }}', "[aaabbb aaa bbb]|[b  b]",
  "sprout regexp registry (FindStringSubmatch; an unmatched group is \"\")")
D("regexFindGroups", '{{ regexFindGroups "(x)" "aaabbb" }}|{{ regexFindGroups "(" "a" }}|[{{ regexFindGroups "a" .n }}]', "[]|[]|[<no value>]", ES, edge=True)
D("regexFindGroups", '{{ regexFindGroups "a+" "baa" }}', "[aa]", "sprout regexp registry (FindStringSubmatch)")
D("regexFindAllGroups", '{{ regexFindAllGroups "(a+)(b+)" -1 "aaabbb aab" }}|{{ regexFindAllGroups "(a)" 1 "aa" }}', "[[aaabbb aaa bbb] [aab aa b]]|[[a a]]", "sprout regexp registry (FindAllStringSubmatch)")
D("regexFindAllGroups", '{{ regexFindAllGroups "(x)" -1 "a" }}|{{ regexFindAllGroups "(" -1 "a" }}|[{{ regexFindAllGroups "a" .n "a" }}]', "[]|[]|[<no value>]", ES, edge=True)
D("regexFindAllGroups", '{{ regexFindAllGroups "a*" -1 "baaac" }}', "[[] [aaa] []]", "sprout regexp registry (Go's FindAll empty-match rule)", edge=True)
D("regexFindNamed", '{{ regexFindNamed "(?P<first>a+)(?P<second>b+)" "aaabbb" }}', "map[first:aaa second:bbb]", "sprout regexp registry (SubexpNames)")
D("regexFindNamed", '{{ regexFindNamed "(?P<f>z)" "a" }}|{{ regexFindNamed "(" "a" }}|[{{ regexFindNamed "a" .n }}]', "map[]|map[]|[<no value>]", ES, edge=True)
D("regexFindNamed", '{{ regexFindNamed "(?P<n>a)(?P<n>b)" "ab" }}|{{ regexFindNamed "(?P<x>a)|(?P<y>b)" "b" }}', "map[n:b]|map[x: y:b]",
  "sprout regexp registry (a later group of the same name overwrites; Go accepts duplicate names)", edge=True)
D("regexFindAllNamed", '{{ regexFindAllNamed "(?P<first>a+)(?P<second>b+)" -1 "aaabbb aab" }}', "[map[first:aaa second:bbb] map[first:aa second:b]]", "sprout regexp registry (SubexpNames)")
D("regexFindAllNamed", '{{ regexFindAllNamed "(?P<f>z)" -1 "a" }}|{{ regexFindAllNamed "(" -1 "a" }}|[{{ regexFindAllNamed "a" .n "a" }}]', "[]|[]|[<no value>]", ES, edge=True)
D("regexFindAllNamed", '{{ regexFindAllNamed "(?P<n>a)(?P<n>b)?" 2 "aab" }}', "[map[n:] map[n:b]]",
  "sprout regexp registry (a later group of the same name overwrites; Go accepts duplicate names)", edge=True)

# ---------------------------------------------------------------- semver / url / crypto / uuid
O("semver", '{{ (semver "1.2.3").Major }}|{{ (semver "v1.2.3-rc.1+b5").Prerelease }}|{{ semver "1.2" }}')
D("semver", '[{{ semver "abc" }}]|[{{ semver .n }}]', "[<nil>]|[<no value>]", ES, edge=True)
O("semver", '{{ (semver "1.2.3").Minor }}|{{ (semver "1.2.3").Metadata }}|{{ typeOf (semver "1.0.0") }}')
O("semverCompare", '{{ semverCompare ">=1.2.0" "1.4.2" }}|{{ semverCompare "~1.3" "1.4.2" }}|{{ semverCompare "^1" "1.9.0" }}')
D("semverCompare", '{{ semverCompare ">1.0.0" "1.5.0-rc.1" }}|{{ semverCompare ">=1.0.0-0" "1.5.0-rc.1" }}|{{ semverCompare "!!" "1.0.0" }}', "false|true|false",
  "sprigin.md \u00a7Rules: Output formats (semver 3.4); " + ES, edge=True)
O("semverCompare", '{{ semverCompare "1.x" "1.2.3" }}|{{ semverCompare "<1.0" "0.9.9" }}|{{ semverCompare "=1.2.3 || =2.0.0" "2.0.0" }}')
O("urlParse", '{{ (urlParse "https://u:p@h.example:8443/p/q?a=1#f").host }}|{{ (urlParse "https://h/p").path }}|{{ (urlParse "https://u:p@h/").userinfo }}')
D("urlParse", '{{ urlParse "%zz" }}|[{{ urlParse .n }}]', "map[]|[<no value>]", ES, edge=True)
O("urlParse", '{{ (urlParse "/rel?x=1").query }}|[{{ (urlParse "").scheme }}]', edge=True)
O("urlJoin", '{{ urlJoin (dict "scheme" "https" "host" "h.example" "path" "/p" "query" "a=1") }}')
O("urlJoin", '{{ urlJoin (dict "host" "h" "userinfo" "u:p") }}|[{{ urlJoin (dict) }}]', edge=True)
O("urlJoin", '{{ urlJoin (dict "scheme" "http" "host" "h" "fragment" "f" "opaque" "") }}')
D("derivePassword", '[{{ derivePassword 1 "long" "pw" "user" "site" }}]', "[<no value>]", "sprigin.md \u00a7Rules: Output formats (derivePassword)", edge=True)
D("derivePassword", '[{{ derivePassword .n "long" "pw" "user" "site" }}]', "[<no value>]", ES, edge=True)
D("derivePassword", '[{{ derivePassword 1 "maximum" "" "" "" }}]', "[<no value>]", "sprigin.md \u00a7Rules: Output formats (derivePassword)", edge=True)
D("decryptAES", '[{{ decryptAES "secret" "!!" }}]', "[]", ES, edge=True)
D("decryptAES", '[{{ decryptAES "k" "" }}]|[{{ decryptAES .n "x" }}]', "[]|[<no value>]", ES, edge=True)
# The ciphertext is one output of the oracle's `encryptAES "secret" "plain text"` (random IV).
O("decryptAES", '{{ decryptAES "secret" "Ef+YMQxUh2QYGJJHQF4+C/xHq6fiSkJru4FUXQmXmnQ=" }}')
D("buildCustomCert", '[{{ buildCustomCert "bad" "bad" }}]', "[{ }]", ES + " ((zero, err): the zero certificate struct)", edge=True)
D("buildCustomCert", '[{{ buildCustomCert .n "x" }}]|[{{ buildCustomCert "x" }}]', "[<no value>]|[<no value>]", ES, edge=True)
D("buildCustomCert", '[{{ (buildCustomCert "" "").Cert }}]', "[]", ES + " (decode fails: the zero certificate)", edge=True)

# ---------------------------------------------------------------- time (fixed times only; TZ=UTC)
T0 = '(toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T14:07:09Z")'
O("toDate", '{{ toDate "2006-01-02" "2024-03-05" }}|{{ typeOf (toDate "2006-01-02" "2024-03-05") }}')
D("toDate", '[{{ toDate "2006-01-02" "bad" }}]|[{{ toDate "2006-01-02" .n }}]', "[0001-01-01 00:00:00 +0000 UTC]|[<no value>]", ES, edge=True)
O("toDate", f'{{{{ {T0} }}}}|{{{{ toDate "02/01/2006 15:04" "05/03/2024 01:02" }}}}')
O("mustToDate", '{{ mustToDate "2006-01-02" "2024-03-05" }}')
O("mustToDate", '{{ mustToDate "2006-01-02" "bad" }}', edge=True)
O("mustToDate", '{{ mustToDate "2006-01-02T15:04:05Z07:00" "2024-03-05T14:07:09+02:00" | unixEpoch }}')
O("date", f'{{{{ date "2006-01-02 15:04:05" {T0} }}}}|{{{{ date "Jan 2, 2006" {T0} }}}}')
O("date", '{{ date "2006-01-02T15:04:05Z07:00" 0 }}|{{ date "2006-01-02" 1700000000 }}', edge=True)
O("date", f'{{{{ date "Mon Monday Jan January 01 1 02 2 _2 15 03 3 04 4 05 5 PM pm MST -0700 Z07:00 .000" {T0} }}}}')
for f in ["dateInZone", "date_in_zone"]:
    O(f, f'{{{{ {f} "2006-01-02 15:04 MST" {T0} "UTC" }}}}|{{{{ {f} "2006-01-02 15:04 -0700" {T0} "Asia/Tokyo" }}}}')
    D(f, f'{{{{ {f} "2006-01-02 15:04" {T0} "Not/AZone" }}}}', "2024-03-05 14:07", "sprigin.md: error swallowing (an unknown zone formats in UTC and the error is swallowed)", edge=True)
    O(f, f'{{{{ {f} "2006-01-02" 86400 "UTC" }}}}', edge=True)
O("htmlDate", f'{{{{ htmlDate {T0} }}}}|{{{{ htmlDate 86400 }}}}')
O("htmlDate", '{{ htmlDate 0 }}', edge=True)
D("htmlDate", '[{{ htmlDate }}]', "[<no value>]", ES, edge=True)
O("htmlDateInZone", f'{{{{ htmlDateInZone {T0} "UTC" }}}}|{{{{ htmlDateInZone {T0} "Pacific/Auckland" }}}}')
O("htmlDateInZone", '{{ htmlDateInZone 0 "America/New_York" }}', edge=True)
D("htmlDateInZone", f'[{{{{ htmlDateInZone {T0} .n }}}}]', "[<no value>]", ES, edge=True)
for f in ["dateModify", "date_modify"]:
    O(f, f'{{{{ {f} "+90m" {T0} }}}}|{{{{ {f} "-1h" {T0} }}}}')
    D(f, f'[{{{{ {f} "bad" {T0} }}}}]', "[0001-01-01 00:00:00 +0000 UTC]", ES, edge=True)
    D(f, f'[{{{{ {f} "1h" "x" }}}}]', "[<no value>]", ES, edge=True)
O("mustDateModify", f'{{{{ mustDateModify "+90m" {T0} }}}}')
O("mustDateModify", f'{{{{ mustDateModify "bad" {T0} }}}}', edge=True)
O("mustDateModify", f'{{{{ mustDateModify "1.5h" {T0} | date "15:04" }}}}')
O("unixEpoch", f'{{{{ unixEpoch {T0} }}}}|{{{{ unixEpoch (toDate "2006-01-02" "1970-01-01") }}}}')
D("unixEpoch", '[{{ unixEpoch .n }}]|[{{ unixEpoch "x" }}]', "[<no value>]|[<no value>]", ES, edge=True)
O("unixEpoch", '{{ unixEpoch (toDate "2006-01-02" "1960-01-01") }}', edge=True)
# sprig's duration ignores a Go int (literal 90 → 0s); sprout takes seconds from any number.
D("duration", '{{ duration 90 }}|{{ duration "90" }}|{{ duration 3661 }}|{{ duration .n }}', "1m30s|1m30s|1h1m1s|3s", FMT)
D("duration", '[{{ duration "abc" }}]|{{ duration 1.5 }}|{{ duration 0 }}|{{ duration nil }}', "[0s]|1s|0s|0s", FMT, edge=True)
O("duration", '{{ duration "86400" }}|{{ duration "-5" }}')
O("durationRound", '{{ durationRound "2h10m" }}|{{ durationRound 3600 }}|{{ durationRound "400h" }}')
D("durationRound", '{{ durationRound "-5m" }}', "-5m", FMT, edge=True)
O("durationRound", '{{ durationRound "" }}|{{ durationRound "61s" }}|{{ durationRound "720h" }}', edge=True)
D("toLocalDate", '{{ toLocalDate "2006-01-02 15:04" "Asia/Tokyo" "2024-03-05 09:00" }}', "2024-03-05 09:00:00 +0900 JST",
  "sprout conversion registry (toLocalDate fmt zone str: time.ParseInLocation)")
D("toLocalDate", '[{{ toLocalDate "2006-01-02" "Not/AZone" "2024-03-05" }}]|[{{ toLocalDate "2006-01-02" "UTC" "bad" }}]',
  "[0001-01-01 00:00:00 +0000 UTC]|[0001-01-01 00:00:00 +0000 UTC]", ES, edge=True)
D("toLocalDate", '{{ toLocalDate "2006-01-02" "UTC" "2024-03-05" | unixEpoch }}', "1709596800",
  "sprout conversion registry (toLocalDate); python epoch arithmetic")

# ---------------------------------------------------------------- Capsule custom
def duuid(*parts):
    h = hashlib.sha256("\x1f".join(p.strip() for p in parts).encode()).digest()[:16]
    b = bytearray(h)
    b[6] = (b[6] & 0x0F) | 0x50
    b[8] = (b[8] & 0x3F) | 0x80
    x = b.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}".upper()


P("deterministicUUID", '{{ deterministicUUID "tenant" "ns" }}', duuid("tenant", "ns"), CAP + "; computed in python")
P("deterministicUUID", '{{ deterministicUUID " tenant " "" }}|{{ deterministicUUID }}', duuid("tenant", "") + "|" + duuid(), CAP + "; computed in python", edge=True)
P("deterministicUUID", '{{ deterministicUUID "a" }}', duuid("a"), CAP + "; computed in python")
D("fromJsonArray", '{{ fromJsonArray "[\\"a\\",\\"b\\",3,true]" }}', "[a b 3 true]", CAP)
D("fromJsonArray", '{{ len (fromJsonArray "") }}|{{ len (fromJsonArray "{}") }}', "1|1", CAP, edge=True)
D("fromJsonArray", '{{ printf "%T" (index (fromJsonArray "[3]") 0) }}', "float64", CAP)
D("fromYamlArray", '{{ fromYamlArray "- a\\n- b\\n" }}', "[a b]", CAP)
D("fromYamlArray", '{{ len (fromYamlArray "a: [") }}', "1", CAP, edge=True)
D("fromYamlArray", '{{ printf "%T" (index (fromYamlArray "- 3") 0) }}', "float64", CAP)
D("fromToml", '{{ (fromToml "a = 1\\nb = \\"x\\"").a }}|{{ printf "%T" (fromToml "a = 1").a }}', "1|int64", CAP)
D("fromToml", '{{ fromToml "" }}|{{ len (fromToml "a = ") }}|{{ hasKey (fromToml "a = ") "Error" }}', "map[]|1|true", CAP, edge=True)
D("fromToml", '{{ (fromToml "[t]\\nk = \\"v\\"").t.k }}', "v", CAP)
D("toToml", '{{ toToml (dict "a" 1 "b" "x") }}', 'a = 1\nb = "x"\n', CAP + " (BurntSushi/toml encoding)")
D("toToml", '[{{ toToml nil }}]', "[]", CAP, edge=True)
D("toToml", '{{ toToml (dict "t" (dict "k" "v")) }}', '[t]\n  k = "v"\n', CAP + " (BurntSushi/toml indents sub-tables by 2)")

# ---------------------------------------------------------------- Go integer kinds (bytes, time.Month/Weekday, Duration)
_add("intkind", '{{ add1 (index "abc" 0) }}', "oracle", True, name="intkind-add1-byte", data={})
_add("intkind", '{{ $u := toDate "2006-01-02" "2024-03-01" }}{{ toJson (index "a" 0) }} {{ toJson $u.Month }} {{ toJson (list $u.Weekday) }} {{ int $u.Month }}',
     "oracle", True, name="intkind-tojson-byte-month-weekday", data={})
_add("intkind", '{{ $t := toDate "2006-01-02" "2024-02-29" }}{{ $u := toDate "2006-01-02" "2024-03-01" }}{{ toJson ($u.Sub $t) }}',
     "oracle", True, name="intkind-tojson-duration", data={})
# time.Duration in arithmetic: sprout converts every argument with cast.ToFloat64E and the result
# back to the first argument's type. spf13/cast >= 1.9 reads a named type of a basic kind through
# its underlying kind (resolveAlias), so a Duration counts as its nanoseconds and the result is a
# Duration again. The oracle's sprig runs cast 1.5 (a Duration reads as 0), hence doc cases.
DUR = NUM + "; spf13/cast 1.10 resolveAlias (cast 1.9.0: casting from named basic types)"
D("intkind", '{{ $d := toDuration "90s" }}{{ add $d 1 }}|{{ typeOf (add $d 1) }}|{{ sub $d 1 }}|{{ add1 $d }}|{{ add 1 $d }}',
  "1m30.000000001s|time.Duration|1m29.999999999s|1m30.000000001s|90000000001", DUR, edge=True, name="intkind-duration-add")
D("intkind", '{{ $d := toDuration "90s" }}{{ mul $d 2 }}|{{ div $d 2 }}|{{ mod $d 7 }}|{{ max $d 1 }}|{{ int64 $d }}|{{ float64 $d }}|{{ add $d "x" }}',
  "180000000000|45000000000|1ns|90000000000|90000000000|9e+10|0", DUR, edge=True, name="intkind-duration-cast")

# ---------------------------------------------------------------- map[string]string (split, splitn, regexFindNamed)
MSS = "sprout maps registry: the function type-switches on map[string]any, a map[string]string is neither that nor a string"
_add("mapss", '{{ $m := split "." .host }}{{ printf "%T" $m }}|{{ typeOf $m }}|{{ kindOf $m }}|{{ typeIs "map[string]string" $m }}|{{ typeIsLike "map[string]interface {}" $m }}',
     "oracle", False, name="mapss-type")
_add("mapss", '{{ $m := split "." .host }}{{ $m._0 }}|[{{ $m.zz }}]|{{ printf "%T" $m.zz }}|[{{ index $m "zz" }}]|{{ printf "%T" (index $m "_1") }}|{{ with $m._9 }}set{{ else }}unset{{ end }}',
     "oracle", True, name="mapss-field-index")
_add("mapss", '{{ $m := split "." .host }}{{ range $k, $v := $m }}{{ $k }}={{ $v }};{{ end }}|{{ len $m }}|{{ printf "%v|%#v" $m (split "," "a") }}|{{ eq $m._0 "api" }}|{{ if $m }}y{{ end }}',
     "oracle", False, name="mapss-range-print")
_add("mapss", '{{ split "." .host | toJson }}|{{ splitn "." 2 .host | toJson }}|{{ toJson (dict "m" (split "," "a,b")) }}|{{ splitn "." 0 .host | toJson }}|{{ typeOf (splitn "." 0 .host) }}',
     "oracle", True, name="mapss-tojson")
_add("mapss", '{{ $m := split "." .host }}{{ typeOf (deepCopy $m) }}|{{ deepEqual $m (deepCopy $m) }}|{{ deepEqual $m (dict "_0" "api" "_1" "solar" "_2" "example" "_3" "com") }}|{{ deepEqual (split "," "a") (split "," "a") }}',
     "oracle", True, name="mapss-deepcopy-deepequal")
_add("mapss", '{{ $m := split "." .host }}{{ eq $m $m }}', "oracle", True, name="mapss-eq-error")
_add("mapss", '{{ range $k, $v := split "," "a" }}{{ $v.x }}{{ end }}', "oracle", True, name="mapss-range-elem-is-string")
_add("mapss", '{{ (split "," "a")._0.x }}', "oracle", True, name="mapss-field-elem-is-string")
_add("mapss", '{{ mustMerge (split "," "a") (dict) }}', "oracle", True, name="mapss-mustmerge-error")
D("mapss", '{{ $m := split "." .host }}[{{ keys $m }}]|[{{ values $m }}]|[{{ merge (dict "a" 1) $m }}]|[{{ mergeOverwrite $m (dict) }}]|[{{ pluck "_0" $m }}]',
  "[<no value>]|[<no value>]|[<no value>]|[<no value>]|[<no value>]",
  ES + " (keys/values/pluck/merge take map[string]any parameters: a map[string]string is a type mismatch)", edge=True, name="mapss-typed-params")
D("mapss", '{{ $m := split "." .host }}[{{ hasKey $m "_0" }}]|[{{ get $m "_0" }}]|[{{ set $m "a" "b" }}]|[{{ unset $m "_0" }}]|[{{ pick $m "_0" }}]|[{{ omit $m "_0" }}]|{{ len $m }}',
  "[false]|[]|[map[]]|[map[]]|[map[]]|[map[]]|4", ES + "; " + MSS + " (error → the first result)", edge=True, name="mapss-dict-first")
D("mapss", '{{ $m := split "." .host }}[{{ hasKey "_0" $m }}]|[{{ get "_0" $m }}]|[{{ set "a" "b" $m }}]|[{{ unset "_0" $m }}]|[{{ pick "_0" $m }}]|[{{ omit "_0" $m }}]|{{ len $m }}',
  "[<no value>]|[<no value>]|[map[]]|[map[]]|[map[]]|[map[]]|4",
  ES + "; " + MSS + " (sprout order: hasKey/get assert map[string]any and panic → nil; set/unset/pick/omit return an error → the first result)",
  edge=True, name="mapss-dict-last")
D("mapss", '[{{ dig "_0" "d" (split "." .host) }}]|{{ dig "a" "_0" "d" (dict "a" (split "." .host)) }}|{{ dig "a" "d" (dict "a" (split "." .host)) | typeOf }}',
  "[<no value>]|d|map[string]string", DIG + " (a map[string]string is not a map[string]any: as the dict → nil, on the way → the default)",
  edge=True, name="mapss-dig")
D("mapss", '{{ typeOf (regexFindNamed "(?P<a>x)" "x") }}|{{ typeOf (regexFindNamed "(" "x") }}|{{ typeOf (regexFindAllNamed "(?P<a>x)" -1 "xx") }}|{{ typeOf (regexFindAllGroups "(x)" -1 "xx") }}|{{ hasKey (regexFindNamed "(?P<a>x)" "x") "a" }}|{{ (regexFindNamed "(?P<a>x)" "x").a }}|{{ toJson (regexFindAllNamed "(?P<a>x)" -1 "xx") }}',
  'map[string]string|map[string]string|[]map[string]string|[][]string|false|x|[{"a":"x"},{"a":"x"}]',
  "sprout regexp registry (RegexFindNamed → map[string]string, RegexFindAllNamed → []map[string]string, RegexFindAllGroups → [][]string); " + MSS,
  edge=True, name="mapss-regex-named")
D("mapss", '{{ toYaml (split "." "a.b") }}|{{ toYaml (dict "m" (split "," "x")) }}', "_0: a\n_1: b|m:\n    _0: x",
  FMT + " (yaml.v3 encodes any map with sorted keys)", name="mapss-toyaml")

# ---------------------------------------------------------------- nil []string (Go regexp results)
_add("nilslice", '{{ regexFindAll "z" "abc" -1 | toJson }}|{{ regexFindAll "z" "abc" -1 }}|{{ regexFindAll "b" "abc" 0 | toJson }}|{{ regexSplit "a" "bab" 0 | toJson }}|{{ regexSplit "a" "bab" 0 }}|{{ regexSplit "a" "" -1 | toJson }}',
     "oracle", True, name="nilslice-regex")
_add("nilslice", '{{ mustRegexFindAll "z" "abc" -1 | toJson }}|{{ mustRegexSplit "a" "bab" 0 | toJson }}|{{ toPrettyJson (dict "a" (regexFindAll "z" "" -1)) }}|{{ typeOf (regexFindAll "z" "abc" -1) }}|{{ len (regexFindAll "z" "abc" -1) }}|{{ empty (regexFindAll "z" "abc" -1) }}',
     "oracle", True, name="nilslice-must-json")
_add("nilslice", '{{ deepEqual (regexFindAll "z" "abc" -1) (regexFindAll "y" "abc" -1) }}|{{ deepEqual (regexFindAll "z" "abc" -1) (sortAlpha list) }}|{{ toRawJson (list (regexSplit "a" "b" 0)) }}|{{ join "," (regexFindAll "z" "abc" -1) }}|{{ mustRegexFindAll "b" "abc" -1 | toJson }}',
     "oracle", True, name="nilslice-deepequal")
_add("nilslice", '{{ printf "%#v" (regexFindAll "z" "abc" -1) }}|{{ printf "%v" (regexFindAll "z" "abc" -1) }}|{{ printf "%#v" (regexFindAll "a" "abc" -1) }}',
     "oracle", True, name="nilslice-gosyntax")
D("nilslice", '{{ regexFindAll "(" "abc" -1 | toJson }}|{{ regexSplit "(" "abc" -1 | toJson }}', "[]|[]",
  "sprout regexp registry (a bad pattern returns []string{}, not nil); " + ES, edge=True, name="nilslice-bad-pattern")
D("nilslice", '{{ toYaml (dict "a" (regexFindAll "z" "abc" -1)) }}|{{ toYaml (regexSplit "a" "b" 0) }}', "a: []|[]",
  FMT + " (yaml.v3 writes null only for nil pointers and interfaces; a nil slice goes through slicev → [])", edge=True, name="nilslice-toyaml")

# ---------------------------------------------------------------- getHostByName (no network)
GH = "sprout backward registry GetHostByName(name string) (string, error) = net.LookupHost + a random address"
D("getHostByName", '[{{ getHostByName }}]|[{{ getHostByName .n }}]|[{{ getHostByName "a" "b" }}]|[{{ getHostByName nil }}]|{{ typeOf getHostByName }}',
  "[<no value>]|[<no value>]|[<no value>]|[]|<nil>", ES + "; " + GH + " (LookupHost(\"\") fails before any lookup)", edge=True)
D("getHostByName", '{{ getHostByName "10.0.0.1" }}|{{ getHostByName "::1" }}|{{ getHostByName "fe80::1%eth0" }}', "10.0.0.1|::1|fe80::1%eth0",
  GH + " (LookupHost returns an IP literal itself, without a lookup)")
DE("getHostByName", '{{ getHostByName "db.example.com" }}',
   err_at('getHostByName "db.example.com"', "getHostByName",
          'refused: resolving "db.example.com" would be a DNS lookup, and offline rendering reaches no network '
          "(Capsule's controller would ask its own resolver); compute the address elsewhere and put it in the "
          "Tenant's data or the template instead"),
   "product.md \u00a74 Safety (templates reach no network): a call that would resolve a name is a render error")

# ---------------------------------------------------------------- aliases (sprout's sprigin alias map)
ALIASES = {
    "upper": ["toUpper", "toupper", "uppercase"],
    "lower": ["toLower", "tolower", "lowercase"],
    "title": ["toTitleCase", "titlecase"],
    "base": ["pathBase"], "dir": ["pathDir"], "ext": ["pathExt"], "clean": ["pathClean"], "isAbs": ["pathIsAbs"],
    "snakecase": ["snake"],
    "kebabcase": ["kebab"],
    "swapcase": ["swapCase"],
    "b64enc": ["base64Encode"], "b64dec": ["base64Decode"],
    "b32enc": ["base32Encode"], "b32dec": ["base32Decode"],
    "abbrev": ["ellipsis"], "abbrevboth": ["ellipsisBoth"],
    "toStrings": ["strSlice"],
    "fromJson": ["fromJSON"], "toJson": ["toJSON"], "toPrettyJson": ["toPrettyJSON"], "toRawJson": ["toRawJSON"],
    "toYaml": ["toYAML"], "fromYaml": ["fromYAML"],
    "sha1sum": ["sha1Sum"], "sha256sum": ["sha256Sum"], "adler32sum": ["adler32Sum"], "md5sum": ["md5Sum"],
}
ALIAS_SRC = "alias of {} in sprout's sprigin (sprig_backward_compatibility.go / registry aliases)"


def expand_aliases(done):
    out = []
    for base, names in ALIASES.items():
        for c in [c for c in done if c["fn"] == base]:
            for alias in names:
                a = dict(c)
                a["fn"] = alias
                a["name"] = c["name"].replace(base, alias, 1)
                a["template"] = re.sub(r"(?<![\w.$])" + re.escape(base) + r"(?!\w)", alias, c["template"])
                a["source"] = c["source"] + "; " + ALIAS_SRC.format(base)
                if not a.get("ok", True):
                    a["error"] = a["error"].replace(base, alias)
                out.append(a)
    return out


def run_oracle(batch):
    env = dict(os.environ, TZ="UTC")
    lines = "\n".join(json.dumps(r) for r in batch) + "\n"
    p = subprocess.run([ORACLE, "-batch"], input=lines, capture_output=True, text=True, env=env, check=True)
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()]


def main():
    reqs = []
    for i, c in enumerate(cases):
        if c["mode"].startswith("oracle"):
            req = {"id": str(i), "template": c["template"], "data": c["data"] if c.get("data") is not None else DATA,
                   "missingkey": "zero"}
            if c["mode"] == "oracle-sprigin":
                req["compat"] = "sprigin"
            reqs.append(req)
    results = {r["id"]: r for r in run_oracle(reqs)}
    done = []
    for i, c in enumerate(cases):
        c = dict(c)
        if c["mode"].startswith("oracle"):
            r = results[str(i)]
            if r.get("phase") == "panic":
                sys.exit(f"oracle panicked on {c['name']}: {r}")
            c["ok"] = not r.get("error")
            c["output"] = r.get("output", "") if c["ok"] else ""
            c["error"] = r.get("error", "")
            c["source"] = c["mode"]
        done.append(c)
    done += expand_aliases(done)
    with open(OUT, "w") as fh:
        for c in done:
            rec = {
                "name": c["name"], "template": c["template"],
                "data": c["data"] if c.get("data") is not None else DATA, "missingkey": "zero",
                "ok": c.get("ok", True), "output": c.get("output", "") if c.get("ok", True) else "",
                "error": c.get("error", ""), "source": c["source"], "edge": c["edge"],
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(done)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
