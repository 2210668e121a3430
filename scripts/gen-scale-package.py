#!/usr/bin/env python3
"""Writes a kpt package with many tenants for the render benchmark.

Usage: gen-scale-package.py DIR [TENANTS] [ROUTES_PER_TENANT]   (defaults: 2000 tenants, 5 routes)

The package holds the two GlobalTenantResources of examples/envoy-gateway, a Kptfile, and per
tenant: the Tenant, two tenant namespaces, the tenant-<name>-system namespace and the routes
(1-3 hostnames each), spread over a few files as a real repository would be.
"""
import pathlib
import shutil
import sys

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])
tenants = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
routes = int(sys.argv[3]) if len(sys.argv) > 3 else 5

if out.exists():
    shutil.rmtree(out)
out.mkdir(parents=True)
for f in ["Kptfile", "managed-envoy-gateway.yaml", "tenant-acme-issuer.yaml"]:
    shutil.copy(root / "examples" / "envoy-gateway" / f, out / f)

docs = {"tenants.yaml": [], "namespaces.yaml": [], "httproutes.yaml": []}
for t in range(tenants):
    name = f"t{t:05d}"
    data = ""
    if t % 3 == 0:
        data = f"""  data:
    networking:
      ingress:
        bandwidth: {10 + t % 90}M
        loadbalancer: 198.51.{t // 250 % 256}.{t % 250 + 1}
"""
    docs["tenants.yaml"].append(f"""apiVersion: capsule.clastix.io/v1beta2
kind: Tenant
metadata:
  name: {name}
spec:
  owners:
    - kind: User
      name: owner-{name}
{data}""")
    for ns in [f"{name}-prod", f"{name}-dev"]:
        docs["namespaces.yaml"].append(f"""apiVersion: v1
kind: Namespace
metadata:
  name: {ns}
  labels:
    capsule.clastix.io/tenant: {name}
""")
    docs["namespaces.yaml"].append(f"""apiVersion: v1
kind: Namespace
metadata:
  name: tenant-{name}-system
""")
    for r in range(routes):
        ns = f"{name}-prod" if r % 2 == 0 else f"{name}-dev"
        hosts = "".join(f"    - h{h}.r{r}.{name}.example.com\n" for h in range(1 + r % 3))
        docs["httproutes.yaml"].append(f"""apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: route-{r}
  namespace: {ns}
  labels:
    projectcapsule.dev/tenant: {name}
spec:
  hostnames:
{hosts}  rules:
    - backendRefs:
        - name: svc-{r}
          port: 8080
""")
for f, items in docs.items():
    (out / f).write_text("---\n".join(items))
print(out)
