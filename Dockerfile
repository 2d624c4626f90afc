# syntax=docker/dockerfile:1
# Plugboard API (+ the built SPA it serves). Multi-stage:
#   build   – node:20-bookworm (has python3/make/g++ for better-sqlite3, argon2, re2),
#             npm install from the committed lockfile, nx build api + web, prune dev deps
#   runtime – node:20-bookworm-slim with dist/ + production node_modules only
# Note: `npm ci` is not usable with this lockfile (see VERSIONS.md) – use `npm install`.

FROM node:20-bookworm AS build
WORKDIR /app
ENV CI=true \
    NG_CLI_ANALYTICS=false \
    NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false \
    JOBS=max \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm install --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build -p api web --parallel=2 --outputStyle=static \
 && test -f dist/apps/api/main.js \
 && test -f dist/apps/web/browser/index.html
# Keep only production dependencies (compiled native addons stay in place), and collect what
# the runtime needs in /out (plugins.config.yaml is optional).
RUN npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p /out \
 && cp -r dist package.json /out/ \
 && rm -rf /out/dist/.playwright \
 && if [ -f plugins.config.yaml ]; then cp plugins.config.yaml /out/; fi

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=sqlite:/app/data/plugboard.sqlite \
    PLUGBOARD_PLUGINS_CONFIG=/app/plugins.config.yaml
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /out/ ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Liveness and readiness (DB reachable, migrations done) through the API's own endpoints.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "const p=process.env.PORT||3000;Promise.all(['health','ready'].map(x=>fetch(`http://127.0.0.1:${p}/api/${x}`))).then(r=>process.exit(r.every(x=>x.ok)?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/main.js"]
