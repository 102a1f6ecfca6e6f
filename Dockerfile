# One image holding every gatekit tool; the entrypoint's first argument picks
# the tool (see docker/entrypoint.sh and actions/*/action.yml).
#
# The builder uses the same install script and CMake preset as the README, so
# a local build and the image cannot drift apart.

FROM debian:bookworm-slim AS builder
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends make \
 && scripts/install-deps.sh build && rm -rf /var/lib/apt/lists/*
COPY . .
# The README's build command; the release preset leaves the tests out.
RUN make build PRESET=release \
 && strip build-release/bin/*

# Runtime: bookworm-slim plus the shared libraries the tools link (libcurl,
# pugixml, OpenSSL, yaml-cpp) and CA certificates for HTTPS probes.
FROM debian:bookworm-slim
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN /tmp/install-deps.sh runtime && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh
COPY --from=builder /src/build-release/bin/ /usr/local/bin/
COPY docker/entrypoint.sh /usr/local/bin/gatekit-entrypoint
# GitHub mounts the workspace here and starts the container in it.
WORKDIR /github/workspace
ENTRYPOINT ["/usr/local/bin/gatekit-entrypoint"]
