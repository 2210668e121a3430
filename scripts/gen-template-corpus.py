#!/usr/bin/env python3
"""Generates the differential corpus of Go text/template behaviour in tests/corpus/template/.

Regenerate (dev only; CI never needs Go, it compares against the committed goldens):

    /work/shared/tools/gotmpl-oracle/build.sh        # once: builds Go's text/template + sprig oracle
    python3 scripts/gen-template-corpus.py            # writes tests/corpus/template/*.jsonl
    cargo test --test template_corpus                  # compares our engine with the goldens

Options: --oracle PATH (default $GOTMPL_ORACLE or ~/.cache/gotmpl-oracle/gotmpl-oracle),
--go PATH (the Go toolchain the oracle build installed, for the builtins-only runner below).

Every case is a template, its JSON data (integers become int64, other numbers float64, as in a
Kubernetes object), the missingkey mode and, where it matters, the top-level keys whose list of
objects is a `[]map[string]interface{}` (Capsule's context lists). The expected result is Go's:
{output, error, phase}. Only Go's builtin functions are used: the oracle's function map is sprig,
which differs from Capsule's sprigin, and our harness parses with an empty FuncMap. The oracle's
sprig `slice` shadows Go's builtin `slice`, so cases marked builtin_only run through a tiny
stdlib-only Go program (written and built by this script) that parses without any FuncMap.

Python standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "tests", "corpus", "template")

# The standard data most cases run against.
D = {
    "name": "solar",
    "n": 3,
    "zero": 0,
    "neg": -2,
    "f": 1.5,
    "fz": 0.0,
    "big": 9223372036854775807,
    "t": True,
    "fl": False,
    "s": "hello",
    "empty": "",
    "nil": None,
    "list": [1, 2, 3],
    # Go's JSON decoder gives a 3-element list capacity 4, and `slice` checks indexes against
    # the capacity: out-of-range slicing uses this 4-element list, whose capacity is its length.
    "l4": [1, 2, 3, 4],
    "strs": ["b", "a", "c"],
    "mixed": [1, "a", None, 2.5, True],
    "el": [],
    "m": {"b": 2, "a": 1, "c": {"d": "deep"}},
    "em": {},
    "items": [{"name": "x", "v": 1}, {"name": "y", "v": 2}],
    "html": "<a href='x'>&\"",
    "u": "héllo 😀",
}

BUILTIN_RUNNER = r'''
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"text/template"
)

type request struct {
	Template    string          `json:"template"`
	Data        json.RawMessage `json:"data"`
	MissingKey  *string         `json:"missingkey"`
	Name        string          `json:"name"`
	SliceOfMaps []string        `json:"slice_of_maps"`
}

type response struct {
	Output string `json:"output"`
	Error  string `json:"error,omitempty"`
	Phase  string `json:"phase,omitempty"`
}

func normalize(v interface{}) interface{} {
	switch t := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return i
		}
		f, _ := strconv.ParseFloat(string(t), 64)
		return f
	case map[string]interface{}:
		for k, e := range t {
			t[k] = normalize(e)
		}
	case []interface{}:
		for i, e := range t {
			t[i] = normalize(e)
		}
	}
	return v
}

func render(req request) (resp response) {
	defer func() {
		if r := recover(); r != nil {
			resp.Error, resp.Phase = fmt.Sprint(r), "panic"
		}
	}()
	var data interface{} = map[string]interface{}{}
	if len(bytes.TrimSpace(req.Data)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(req.Data))
		dec.UseNumber()
		if err := dec.Decode(&data); err != nil {
			resp.Error, resp.Phase = err.Error(), "input"
			return
		}
		data = normalize(data)
	}
	if top, ok := data.(map[string]interface{}); ok {
		for _, key := range req.SliceOfMaps {
			if list, ok := top[key].([]interface{}); ok {
				typed := []map[string]interface{}{}
				for _, e := range list {
					m, _ := e.(map[string]interface{})
					typed = append(typed, m)
				}
				top[key] = typed
			}
		}
	}
	name := req.Name
	if name == "" {
		name = "tpl"
	}
	mk := "zero"
	if req.MissingKey != nil {
		mk = *req.MissingKey
	}
	t, err := template.New(name).Option("missingkey=" + mk).Parse(req.Template)
	if err != nil {
		resp.Error, resp.Phase = err.Error(), "parse"
		return
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, data)
	resp.Output = buf.String()
	if err != nil {
		resp.Error, resp.Phase = err.Error(), "exec"
	}
	return
}

func main() {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 0, 1<<20), 256<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		var req request
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			enc.Encode(response{Error: err.Error(), Phase: "input"})
			continue
		}
		enc.Encode(render(req))
	}
}
'''


def std_data(template):
    """The part of D a template can see: all of it when the template uses a bare `.` or `$`,
    otherwise the keys whose names occur in it (keeps the golden files small)."""
    if re.search(r"[.$](?![A-Za-z_0-9.])", template):
        return D
    return {k: v for k, v in D.items() if re.search(r"\b%s\b" % re.escape(k), template)}


class Corpus:
    def __init__(self):
        self.areas = OrderedDict()

    def add(self, area, template, data=None, missingkey=None, slice_of_maps=None,
            tpl_name=None, builtin_only=False):
        case = OrderedDict()
        case["template"] = template
        case["data"] = std_data(template) if data is None else data
        if missingkey is not None:
            case["missingkey"] = missingkey
        if slice_of_maps:
            case["slice_of_maps"] = slice_of_maps
        if tpl_name:
            case["tpl_name"] = tpl_name
        if builtin_only:
            case["builtin_only"] = True
        self.areas.setdefault(area, []).append(case)


def q(s):
    """A Go interpreted string literal for s (for building templates)."""
    return json.dumps(s, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Areas
# ---------------------------------------------------------------------------------------------

def actions(c):
    a = "actions"
    for t in ["", "plain text", "line1\nline2\n", "{{/* a comment */}}", "a{{/* multi\nline */}}b",
              "{{- /* trimmed */ -}}", "x {{/* c */}} y", "{{ . }}", "{{.}}", "{{ $ }}",
              "{{ .name }}", "{{ .n }}", "{{ .f }}", "{{ .t }}", "{{ .nil }}", "{{ .list }}",
              "{{ .m }}", "{{ .m.a }}", "{{ .m.c.d }}", "{{ .m.c }}", "{{ .items }}",
              "{{ $.name }}", "{{ $.m.c.d }}", "{{ (.m).a }}", "{{ (.m.c).d }}",
              "{{ (index .items 0).name }}", "{{ (index .items 1).v }}", "{{ $x := .m }}{{ $x.c.d }}",
              "{{ .name }}{{ .name }}", "{{ .name }} and {{ .s }}", "{{ .s | printf \"%q\" }}",
              "{{ 1 | printf \"%d %d\" 2 }}", "{{ \"a\" | print \"b\" }}", "{{ .list | len }}",
              "{{ .s | printf \"%s!\" | printf \"%q\" }}", "{{ (print 1 2) }}",
              "{{ print (len .list) (len .s) }}", "{{ .m.a | eq 1 }}", "{{ (1) }}", "{{ ((1)) }}",
              "{{ (\"x\") | print }}", "{{ (.m).c.d }}", "{{ ( .m ).b }}", "{{ .list | print .s }}",
              "{{ print .s | len }}", "{{ \"a\" }}{{ 'b' }}{{ `c` }}", "{{ true }} {{ false }}",
              "{{ .s | .s }}", "{{ .list.x }}", "{{ .s.x }}", "{{ .n.x }}", "{{ .m.c.d.e }}",
              "{{ .nil.x }}", "{{ .mixed }}", "{{ .items | len }}", "{{ .m | len }}",
              "{{ .u }}", "{{ .html }}", "{{ .big }}", "{{ .neg }}", "{{ .fz }}", "{{ .el }}",
              "{{ .em }}", "{{ .empty }}|", "{{ index . \"name\" }}", "{{ .m.b }}{{ .m.a }}",
              "a{{ if true }}b{{ end }}c", "{{ print }}", "{{ println }}", "{{ printf \"\" }}",
              "{{ . | print }}", "{{ $ | len }}", "{{ .x }}", "{{ .m.x }}", "{{ .m.c.x }}",
              "{{ (.m.c).x }}", "{{ .items.name }}", "{{ .strs | print }}",
              "{{ 1 }}{{ 2 }}{{ 3 }}", "{{ print 1 | print 2 | print 3 }}", "{{ \"}}\" }}",
              "{{ \"{{\" }}", "{{ `{{ . }}` }}", "{{/**/}}", "{{ .name }}\n{{ .n }}\n",
              "{{ .s | printf \"%v-%v\" .n }}", "{{ and .t .s | print }}", "{{ not .t | print }}"]:
        c.add(a, t)
    # Dot of every kind at the top level.
    for d in [None, "str", 0, 7, -7, 1.5, 1e21, 1e20, 123456789.0, 1e-7, True, False, [], [1, "a"],
              {}, {"k": [1, {"x": None}]}, [None], {"z": None, "a": [None]}]:
        c.add(a, "{{ . }}", data=d)
        c.add(a, "{{ print . }}|{{ printf \"%v\" . }}", data=d)


def variables(c):
    a = "variables"
    for t in ["{{ $x := 1 }}{{ $x }}", "{{ $x := .name }}{{ $x }}",
              "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}",
              "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}",
              "{{ $x := 1 }}{{ $x := \"a\" }}{{ $x }}", "{{ $x := .m }}{{ $x.a }}{{ $x.c.d }}",
              "{{ $x := .list }}{{ range $x }}{{ . }}{{ end }}", "{{ $ }}", "{{ $.n }}",
              "{{ with .m }}{{ $.name }}{{ end }}", "{{ range .list }}{{ $.n }}{{ end }}",
              "{{ $x := 1 }}{{ range .list }}{{ $x = . }}{{ end }}{{ $x }}",
              "{{ $x := 0 }}{{ range $i, $v := .list }}{{ $x = $i }}{{ end }}{{ $x }}",
              "{{ $x := 1 }}{{ with .m }}{{ $x = .a }}{{ end }}{{ $x }}",
              "{{ $x = 1 }}", "{{ $x }}", "{{ $x.y }}", "{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}",
              "{{ range $v := .list }}{{ end }}{{ $v }}", "{{ $x := }}", "{{ $x := 1 2 }}",
              "{{ $ = 1 }}{{ $ }}", "{{ $x := .nil }}{{ $x }}", "{{ $x := .nil }}{{ $x.a }}",
              "{{ $x := .absent }}{{ $x }}", "{{ $a := 1 }}{{ $b := 2 }}{{ $a }}{{ $b }}",
              "{{ $a, $b := 1 }}", "{{ $x := print 1 2 }}{{ $x }}", "{{ $x := (len .s) }}{{ $x }}",
              "{{ $x := .list | len }}{{ $x }}", "{{ $x := 5 }}{{ $x | printf \"%03d\" }}",
              "{{ $x := .m }}{{ $x = .list }}{{ $x }}", "{{ $x := 1 }}{{ $x = \"s\" }}{{ $x }}",
              "{{ $_ := 1 }}{{ $_ }}", "{{ $x1 := 1 }}{{ $x1 }}", "{{ $é := 1 }}{{ $é }}",
              "{{ $x := 1 }}{{ define \"a\" }}{{ $x }}{{ end }}", "{{ $x := 1 }}{{- $x -}}",
              "{{$x:=1}}{{$x}}", "{{ $x:=1 }}{{ $x=2 }}{{ $x }}", "{{ $x := 1 }}{{ $x.a }}",
              "{{ $x := .items }}{{ (index $x 0).name }}", "{{ $x := index .items 1 }}{{ $x.name }}",
              "{{ $ := 1 }}", "{{ $x := 1 }}{{ with $y := 2 }}{{ $x }}{{ $y }}{{ end }}",
              "{{ range $i, $v := .strs }}{{ $i }}={{ $v }};{{ end }}",
              "{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}",
              "{{ $x := 1 }}{{ range .list }}{{ $x := . }}{{ end }}{{ $x }}",
              "{{ $x := 0 }}{{ range .list }}{{ $x = print $x . }}{{ end }}{{ $x }}",
              "{{ $x := $ }}{{ $x.name }}", "{{ $.nil }}", "{{ $.nil.x }}"]:
        c.add(a, t)


def conditionals(c):
    a = "if_else"
    values = ["0", "1", "-1", "0.0", "1.5", '""', '"a"', "true", "false", "nil", ".el", ".list",
              ".em", ".m", ".nil", ".absent", ".zero", ".fz", ".empty", ".s", ".t", ".fl", ".items"]
    for v in values:
        c.add(a, "{{ if %s }}yes{{ else }}no{{ end }}" % v)
    for t in ["{{ if .t }}a{{ else if .fl }}b{{ else }}c{{ end }}",
              "{{ if .fl }}a{{ else if .t }}b{{ else }}c{{ end }}",
              "{{ if .fl }}a{{ else if .zero }}b{{ else if .n }}c{{ end }}",
              "{{ if .fl }}a{{ else if .zero }}b{{ end }}|",
              "{{ if and .t .s }}{{ .s }}{{ end }}", "{{ if or .fl .zero }}x{{ else }}y{{ end }}",
              "{{ if not .t }}x{{ else }}y{{ end }}", "{{ if .m.a }}{{ .m.a }}{{ end }}",
              "{{ if .t }}{{ if .fl }}a{{ else }}b{{ end }}{{ end }}",
              "{{ if $x := .n }}{{ $x }}{{ end }}", "{{ if $x := .zero }}{{ $x }}{{ else }}{{ $x }}{{ end }}",
              "{{ if }}x{{ end }}", "{{ if 1 }}x{{ else }}y{{ else }}z{{ end }}", "{{ if 1 }}x",
              "{{ if 1 }}x{{ else if }}y{{ end }}", "{{ if 1 }}{{ end }}", "{{ if .t }}\n  a\n{{ end }}",
              "{{ if eq .n 3 }}three{{ end }}", "{{ if eq .n 3.0 }}three{{ end }}",
              "{{ if .t -}} a {{- end }}", "{{ if 1 }}{{ else }}{{ end }}x",
              "{{ if .m.c.d }}{{ .m.c.d }}{{ end }}", "{{ if .absent.x }}x{{ end }}",
              "{{ if (index .list 0) }}x{{ end }}", "{{ if len .el }}x{{ else }}empty{{ end }}",
              "{{ if 1 }}a{{ else with 2 }}b{{ end }}", "{{ if 0 }}a{{ else with 2 }}{{ . }}{{ end }}",
              "{{ if 0 }}a{{ else range .list }}{{ . }}{{ end }}",
              "{{ if .t }}{{ break }}{{ end }}", "{{ else }}", "{{ end }}", "{{ if 1 }}{{ end }}{{ end }}"]:
        c.add(a, t)


def ranges(c):
    a = "range"
    sm = {"items": [{"name": "x", "v": 1}, {"name": "y"}], "n": 2}
    for t in ["{{ range .list }}{{ . }}{{ end }}", "{{ range .strs }}{{ . }},{{ end }}",
              "{{ range .m }}{{ . }};{{ end }}", "{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}",
              "{{ range $i, $v := .list }}{{ $i }}:{{ $v }} {{ end }}",
              "{{ range $v := .list }}{{ $v }}{{ end }}", "{{ range $i, $e := .items }}{{ $i }}{{ $e.name }}{{ end }}",
              "{{ range .items }}{{ .name }}={{ .v }};{{ end }}", "{{ range 3 }}{{ . }}{{ end }}",
              "{{ range $i := 3 }}{{ $i }}{{ end }}", "{{ range .n }}{{ . }}{{ end }}",
              "{{ range 0 }}x{{ else }}none{{ end }}", "{{ range -2 }}x{{ else }}none{{ end }}",
              "{{ range .zero }}x{{ else }}none{{ end }}", "{{ range $i, $v := 3 }}{{ $i }}{{ end }}",
              "{{ range .el }}x{{ else }}empty{{ end }}", "{{ range .em }}x{{ else }}empty{{ end }}",
              "{{ range .nil }}x{{ else }}nil{{ end }}", "{{ range .absent }}x{{ else }}absent{{ end }}",
              "{{ range .s }}{{ . }}{{ end }}", "{{ range .f }}{{ . }}{{ end }}", "{{ range .t }}x{{ end }}",
              "{{ range 1.5 }}x{{ end }}", "{{ range \"abc\" }}{{ . }}{{ end }}", "{{ range true }}x{{ end }}",
              "{{ range .list }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}",
              "{{ range .list }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}",
              "{{ range .list }}{{ break }}{{ end }}done", "{{ range .list }}{{ continue }}x{{ end }}done",
              "{{ range .list }}{{ range .. }}{{ end }}{{ end }}",
              "{{ range $i, $v := .list }}{{ range $.strs }}{{ $i }}{{ . }}{{ end }};{{ end }}",
              "{{ range .list }}{{ range $.strs }}{{ if eq . \"a\" }}{{ break }}{{ end }}{{ . }}{{ end }}|{{ end }}",
              "{{ range .list }}{{ $.name }}{{ end }}", "{{ range .mixed }}[{{ . }}]{{ end }}",
              "{{ range $i, $v := .mixed }}{{ $i }}{{ printf \"%T\" $v }} {{ end }}",
              "{{ range .m.c }}{{ . }}{{ end }}", "{{ range $k, $v := .em }}x{{ else }}e{{ end }}",
              "{{ range $x := .list }}{{ end }}{{ $x }}", "{{ break }}", "{{ continue }}",
              "{{ range .list }}{{ end }}{{ break }}", "{{ if 1 }}{{ break }}{{ end }}",
              "{{ range .list }}{{ with . }}{{ break }}{{ end }}{{ . }}{{ end }}",
              "{{ range .list }}{{ define \"x\" }}{{ break }}{{ end }}{{ end }}",
              "{{ range $i, $v := .m }}{{ $i }}{{ end }}", "{{ range $a, $b, $c := .list }}{{ end }}",
              "{{ range .list -}} {{ . }} {{- end }}", "{{ range .list }}\n- {{ . }}{{ end }}\n",
              "{{ range $i, $_ := .strs }}{{ $i }}{{ end }}", "{{ range .list }}{{ . }}{{ else }}e{{ end }}",
              "{{ range .list }}x{{ else }}y{{ else }}z{{ end }}", "{{ range }}{{ end }}",
              "{{ range .list }}", "{{ range $i := .m }}{{ $i }}{{ end }}",
              "{{ range $i, $c := \"ab\" }}{{ $i }}{{ $c }}{{ end }}",
              "{{ range 100000000000000000000 }}{{ end }}", "{{ range .big }}{{ break }}{{ end }}ok",
              "{{ range $i, $v := .items }}{{ if $i }},{{ end }}{{ $v.name }}{{ end }}",
              "{{ range (index .items 0) }}{{ . }}{{ end }}", "{{ range .list }}{{ $ }}{{ break }}{{ end }}",
              "{{ range $v := .list }}{{ $v = 9 }}{{ $v }}{{ end }}",
              "{{ $i := 10 }}{{ range $i = .list }}{{ $i }}{{ end }}{{ $i }}",
              "{{ range $i, $v = .list }}{{ end }}"]:
        c.add(a, t)
    # Context lists of typed maps.
    for t in ["{{ range .items }}{{ .name }}{{ end }}", "{{ range .items }}{{ .v }};{{ end }}",
              "{{ range $i, $e := .items }}{{ $i }}{{ $e.name }}{{ $e.v }};{{ end }}",
              "{{ printf \"%T\" .items }}", "{{ .items }}", "{{ index .items 0 }}", "{{ len .items }}",
              "{{ (index .items 1).v }}", "{{ range .items }}{{ .v.x }}{{ end }}", "{{ printf \"%#v\" .items }}",
              "{{ range .items }}{{ printf \"%T\" . }}{{ end }}", "{{ slice .items 1 }}"]:
        for mk in [None, "error", "invalid"]:
            c.add(a, t, data=sm, slice_of_maps=["items"], missingkey=mk,
                  builtin_only="slice" in t)


def withs(c):
    a = "with"
    for v in ["0", "1", '""', '"a"', ".el", ".list", ".em", ".m", ".nil", ".absent", ".t", ".fl", "nil"]:
        c.add(a, "{{ with %s }}[{{ . }}]{{ else }}none{{ end }}" % v)
    for t in ["{{ with .m }}{{ .a }}{{ end }}", "{{ with .m.c }}{{ .d }}{{ end }}",
              "{{ with $x := .m }}{{ $x.a }}{{ .b }}{{ end }}", "{{ with .m }}{{ $.name }}{{ end }}",
              "{{ with .fl }}a{{ else with .zero }}b{{ else with .n }}c{{ . }}{{ end }}",
              "{{ with .fl }}a{{ else with .zero }}b{{ else }}c{{ end }}",
              "{{ with .fl }}a{{ else if .t }}b{{ end }}", "{{ with .s }}{{ . }}{{ with .x }}{{ end }}{{ end }}",
              "{{ with .list }}{{ range . }}{{ . }}{{ end }}{{ end }}", "{{ with }}{{ end }}",
              "{{ with .m }}", "{{ with .m }}{{ else }}{{ else }}{{ end }}", "{{ with 1 }}{{ break }}{{ end }}",
              "{{ with $x := 0 }}a{{ else }}{{ $x }}{{ end }}", "{{ with .items }}{{ len . }}{{ end }}",
              "{{ with index .m \"a\" }}{{ . }}{{ end }}", "{{ with .m.absent }}x{{ else }}none{{ end }}",
              "{{ with .absent.deeper }}x{{ else }}none{{ end }}",
              "{{ with .t }}{{ . }}{{ end }}{{ . | len }}", "{{ with .n }}{{ . | printf \"%03d\" }}{{ end }}",
              "{{ with $ }}{{ .name }}{{ end }}", "{{ with .m -}}\n  {{ .a }}\n{{- end }}",
              "{{ with .list }}{{ $.s }}{{ end }}"]:
        c.add(a, t)


def define_block(c):
    a = "define_block"
    for t in ['{{ define "a" }}A{{ end }}{{ template "a" }}',
              '{{ define "a" }}[{{ . }}]{{ end }}{{ template "a" .name }}',
              '{{ define "a" }}[{{ . }}]{{ end }}{{ template "a" }}',
              '{{ template "a" . }}{{ define "a" }}{{ .name }}{{ end }}',
              '{{ define "a" }}{{ .a }}{{ end }}{{ template "a" .m }}',
              '{{ define "a" }}{{ $ }}{{ end }}{{ template "a" 5 }}',
              '{{ define "a" }}{{ template "b" . }}{{ end }}{{ define "b" }}<{{ . }}>{{ end }}{{ template "a" 1 }}',
              '{{ block "a" . }}default {{ .name }}{{ end }}',
              '{{ block "a" .m }}{{ .a }}{{ end }}', '{{ block "a" }}x{{ end }}',
              '{{ define "a" }}A{{ end }}{{ block "a" . }}B{{ end }}',
              '{{ template "nosuch" }}', '{{ template "nosuch" . }}', '{{ template .name }}',
              '{{ template }}', '{{ define }}{{ end }}', '{{ define "a" }}', '{{ define "a" }}{{ end }}',
              '{{ define "a" }}{{ define "b" }}{{ end }}{{ end }}',
              '{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}{{ template "a" }}',
              '{{ define "a" }}{{ end }}x{{ template "a" }}y',
              '{{ define "a" }}{{ range . }}{{ . }}{{ end }}{{ end }}{{ template "a" .list }}',
              '{{ define "a" }}{{ if . }}{{ . }}{{ template "a" false }}{{ end }}{{ end }}{{ template "a" true }}',
              '{{ define "rec" }}{{ if . }}{{ len . }}{{ template "rec" (slice . 1) }}{{ end }}{{ end }}{{ template "rec" .list }}',
              '{{ define "loop" }}{{ template "loop" }}{{ end }}{{ template "loop" }}',
              '{{ define "tpl" }}redefined{{ end }}main', '{{ define "tpl" }}redefined{{ end }}',
              '{{ define "a" }}A{{ end }}', 'x{{ define "a" }}A{{ end }}y',
              '{{ define "a" -}} A {{- end }}[{{ template "a" }}]', '{{ define `raw` }}R{{ end }}{{ template `raw` }}',
              '{{ define "a b" }}S{{ end }}{{ template "a b" }}', '{{ define "" }}E{{ end }}{{ template "" }}',
              '{{ define "a" }}{{ .x }}{{ end }}{{ template "a" .m }}', '{{ define "a" 1 }}{{ end }}',
              '{{ define "a" }}{{ $x }}{{ end }}', '{{ $x := 1 }}{{ define "a" }}{{ end }}{{ template "a" $x }}',
              '{{ template "a" 1 2 }}', '{{ block "a" }}{{ end }}{{ block "a" }}{{ end }}',
              '{{ define "a" }}{{ break }}{{ end }}', '{{ define "a" }}{{ .absent.x }}{{ end }}{{ template "a" . }}',
              '{{ define "a" }}{{ index . 5 }}{{ end }}{{ template "a" .list }}',
              '{{ define "a" }}{{ . }}{{ end }}{{ template "a" (print 1 2) }}',
              '{{ define "a" }}{{ . }}{{ end }}{{ template "a" .list | len }}',
              '{{ block "b" . }}{{ template "c" }}{{ end }}{{ define "c" }}C{{ end }}',
              '{{ with .m }}{{ template "x" . }}{{ end }}{{ define "x" }}{{ .b }}{{ end }}',
              '{{ range .list }}{{ template "x" . }}{{ end }}{{ define "x" }}<{{ . }}>{{ end }}']:
        c.add(a, t, builtin_only="slice" in t)
    c.add(a, "{{ . }} in {{ template \"a\" }}{{ define \"a\" }}A{{ end }}", tpl_name="other")
    c.add(a, "{{ .absent.x }}", tpl_name="gen")
    c.add(a, "{{ define \"gen\" }}G{{ end }}main", tpl_name="gen")
    c.add(a, "{{ define \"a\" }}{{ .x.y }}{{ end }}{{ template \"a\" .m }}", tpl_name="g2")


def compare(c):
    a = "builtins_compare"
    operands = ["1", "2", "-1", "1.0", "2.5", '"a"', '"b"', "true", "false", "nil", ".n", ".zero", ".f",
                ".s", ".big", ".list", ".m", ".nil", ".absent", "'a'", "0x10"]
    for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
        if op in ("eq", "ne"):
            ys = ["1", "1.0", '"a"', ".n", ".f", "true", "nil", ".list", ".nil", "3", "'a'"]
        elif op in ("lt", "ge"):
            ys = ["1", "1.0", '"a"', ".n", ".f", "nil", ".list"]
        else:
            ys = ["1", ".n", '"a"']
        for x in operands:
            for y in ys:
                c.add(a, "{{ %s %s %s }}" % (op, x, y))
    for t in ["{{ eq 1 1 2 }}", "{{ eq 3 1 2 3 }}", "{{ eq .n 1 2 3 }}", "{{ eq \"a\" \"b\" \"a\" }}",
              "{{ eq 1 }}", "{{ eq }}", "{{ ne 1 }}", "{{ lt 1 }}", "{{ lt 1 2 3 }}", "{{ ne 1 2 3 }}",
              "{{ eq 1 \"a\" 1 }}", "{{ eq 1 1 \"a\" }}", "{{ eq .list .list }}", "{{ eq .m .m }}",
              "{{ eq .nil .nil }}", "{{ eq .absent nil }}", "{{ eq .absent .nil }}", "{{ lt .nil 1 }}",
              "{{ lt \"a\" \"b\" }}", "{{ lt \"b\" \"a\" }}", "{{ lt \"\" \"a\" }}", "{{ le \"a\" \"a\" }}",
              "{{ lt true false }}", "{{ lt .list .list }}", "{{ lt 1.5 2 }}", "{{ lt 1 1.5 }}",
              "{{ lt .n .f }}", "{{ lt .f 2.0 }}", "{{ lt -1 .big }}", "{{ gt .big 1 }}",
              "{{ eq .big 9223372036854775807 }}", "{{ eq 0.1 0.1 }}", "{{ eq (len .s) 5 }}",
              "{{ eq (len .s) .n }}", "{{ eq .n (len .list) }}", "{{ eq .m.a 1 }}", "{{ eq .m.c.d \"deep\" }}",
              "{{ eq 'a' 97 }}", "{{ eq \"é\" \"é\" }}", "{{ lt \"Z\" \"a\" }}", "{{ eq .t true }}",
              "{{ eq .empty \"\" }}", "{{ ne .s \"hello\" }}", "{{ eq (index .mixed 2) nil }}",
              "{{ eq (index .mixed 0) 1 }}", "{{ eq .n .n .n }}",
              # and / or / not
              "{{ and 1 0 2 }}", "{{ and 1 2 3 }}", "{{ and 0 1 }}", "{{ and \"\" \"x\" }}", "{{ and .t .s }}",
              "{{ or 0 \"\" 3 }}", "{{ or 0 \"\" }}", "{{ or .s .n }}", "{{ or .fl .nil }}", "{{ or .el .em }}",
              "{{ and }}", "{{ or }}", "{{ and 1 }}", "{{ or 0 }}", "{{ not 1 }}", "{{ not 0 }}",
              "{{ not \"\" }}", "{{ not .nil }}", "{{ not .list }}", "{{ not .el }}", "{{ not }}", "{{ not 1 2 }}",
              "{{ and 0 (index .list 10) }}", "{{ or 1 (index .list 10) }}", "{{ and 1 (index .list 10) }}",
              "{{ or 0 (index .list 10) }}", "{{ and .fl .absent.x }}", "{{ or .t .nil.x }}",
              "{{ and .t .nil.x }}", "{{ and 1 .m }}", "{{ or .m 1 }}", "{{ and .list .strs }}",
              "{{ printf \"%T\" (and 1 \"a\") }}", "{{ printf \"%T\" (or 0 1.5) }}", "{{ and .absent 1 }}",
              "{{ not .absent }}", "{{ and (eq 1 1) (ne 1 2) }}", "{{ or (lt 1 \"a\") true }}",
              "{{ or true (lt 1 \"a\") }}", "{{ not (eq .n 3) }}"]:
        c.add(a, t)


def index_slice_len(c):
    a = "builtins_index_slice_len"
    for t in ["{{ index .list 0 }}", "{{ index .list 2 }}", "{{ index .list 3 }}", "{{ index .list -1 }}",
              "{{ index .list .n }}", "{{ index .list .zero }}", "{{ index .list 1.0 }}", "{{ index .list \"a\" }}",
              "{{ index .list nil }}", "{{ index .m \"a\" }}", "{{ index .m \"zz\" }}", "{{ index .m \"c\" \"d\" }}",
              "{{ index .m \"c\" \"zz\" }}", "{{ index .m 1 }}", "{{ index .m nil }}", "{{ index .s 0 }}",
              "{{ index .s 4 }}", "{{ index .s 5 }}", "{{ index .u 1 }}", "{{ index .items 0 \"name\" }}",
              "{{ index .items 1 \"v\" }}", "{{ index . \"list\" 1 }}", "{{ index .nil 0 }}", "{{ index .absent 0 }}",
              "{{ index .n 0 }}", "{{ index .list }}", "{{ index }}", "{{ index .mixed 2 }}", "{{ index .m.c \"d\" }}",
              "{{ index .el 0 }}", "{{ index .em \"x\" }}", "{{ index .list 1 2 }}", "{{ index .big 0 }}",
              "{{ index .list 9223372036854775807 }}", "{{ index .strs (len .list | print | len) }}",
              "{{ index .m \"a\" | printf \"%T\" }}", "{{ index . \"absent\" }}", "{{ index .m \"zz\" | printf \"%T\" }}",
              "{{ index 1 }}", "{{ index \"abc\" 1 }}", "{{ index .t 0 }}",
              # len
              "{{ len .s }}", "{{ len .u }}", "{{ len .list }}", "{{ len .m }}", "{{ len .el }}", "{{ len .em }}",
              "{{ len .empty }}", "{{ len .nil }}", "{{ len .absent }}", "{{ len .n }}", "{{ len 3 }}", "{{ len \"abc\" }}",
              "{{ len }}", "{{ len .s .s }}", "{{ len .items }}", "{{ len .f }}", "{{ len nil }}", "{{ len .t }}",
              "{{ len (index .items 0) }}", "{{ printf \"%T\" (len .s) }}",
              # call
              "{{ call .s }}", "{{ call .nil }}", "{{ call .absent }}", "{{ call }}", "{{ call 1 }}", "{{ call .m 1 }}",
              # print family in templates
              "{{ print 1 2 \"a\" 3 nil .list }}", "{{ print \"a\" \"b\" }}", "{{ print 1 2 }}", "{{ print .nil }}",
              "{{ print .absent }}", "{{ println 1 \"a\" nil }}", "{{ println }}", "{{ print }}", "{{ printf }}",
              "{{ printf 1 }}", "{{ printf .s }}", "{{ printf nil }}", "{{ printf .n }}", "{{ print .m .list .f }}",
              "{{ println .m .strs }}", "{{ print 1.0 2.5 1e21 }}", "{{ print true false }}", "{{ print \"\" \"\" 1 }}",
              "{{ print .mixed }}",
              # escapers
              "{{ html .html }}", "{{ html \"<>&'\\\"\\x00\" }}", "{{ html 1 2 }}", "{{ html \"a\" 1 }}",
              "{{ html nil }}", "{{ html .absent }}", "{{ html .nil 1 }}", "{{ html .list }}", "{{ html }}",
              "{{ js .html }}", "{{ js \"a=b\\\\c\\n\\t\\u2028\\u00a0é\\x01\\x7f\" }}", "{{ js 1 \"a\" }}",
              "{{ js nil }}", "{{ js .m }}", "{{ js \"\\U000E0001\\uFFFF\\U0001F600\" }}",
              "{{ urlquery .html }}", "{{ urlquery \"a b/c?d=e&f+g~h.i_j-k\" }}", "{{ urlquery .u }}",
              "{{ urlquery 1 2 }}", "{{ urlquery .list }}", "{{ urlquery nil }}", "{{ urlquery }}",
              "{{ .html | html }}", "{{ .html | js }}", "{{ .html | urlquery }}", "{{ .html | html | urlquery }}"]:
        c.add(a, t)
    for t in ["{{ slice .list }}", "{{ slice .list 1 }}", "{{ slice .list 1 2 }}", "{{ slice .list 0 3 }}",
              "{{ slice .list 1 2 3 }}", "{{ slice .list 0 1 1 }}", "{{ slice .list 3 }}", "{{ slice .l4 5 }}", "{{ slice .l4 4 }}",
              "{{ slice .list 2 1 }}", "{{ slice .list -1 }}", "{{ slice .l4 1 5 }}", "{{ slice .l4 0 2 5 }}",
              "{{ slice .list 0 0 }}", "{{ slice .s }}", "{{ slice .s 1 }}", "{{ slice .s 1 3 }}",
              "{{ slice .s 1 2 3 }}", "{{ slice .s 6 }}", "{{ slice .u 1 2 }}", "{{ slice .m 1 }}", "{{ slice .n 1 }}",
              "{{ slice .nil 0 }}", "{{ slice .absent }}", "{{ slice }}", "{{ slice .list \"a\" }}",
              "{{ slice .list 1.0 }}", "{{ slice .list .n }}", "{{ slice .list 0 1 2 3 }}",
              "{{ printf \"%T\" (slice .list 1) }}", "{{ printf \"%T\" (slice .s 1) }}", "{{ slice .el 0 }}",
              "{{ slice .strs 1 | len }}", "{{ range slice .list 1 }}{{ . }}{{ end }}", "{{ slice .list nil }}",
              "{{ slice .empty 0 0 }}", "{{ slice \"abc\" 1 }}", "{{ slice .list 0 9223372036854775807 }}"]:
        c.add(a, t, builtin_only=True)


PRINTF_VALUES = ['0', '1', '-1', '42', '255', '-255', '65', '0x1F600', '1.0', '0.5', '3.14159', '-2.5',
                 '1e20', '1e21', '1e-5', '1234567.0', '123456.0', '1e100', '100.0', '0.125',
                 '""', '"hi"', '"héllo"', '"a\\"b\\\\c"', '"tab\\there\\n"', '"\\u2028"', '"😀"', '"`x`"',
                 'true', 'false', 'nil', "'a'", '.n', '.f', '.big', '.s', '.u', '.nil', '.absent', '.list',
                 '.mixed', '.m', '.strs', '.el', '.em', '.items', '.html']
VERBS = "v T t d b o O x X c q U e E f F g G s z".split()


def printf_verbs(c):
    a = "printf_verbs"
    for verb in VERBS + ["+v", "#v"]:
        for v in PRINTF_VALUES:
            c.add(a, '{{ printf "%%%s" %s }}' % (verb, v))


def printf_flags(c):
    a = "printf_flags"
    specs = ["+", "-", "#", "0", " ", "+0", "-0", "# ", "#0", "5", "-5", "05", "+08", "#8", ".0", ".2",
             ".10", "8.3", "-8.3", "08.3", "#.0", "+.3", " 012.4", "#012", "#-12"]
    vals = ['1', '-255', '3.14159', '-2.5', '1e21', '"hi"', '"héllo"', 'true', 'nil', '.list', '.m', "'a'",
            '0.0', '1e-7', '.mixed']
    verbs = "v d x X o b e f g G s q c U t".split()
    i = 0
    for sp in specs:
        for verb in verbs:
            # A deterministic thinning of the cross product: every spec with every verb, on
            # three of the values in turn.
            for k in range(3):
                v = vals[(i + k * 5) % len(vals)]
                c.add(a, '{{ printf "%%%s%s" %s }}' % (sp, verb, v))
            i += 1
    for f, args in [("%d %d", "1"), ("%d", "1 2"), ("%d", "1 \"a\" nil 2.5 .list .m"), ("%", ""),
                    ("abc%", "1"), ("%-", "1"), ("%5", "1"), ("%.", "1"), ("%.2", "1"), ("%[2]d %[1]d", "1 2"),
                    ("%[3]d", "1 2"), ("%[0]d", "1"), ("%[x]d", "1"), ("%[1]d %d %d", "1 2"),
                    ("%[2]*[1]d", "12 5"), ("%*d", "5 3"), ("%-*d|", "5 3"), ("%*d", "-5 3"), ("%*d", "\"x\" 3"),
                    ("%*d", "1.5 3"), ("%.*d", "3 7"), ("%.*d", "-1 7"), ("%.*f", "2 3.14159"),
                    ("%*.*f|", "8 2 3.14159"), ("%*d", "10000000 1"), ("%*d", ""), ("%.*d", ""),
                    ("%[1]2d", "1"), ("%[1].2d", "1"), ("%[2]d", "1"), ("%[1]*d", "3"), ("%[1]", "1"),
                    ("%[", "1"), ("%[1", "1"), ("%[]d", "1"), ("%[-1]d", "1"), ("%d%[1]d%d", "1 2"),
                    ("%%", ""), ("%5%", ""), ("%-5%|%d", "1"), ("%!", "1"), ("%é", "1"), ("x%dy%sz", "1 \"s\""),
                    ("%v %v", "nil nil"), ("%s", "nil"), ("%d", "nil"), ("%T", "nil"), ("%10.3s|", "\"héllo wörld\""),
                    ("%-10.3q|", "\"héllo\""), ("%.1x", "\"hello\""), ("% X", "\"hello\""), ("% #x", "\"\""),
                    ("%8x|", "\"\""), ("%08q", "\"a\""), ("%x", ".mixed"), ("%X", ".m"), ("%q", ".strs"),
                    ("%5d", ".list"), ("%05.1f", ".list"), ("%-4v|", ".mixed"), ("%s", ".mixed"), ("%t", ".list"),
                    ("%#v", ".items"), ("%#v", ".m"), ("%#v", ".mixed"), ("%#v", ".el"), ("%#v", ".em"),
                    ("%+v", ".m"), ("%x", "1.5"), ("%X", "-1.5"), ("%.3x", "3.14159"), ("%#x", "1.0"),
                    ("%b", "1.0"), ("%b", "0.1"), ("%#g", "1.0"), ("%#.3g", "0.0"), ("%#e", "1.0"),
                    ("%#.0e", "1.0"), ("%#.0f", "1.0"), ("%.20f", "0.1"), ("%.30e", "0.1"), ("%.17g", "0.1"),
                    ("%f", "1e300"), ("%.0f", "0.5"), ("%.0f", "1.5"), ("%.1f", "0.25"), ("%.1f", "0.35"),
                    ("%.3g", "100.0"), ("%.3g", "1000.0"), ("%.3g", "0.0001234"), ("%.0g", "2.5"),
                    ("%G", "1e-10"), ("%.2G", "1234.0"), ("%6.2f|%-8.3e|%+g", "1.0 2.0 3.0"),
                    ("%08.3f", ".f"), ("%v|%d", ".big .big"), ("%p", "1"), ("%p", "nil"), ("%p", "\"s\""),
                    ("%w", "1"), ("%w", ".list"), ("%x", "-1"), ("%c|%q|%U", "-1 -1 -1"), ("%c", "1114112"),
                    ("%q", "55296"), ("%U", "1114112"), ("%#U", "0x1F600"), ("%#U", "0x7f"), ("%+q", "\"héllo😀\""),
                    ("%#q", "\"back`tick\""), ("%#q", "\"tab\\there\""), ("%#q", "\"nl\\n\""), ("%#+q", "\"é\""),
                    ("%x", "\"😀\""), ("%.2s", "\"😀😀😀\""), ("%5.1s|", "\"éé\""), ("%-5c|", "233"),
                    ("%05c", "65"), ("%05t", "true"), ("%-05d|", "5"), ("%0-5d|", "5"), ("%+05d", "5"),
                    ("% 05d", "-5"), ("%+ d", "5"), ("%#o %#O %O", "8 8 8"), ("%#b", "5"), ("%#X", "255"),
                    ("%.3d", "-5"), ("%08.3d", "5"), ("%.0d", "0"), ("%5.0d|", "0"), ("%x", "9223372036854775807"),
                    ("%d", "1.0"), ("%s", "1"), ("%s", "1.5"), ("%s", "true"), ("%d", "\"1\""), ("%t", "\"true\""),
                    ("%e", "1"), ("%c", "\"a\""), ("%v%v%v", "1 \"a\" .list"), ("%[2]v %[2]v %[1]v", "1 2"),
                    ("%[2]d %d", "1 2"), ("%[1]d %[3]d", "1 2 3"), ("%.[2]d", "1 2"), ("%[1]*.[2]*[3]f", "8 2 3.14159"),
                    ("%3[1]d", "1"), ("%[1]*[1]d", "3")]:
        c.add(a, "{{ printf %s %s }}" % (q(f), args))


def print_values(c):
    a = "print_values"
    vals = [1.0, 0.5, 1e20, 1e21, 1e-4, 1e-5, 1e-7, 123456.0, 1234567.0, 123456789.0, 0.1, 0.30000000000000004,
            1.7976931348623157e308, 5e-324, -0.0, -1.5, 9223372036854775808, 100.0, 12345678901234567890,
            2.5e-3, 1e6, 999999.0, 1000000.5]
    for v in vals:
        c.add(a, "{{ . }}|{{ print . }}|{{ printf \"%v %g %e %f %.3g\" . . . . . }}", data=v)
    c.add(a, "{{ .fs }}", data={"fs": vals})
    for d in [{"a": None}, {"a": [None, {"b": None}]}, {"a": {"z": 1, "A": 2, "_": 3, "é": 4, "10": 5, "9": 6}},
              {"a": [[], {}, [[]], ""]}, {"a": ["", " ", "x y"]}, {"a": [True, False, None]},
              {"a": {"k": [1.5, 2, "s"]}}, {"a": "line\nbreak"}, {"a": [1, [2, [3, [4]]]]},
              {"a": -9223372036854775808}, {"a": [9223372036854775807, -1, 0]}, {"a": "\u0000nul"}]:
        c.add(a, "{{ .a }}", data=d)
        c.add(a, "{{ print .a .a }}|{{ println .a }}", data=d)
        c.add(a, "{{ printf \"%v|%+v|%#v|%T|%s|%d|%q\" .a .a .a .a .a .a .a }}", data=d)
    for t in ["{{ print 1 2 }}", "{{ print \"a\" 1 2 \"b\" }}", "{{ print 1 \"a\" }}", "{{ print nil nil }}",
              "{{ print nil \"a\" nil }}", "{{ print .list .list }}", "{{ print .s .list }}", "{{ print 1.5 true }}",
              "{{ println 1 2 }}", "{{ println \"a\" \"b\" }}", "{{ println nil }}", "{{ print .m.a .m.b }}",
              "{{ print .absent }}", "{{ .absent }}", "{{ print .absent .absent }}", "{{ print (index .mixed 2) }}",
              "{{ index .mixed 2 }}", "{{ .mixed }}", "{{ print 'a' }}", "{{ print 1e3 }}", "{{ print 0x10 }}",
              "{{ print -0.0 }}", "{{ print 1.5e300 }}"]:
        c.add(a, t)


def missingkey(c):
    a = "missingkey"
    for mk in ["invalid", "default", "zero", "error"]:
        for t in ["{{ .absent }}", "{{ .absent.deeper }}", "{{ .m.absent }}", "{{ .m.absent.x }}",
                  "{{ .m.c.absent }}", "{{ index .m \"absent\" }}", "{{ index . \"absent\" }}",
                  "{{ (index .m \"absent\").x }}", "{{ $.absent }}", "{{ with .absent }}x{{ else }}e{{ end }}",
                  "{{ if .absent }}x{{ else }}e{{ end }}", "{{ range .absent }}x{{ else }}e{{ end }}",
                  "{{ print .absent }}", "{{ printf \"%v|%T|%d\" .absent .absent .absent }}",
                  "{{ eq .absent nil }}", "{{ len .absent }}", "{{ .absent | print }}", "{{ not .absent }}",
                  "{{ and .absent 1 }}", "{{ or .absent 1 }}", "{{ .nil }}", "{{ .nil.x }}", "{{ .m.a }}",
                  "{{ $x := .absent }}{{ $x }}", "{{ $x := .m }}{{ $x.absent }}", "{{ html .absent }}",
                  "{{ .absent.a.b.c }}", "{{ .absent }}{{ .name }}", "{{ .name }}{{ .absent }}",
                  "{{ with .m }}{{ .absent }}{{ end }}", "{{ range .items }}{{ .absent }}{{ end }}",
                  "{{ index .items 0 \"absent\" }}", "{{ .items.absent }}", "{{ template \"a\" .absent }}{{ define \"a\" }}{{ . }}{{ end }}",
                  "{{ .em.x }}", "{{ (.absent) }}", "{{ .absent.x | print }}", "{{ eq .absent .absent }}"]:
            c.add(a, t, missingkey=mk)
        sm = {"items": [{"name": "x"}, {"v": 2}]}
        for t in ["{{ range .items }}[{{ .name }}]{{ end }}", "{{ range .items }}{{ .name.x }}{{ end }}",
                  "{{ (index .items 1).name }}", "{{ index .items 1 \"name\" }}",
                  "{{ range .items }}{{ printf \"%T\" .name }}{{ end }}"]:
            c.add(a, t, data=sm, slice_of_maps=["items"], missingkey=mk)
        c.add(a, "{{ .absent }}", data=None, missingkey=mk)
        c.add(a, "{{ .x }}", data=[1], missingkey=mk)
        c.add(a, "{{ .x }}", data="s", missingkey=mk)


def parse_errors(c):
    a = "parse_errors"
    for t in ["{{ .x", "{{", "a {{ .x }", "{{ \"abc }}", "{{ `abc }}", "{{ 'a }}", "{{/* x", "{{/* x */ .a }}",
              "{{ /* x */ }}", "{{ end }}", "{{ else }}", "{{ if 1 }}", "{{ range .list }}", "{{ with 1 }}",
              "{{ break }}", "{{ continue }}", "{{ nosuchfunc 1 }}", "{{ nosuch }}", "{{ 1 | nosuch }}",
              "{{ toYaml . }}", "{{ fromYaml \"a\" }}", "{{ deterministicUUID }}", "{{ $x }}", "{{ $x.y }}",
              "{{ }}", "{{ 0x }}", "{{ 1a }}", "{{ 08 }}", "{{ 1.2.3 }}", "{{ 0b2 }}", "{{ 1__0 }}", "{{ _1 }}",
              "{{ ( }}", "{{ ) }}", "{{ (1 }}", "{{ 1) }}", "{{ .a | }}", "{{ | .a }}", "{{ .a || .b }}",
              "{{ define }}", "{{ template }}", "{{ template .x }}", "{{ template \"a\" 1 2 }}", "{{ range }}",
              "{{ with }}", "{{ if 1 }}{{ else if }}{{ end }}", "{{ 3 | 4 }}", "{{ \"a\" | 4 }}",
              "{{ $x := }}", "{{ @ }}", "{{ .a.b. }}", "{{ . . }}", "{{ \"\\z\" }}", "{{ 'ab' }}", "{{ '' }}",
              "{{ nil }}", "{{ nil | print }}", "{{ .a nil }}", "{{-3}}", "{{3-}}", "{{ 3 -}}x", "{{- 3}}",
              "{{ 1 }}{{ end }}", "{{ if 1 }}{{ end }}{{ else }}", "{{ range .list }}{{ else if 1 }}{{ end }}",
              "{{ with 1 }}{{ else if 1 }}{{ end }}", "{{ if 1 }}{{ else }}{{ else if 1 }}{{ end }}",
              "{{ define \"a\" }}{{ end }}{{ define \"a\" }}", "{{ block \"a\" }}", "{{ block }}{{ end }}",
              "{{ .a.1 }}", "{{ .1 }}", "{{ $1 }}", "{{ $x := 1 }}{{ $y = 2 }}", "{{ $x.1 }}",
              "{{ true.x }}", "{{ \"s\".x }}", "{{ 1.x }}", "{{ nil.x }}", "{{ (1).x }}", "{{ .x.y z }}",
              "{{ print 1 2 (}}", "{{ \"unterminated\n\" }}", "{{ 'a\n' }}", "line1\nline2 {{ .x", "a\n\n{{ end }}",
              "{{ if 1 }}\n\n{{ else }}\n{{ else }}{{ end }}", "{{ .a }} {{ $y }}", "{{ range $i, $v := .list }}{{ end }}{{ $i }}",
              "{{ :=  }}", "{{ $x :== 1 }}", "{{ $x = }}", "{{ $ := 1 }}{{ $x }}", "{{ else if 1 }}",
              "{{ if 1 }}{{ else with }}{{ end }}", "{{ define \"a\" }}{{ template \"b\" }}{{ end }}",
              "{{ 1e400 }}", "{{ 0x1p }}", "{{ 1i }}", "{{ 'ab }}", "{{ \"a\" \"b\" }}", "{{ 1 2 }}",
              "{{ .x 1 }}", "{{ $x := 1 }}{{ $x 1 }}", "{{ (1) 2 }}", "{{ true 1 }}",
              "{{ call }}", "{{ and }}", "{{ len 1 2 }}", "{{ index }}", "{{ not 1 2 }}", "{{ eq }}"]:
        c.add(a, t)


def exec_errors(c):
    a = "exec_errors"
    for t in ["{{ index .list 10 }}", "{{ index .list -1 }}", "{{ .nil.x }}", "{{ .list.x }}", "{{ .s.x }}",
              "{{ .n.x }}", "{{ .m.c.d.e }}", "{{ .absent.deeper }}", "{{ len .nil }}", "{{ len .n }}",
              "{{ eq 1 \"a\" }}", "{{ lt true false }}", "{{ eq .list .list }}", "{{ lt 1 1.5 }}",
              "{{ range .s }}{{ end }}", "{{ range .f }}{{ end }}", "{{ template \"x\" }}", "{{ call .nil }}",
              "{{ call .s }}", "{{ .s | .s }}", "{{ printf 1 }}", "{{ printf .list }}", "{{ html }}x",
              "{{ slice .list 2 1 }}", "{{ index .m 1 }}", "{{ index .s 10 }}", "{{ index .n 1 }}",
              "{{ 9223372036854775808 }}", "{{ print 9223372036854775808 }}", "{{ .list | index 9 }}",
              "{{ range $i, $v := 3 }}{{ end }}", "{{ not 1 2 }}", "{{ and }}", "{{ len }}", "{{ len 1 2 }}",
              "{{ eq 1 }}", "{{ lt 1 2 3 }}", "{{ index }}", "{{ .m.a.b }}", "{{ (index .items 5).name }}",
              "before\n{{ .n }}\n{{ .n.x }} after", "line1\n  {{ index .list 7 }}", "{{ with .m }}{{ .c.d.e }}{{ end }}",
              "{{ range .list }}{{ .x }}{{ end }}", "{{ range .items }}{{ .name.first }}{{ end }}",
              "{{ define \"a\" }}{{ .x.y }}{{ end }}{{ template \"a\" .m }}", "{{ if .n.x }}{{ end }}",
              "{{ .m.c.d | len | printf \"%d\" | index .list }}", "{{ eq .n \"3\" }}", "{{ ne .f 1 }}",
              "{{ lt .s 1 }}", "{{ ge .nil 1 }}", "{{ gt .list 1 }}", "{{ le .m .m }}", "{{ eq .m 1 }}",
              "{{ eq 1.5 1 }}", "{{ lt \"a\" 'a' }}", "{{ $x := .list }}{{ $x.y }}", "{{ $.s.x }}",
              "{{ (print 1).x }}", "{{ print 1 | .s }}", "{{ 1 | .m.a }}", "{{ .name | index 1 }}",
              "{{ slice .s 2 1 }}", "{{ slice .s 0 9 }}", "{{ slice .list 0 1 9 }}", "{{ slice .s 0 1 2 }}",
              "{{ slice .n }}", "{{ index .list .s }}", "{{ index .list 1.5 }}", "{{ len .f }}",
              "ok {{ .n }} {{ index .list 5 }} never", "{{ range 1.5 }}{{ end }}",
              # Go shortens the "at <...>" context and counts columns in bytes.
              "{{ index .list 0 1 2 3 4 5 6 7 8 9 10 11 12 }}", "{{ .m.c.d.e.f.g.h.i.j.k.l.m.n.o.p }}",
              "é😀{{ .n.x }}", "héllo\nwörld {{ .n.x }}", "{{ printf \"%d\" (index .list 99) }}",
              "{{ define \"a\" }}\n\n  {{ .x.y }}{{ end }}{{ template \"a\" .m }}",
              "{{ define \"a\" }}{{ .x | }}{{ end }}", "{{ define \"a\" }}\n{{ nosuch }}{{ end }}",
              "{{ define \"a\" }}{{ template \"b\" }}{{ end }}{{ template \"a\" }}",
              "{{ block \"a\" .m }}{{ .a.b }}{{ end }}", "{{ with .m }}{{ with .c }}{{ .d.e }}{{ end }}{{ end }}",
              "{{ range $i, $v := .list }}{{ if eq $i 2 }}{{ $v.x }}{{ end }}{{ end }}",
              "{{ $x := index .list 1 }}{{ $x.y }}", "{{ (.n).x }}", "{{ .list | printf \"%d\" | len | index .s }}"]:
        c.add(a, t, builtin_only="slice" in t)


def literals(c):
    a = "literals"
    for lit in ["0", "7", "-7", "+7", "0x1F", "0X1f", "0o17", "0O17", "017", "0b101", "0B101", "1_000",
                "0x_1F", "0b_1", "1e3", "1E-2", "1.5", ".5", "5.", "0x1p4", "0x1.8p1", "-0", "0.0", "-0.0",
                "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e21", "1e-7",
                "'a'", "'\\n'", "'\\x41'", "'\\u00e9'", "'\\U0001F600'", "'\\''", "'\"'", "'é'", "'\\\\'",
                "'\\101'", "\"a\\tb\"", "\"\\u00e9\"", "\"\\x41\"", "\"\\101\"", "\"\\\"\"", "\"\\\\\"", "\"\\a\\b\\f\\v\"",
                "`a\\nb`", "`multi\nline`", "``", "\"\"", "nil", "true", "false", "1i", "0i", "1.5i", "0x10i",
                "1_0.5", "0_7", "0o_7", "00", "0.", "1e+3", "-.5", "+.5", "0x0", "-0x10", "1e308", "1e-320",
                "123456789012345678", "1.0e0", "1e0", "'\\t'", "'\\a'", "\"é😀\"", "\"\\U0001F600\""]:
        c.add(a, "{{ %s }}" % lit)
        c.add(a, "{{ printf \"%%T %%v\" %s %s }}" % (lit, lit))


def whitespace_trim(c):
    a = "whitespace_trim"
    for t in ["a {{- 1 -}} b", "a  {{- 1}}", "{{1 -}}\n\n b", "{{-1}}", "{{- -1 -}}", "{{ -1 }}",
              "x {{- /* c */ -}} y", "x {{/* c */ -}} y", "x {{- /* c */}} y", "a\t\n {{- 1 }}", "{{ 1 -}} \t\n b",
              "{{-\t1 }}", "{{-\n1 }}", "{{- 1 -}}", "{{ 1 }}{{- 2 }}", "{{ 1 -}}{{ 2 }}",
              "{{ define \"a\" -}}\n  A\n{{- end }}{{ template \"a\" }}",
              "{{ range .list -}}\n  {{ . }}\n{{- end }}", "{{ range .list }}\n  {{- . -}}\n{{ end }}",
              "{{ if .t -}}\n  yes\n{{- else -}}\n  no\n{{- end }}", "a\n{{- if .t }}\nb\n{{- end }}\nc",
              "{{- .name -}}", "  {{- .name -}}  ", "{{ .name -}}   \n", "{{-.name}}", "{{.name-}}",
              "{{ .name-}}", "{{-.name -}}", "{{ 3 -}}4", "{{ 3 - }}", "{{- 3 -}}4", "{{ - 3 }}",
              "{{--3}}", "{{- --3}}", "{{ 1 -}}\r\n2", "a {{- \"x\" -}} b", "{{ $x := 1 -}} \n {{ $x }}",
              "- {{- 1 }}", "{{ 1 -}} -", "{{/* a */ -}}", "{{- /* a */}}", "{{-/* a */}}", "{{/* a */-}}",
              "{{- /* a */ -}}\n", "a\n\n{{- /* x */ -}}\n\nb", "{{ with .m -}} {{ .a }} {{- end }}",
              "\n{{- range .strs }}\n{{ . }}\n{{- end }}\n", "{{ \"a\" -}}\u00a0b", "{{ \"a\" -}}\u2003b"]:
        c.add(a, t)


def pipelines_misc(c):
    a = "pipelines_misc"
    for t in ["{{ print (print (print 1 2) 3) 4 }}", "{{ (print 1 | printf \"<%s>\") }}",
              "{{ printf \"%s-%s\" (print .s) (index .strs 0 | print) }}", "{{ len (slice .strs 1) | print }}",
              "{{ with $x := .m }}{{ with $y := $x.c }}{{ $y.d }}{{ $x.a }}{{ end }}{{ end }}",
              "{{ with .fl }}a{{ else with $y := .m }}{{ $y.b }}{{ end }}", "{{ range $i, $e := . }}{{ $i }}{{ $e }};{{ end }}",
              "{{ range . }}{{ . }}{{ end }}", "{{ $x := 1 }}{{ range . }}{{ $x = . }}{{ end }}{{ $x }}",
              "{{ template \"b\" . }}{{ block \"b\" .m }}{{ .a }}{{ end }}", "{{ .list | len | printf \"%d items\" }}",
              "{{ \"abc\" | len }}", "{{ 3 | printf \"%d-%d\" 4 }}", "{{ nil | print }}", "{{ .m.c | print }}",
              "{{ and 1 2 | not }}", "{{ or 0 \"\" | not }}", "{{ eq (and 1 2) 2 }}", "{{ (or .absent \"dflt\") }}",
              "{{ if and .t (eq .n 3) (ne .s \"x\") }}ok{{ end }}", "{{ if or (lt .n 1) (gt .n 2) }}ok{{ end }}",
              "{{ index (index .items 0) \"name\" | printf \"%q\" }}", "{{ (index .m \"c\").d }}",
              "{{ $m := .m }}{{ range $k, $v := $m }}{{ if eq $k \"c\" }}{{ $v.d }}{{ end }}{{ end }}",
              "{{ range $i, $v := .strs }}{{ if $i }}, {{ end }}{{ $v | printf \"%q\" }}{{ end }}",
              "{{ printf \"%v\" (slice .s 1 3) }}", "{{ $s := \"\" }}{{ range .strs }}{{ $s = print $s . }}{{ end }}{{ $s }}",
              "{{ range $i := .n }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $i }}{{ end }}",
              "{{ range $i, $v := .n }}{{ end }}", "{{ range .list }}{{ range $.list }}{{ break }}{{ end }}{{ . }}{{ end }}",
              "{{ with .list }}{{ index . 0 }}{{ end }}", "{{ print .t .fl .nil }}", "{{ println .list \"a\" .m }}",
              "{{ .m.c.d | printf \"%.2s\" }}", "{{ .u | printf \"%.3s|%5.2s|%-6s|\" .u .u }}",
              "{{ printf \"%d%%\" 50 }}", "{{ printf \"%s\" .m }}", "{{ printf \"%v\" .items }}",
              "{{ print .items }}", "{{ js (print .m) }}", "{{ html .mixed }}", "{{ urlquery .u .s }}",
              "{{- range .strs }} {{ . }} {{- end }}", "{{ range .strs -}} {{ . }} {{ end -}}",
              "a{{/* c */}}{{ .s }}{{/* d */}}b", "{{ .s }}{{/* trailing */ -}}\n  x",
              "{{ if .t }}{{/* c */}}{{ end }}", "{{ range .list }}{{/* c */}}{{ end }}x",
              "{{ define \"x\" }}{{/* c */}}X{{ end }}{{ template \"x\" }}", "{{ $x := .list }}{{ len $x }}",
              "{{ $x := \"a\" }}{{ $x | printf \"%s%s\" $x }}", "{{ .list | slice 1 }}", "{{ 1 | index .list }}",
              "{{ .m | len | eq 3 }}", "{{ \"b\" | lt \"a\" }}", "{{ 2 | le 3 }}", "{{ .zero | not }}"]:
        c.add(a, t, builtin_only="slice" in t)
    c.add(a, "{{ range $i, $e := . }}{{ $i }}{{ $e }};{{ end }}", data=["x", "y"])
    c.add(a, "{{ range . }}{{ . }}{{ end }}", data={"b": 2, "a": 1})
    c.add(a, "{{ range . }}{{ . }}{{ else }}none{{ end }}", data=[])
    c.add(a, "{{ len . }}", data="héllo")
    c.add(a, "{{ index . 1 }}", data=[5, 6])
    c.add(a, "{{ . }}", data=9007199254740993)
    c.add(a, "{{ . }}", data=18446744073709551615)
    c.add(a, "{{ printf \"%T %v\" . . }}", data=18446744073709551616)


AREA_FUNCS = [actions, variables, conditionals, ranges, withs, define_block, compare, index_slice_len,
              printf_verbs, printf_flags, print_values, missingkey, parse_errors, exec_errors, literals,
              whitespace_trim, pipelines_misc]


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------

def request(case):
    req = {"template": case["template"], "data": case["data"]}
    if "missingkey" in case:
        req["missingkey"] = case["missingkey"]
    if "slice_of_maps" in case:
        req["slice_of_maps"] = case["slice_of_maps"]
    if "tpl_name" in case:
        req["name"] = case["tpl_name"]
    return req


def run_batch(cmd, cases):
    if not cases:
        return []
    lines = "".join(json.dumps(request(c), ensure_ascii=False) + "\n" for c in cases)
    p = subprocess.run(cmd, input=lines.encode(), capture_output=True, check=True)
    out = p.stdout.decode().split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(cases):
        sys.exit("oracle answered %d lines for %d cases" % (len(out), len(cases)))
    return [json.loads(line) for line in out]


def build_runner(go):
    d = tempfile.mkdtemp(prefix="gotmpl-builtins-")
    src = os.path.join(d, "main.go")
    with open(src, "w") as fh:
        fh.write(BUILTIN_RUNNER)
    exe = os.path.join(d, "gotmpl-builtins")
    env = dict(os.environ, GOCACHE=os.path.join(d, "cache"), GOFLAGS="", GO111MODULE="off")
    subprocess.run([go, "build", "-o", exe, src], check=True, env=env, cwd=d)
    return exe


def main():
    home = os.path.expanduser("~")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oracle", default=os.environ.get(
        "GOTMPL_ORACLE", os.path.join(home, ".cache/gotmpl-oracle/gotmpl-oracle")))
    ap.add_argument("--go", default=os.path.join(home, ".cache/gotmpl-oracle/venv/bin/go"))
    args = ap.parse_args()

    corpus = Corpus()
    for f in AREA_FUNCS:
        f(corpus)

    runner = build_runner(args.go)
    all_cases = [c for cases in corpus.areas.values() for c in cases]
    oracle_cases = [c for c in all_cases if not c.get("builtin_only")]
    builtin_cases = [c for c in all_cases if c.get("builtin_only")]
    oracle_res = run_batch([args.oracle, "-batch"], oracle_cases)
    # Cross-check: the builtins-only runner must agree with the oracle wherever no sprig
    # function is involved (all of our non-slice cases).
    cross = run_batch([runner], oracle_cases)
    for c, r1, r2 in zip(oracle_cases, oracle_res, cross):
        if (r1.get("output"), r1.get("error")) != (r2.get("output"), r2.get("error")):
            print("warning: runners disagree on %r: %r vs %r" % (c["template"], r1, r2), file=sys.stderr)
    builtin_res = run_batch([runner], builtin_cases)
    results = {id(c): r for c, r in zip(oracle_cases, oracle_res)}
    results.update({id(c): r for c, r in zip(builtin_cases, builtin_res)})

    os.makedirs(OUT_DIR, exist_ok=True)
    for name in os.listdir(OUT_DIR):
        if name.endswith(".jsonl"):
            os.remove(os.path.join(OUT_DIR, name))
    total = 0
    seen = set()
    for area, cases in corpus.areas.items():
        rows = []
        for c in cases:
            key = json.dumps(request(c), sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            r = results[id(c)]
            if r.get("phase") in ("panic", "input", "option") or "output_b64" in r:
                print("skipped (%s): %r" % (r.get("phase") or "non-UTF-8", c["template"]), file=sys.stderr)
                continue
            row = OrderedDict()
            row["name"] = "%s/%04d" % (area, len(rows) + 1)
            for k in ("template", "data", "missingkey", "slice_of_maps", "tpl_name"):
                if k in c:
                    row[k] = c[k]
            if c.get("builtin_only"):
                row["oracle"] = "builtins"
            expect = OrderedDict()
            expect["output"] = r.get("output", "")
            if r.get("error"):
                expect["error"] = r["error"]
                expect["phase"] = r["phase"]
            row["expect"] = expect
            rows.append(row)
        with open(os.path.join(OUT_DIR, area + ".jsonl"), "w") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        total += len(rows)
        print("%-28s %5d cases" % (area, len(rows)))
    print("total %d cases" % total)


if __name__ == "__main__":
    main()
