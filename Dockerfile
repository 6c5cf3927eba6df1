# leakstop serve: the webhook responder (see the README, "Webhook responder").
#   docker build -t leakstop .
#   docker run -p 3000:3000 -v leakstop-data:/data -e LEAKSTOP_WEBHOOK_SECRET -e GITHUB_TOKEN leakstop

# Build the bundle from source, so the image never depends on a stale dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the image's own Node runs the build (the `node` devDependency would download another).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts/ scripts/
COPY src/ src/
RUN /usr/local/bin/node scripts/build.mjs --outdir /out/dist

# The bundle needs no node_modules at run time.
FROM node:24-bookworm-slim
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
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Graceful shutdown: stop accepting, finish or requeue work in progress (give it 30 s: docker stop -t 30).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/cli.js", "serve"]
