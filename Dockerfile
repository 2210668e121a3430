# capsule-render as a KRM container function (kpt `image:`, kustomize `container:`).
#
#   docker build -t capsule-render:dev .
#   kpt fn eval examples/envoy-gateway --image capsule-render:dev -o unwrap
#
# Stage 1 builds a static (musl) binary; stage 2 is an empty image holding only that binary and a
# passwd/group file with `nobody` (kpt and kustomize run functions with `--user nobody`, which
# docker resolves through the image's /etc/passwd). No shell, no libc, no package manager.
FROM rust:1-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked --target x86_64-unknown-linux-musl --bin capsule-render \
 && mkdir -p /out/etc /out/usr/local/bin \
 && cp target/x86_64-unknown-linux-musl/release/capsule-render /out/usr/local/bin/ \
 && echo 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' > /out/etc/passwd \
 && echo 'nobody:x:65534:' > /out/etc/group

FROM scratch
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="capsule-render" \
      org.opencontainers.image.description="Renders Capsule GlobalTenantResources and TenantResources offline, as a KRM function" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/capsule-render/capsule-render"
COPY --from=build /out/ /
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/capsule-render"]
