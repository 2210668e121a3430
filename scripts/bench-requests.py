#!/usr/bin/env python3
"""Writes the engine benchmark requests (gotmpl-oracle request format) to the folder given.

One request per template: the two seed generators (managed EnvoyProxy, Gateway with one HTTPS
listener per route hostname) and a function-heavy template (dig, default, quote, list, dict,
toJson), each with the data of one tenant that owns 10 HTTPRoutes of 1-3 hostnames. The data is
what Capsule passes: `tenant` as a map and the context list `https` as []map[string]interface{}.
"""
import json
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "target" / "bench")
out.mkdir(parents=True, exist_ok=True)

gtr = (root / "examples" / "envoy-gateway" / "managed-envoy-gateway.yaml").read_text()
# The two generator templates: the literal blocks under `template: |`.
templates = []
for m in re.finditer(r"template: \|\n((?:(?: {12}.*)?\n)+)", gtr):
    lines = m.group(1).split("\n")
    templates.append("\n".join(l[12:] for l in lines).rstrip("\n") + "\n")
assert len(templates) == 2, templates

tenant = {
    "metadata": {"name": "solar", "labels": {"tier": "gold"}, "uid": "0b8e", "generation": 1},
    "spec": {
        "owners": [{"kind": "User", "name": "alice"}],
        "data": {"networking": {"ingress": {"bandwidth": "100M", "loadbalancer": "203.0.113.10"},
                                "egress": {"bandwidth": "50M"}}},
    },
    "status": {"namespaces": ["solar-prod", "solar-dev"], "size": 2, "state": "Active"},
}
routes = []
for r in range(10):
    ns = "solar-prod" if r % 2 == 0 else "solar-dev"
    routes.append({
        "apiVersion": "gateway.networking.k8s.io/v1",
        "kind": "HTTPRoute",
        "metadata": {"name": f"route-{r}", "namespace": ns,
                     "labels": {"projectcapsule.dev/tenant": "solar"}},
        "spec": {
            "hostnames": [f"h{h}.r{r}.solar.example.com" for h in range(1 + r % 3)],
            "rules": [{"backendRefs": [{"name": f"svc-{r}", "port": 8080}]}],
        },
    })
data = {"tenant": tenant, "https": routes}

functions = """{{- $t := .tenant }}
{{- $bw := dig "spec" "data" "networking" "ingress" "bandwidth" "none" $t }}
{{- $lbl := default dict $t.metadata.labels }}
{{- range $i, $r := .https }}
- name: {{ $r.metadata.name | quote }}
  tier: {{ default "standard" $lbl.tier | quote }}
  bandwidth: {{ $bw | quote }}
  hosts: {{ toJson $r.spec.hostnames }}
  meta: {{ dict "ns" $r.metadata.namespace "i" $i "hosts" (len $r.spec.hostnames) | toJson }}
  tags: {{ list "a" $r.metadata.namespace (default "x" $r.metadata.missing) | toJson }}
{{- end }}
"""

cases = {"seed-envoyproxy": templates[0], "seed-gateway": templates[1], "functions": functions}
for name, tpl in cases.items():
    req = {"template": tpl, "data": data, "missingkey": "zero", "slice_of_maps": ["https"]}
    (out / f"{name}.json").write_text(json.dumps(req))
    print(out / f"{name}.json")
