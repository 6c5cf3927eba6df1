# leakstop serve: the webhook responder (see the README, "Run it in a container").
#   docker build -t leakstop .
#   docker run -p 3000:3000 -v leakstop-data:/data -e LEAKSTOP_WEBHOOK_SECRET -e GITHUB_TOKEN leakstop
#
# The base image is pinned by digest (the multi-arch manifest list of node:24-bookworm-slim), so a
# rebuild gets the same Node and Debian until someone moves the pin on purpose; Dependabot
# (.github/dependabot.yml) proposes new digests. To move it by hand:
#   docker buildx imagetools inspect node:24-bookworm-slim   # the "Digest:" line, in both FROM lines

# Build the bundle from source, so the image never depends on a stale dist/.
FROM node:24-bookworm-slim@sha256:e8e2e91b1378f83c5b2dd15f0247f34110e2fe895f6ca7719dbb780f929368eb AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the image's own Node runs the build (the `node` devDependency would download another).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts/build.mjs scripts/
COPY src/ src/
RUN /usr/local/bin/node scripts/build.mjs --outdir /out/dist

# The bundle needs no node_modules at run time.
FROM node:24-bookworm-slim@sha256:e8e2e91b1378f83c5b2dd15f0247f34110e2fe895f6ca7719dbb780f929368eb
LABEL org.opencontainers.image.title="leakstop" \
      org.opencontainers.image.description="leakstop serve: responds to leaked credentials (GitHub secret scanning webhooks)" \
      org.opencontainers.image.source="https://github.com/leakstop/leakstop" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="docker.io/library/node:24-bookworm-slim"
ENV NODE_ENV=production \
    LEAKSTOP_DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY --from=build /out/dist/ dist/
COPY package.json ./
# The queue lives in /data: mount a volume there, or acknowledged deliveries die with the container.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Docker-format images only: the OCI image format has no health check, so podman and buildah
# (OCI by default) drop this line with a warning unless built with `--format docker`.
# Kubernetes and Azure Container Apps ignore it either way: give them probes on GET /healthz.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Graceful stop on SIGTERM: stop accepting, answer requests in progress, let running work finish for
# LEAKSTOP_SHUTDOWN_GRACE_MS, then give the rest back to the queue. The platform must wait longer than
# that before SIGKILL: 8 s fits Docker's default 10 s (`docker stop`), Kubernetes' and Azure Container
# Apps' 30 s (terminationGracePeriodSeconds). Raise both together, e.g. LEAKSTOP_SHUTDOWN_GRACE_MS=25000
# with `docker run --stop-timeout 30` / `docker stop -t 30` / compose `stop_grace_period: 30s`.
# Work cut short by a SIGKILL is not lost: it runs again at the next start.
ENV LEAKSTOP_SHUTDOWN_GRACE_MS=8000
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/cli.js", "serve"]
