# syntax=docker/dockerfile:1
# The backend image: one build for every role (ROLE=api | worker | all) and the migration CLI.
# Build from the repository root:
#   docker build -f infra/docker/backend.Dockerfile -t bouquet-backend .
# It also carries the built portal (dist/frontend/browser): set PORTAL_DIR to it to serve the
# portal from the api itself (as infra/k8s does); docker-compose serves it from nginx instead.

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx nx run-many -t build

# Runtime dependencies only. Install scripts are skipped: the only ones among them set up the
# embedded PostgreSQL binaries, which a deployment never uses.
FROM node:22-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production ROLE=api PORT=3000
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# EXPORT_DIR defaults to .data/exports under the working directory.
RUN mkdir -p .data/exports && chown -R node:node .data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/backend/backend/src/main.js"]
