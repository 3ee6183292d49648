# syntax=docker/dockerfile:1
# The portal: the Angular build served by nginx, which proxies the API paths to the api service
# (see nginx.conf). Build from the repository root:
#   docker build -f infra/docker/portal.Dockerfile -t bouquet-portal .

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx nx run frontend:build

FROM nginx:stable-alpine
COPY infra/docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist/frontend/browser /usr/share/nginx/html
EXPOSE 80
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1/ || exit 1
