# syntax=docker/dockerfile:1
# One image for the three functions and the migration job (terraform/functions.tf):
#   node dist/functions/server.js        serves the function named by FUNCTION_TARGET, on PORT
#   node dist/shared/db/migrate-cli.js   applies drizzle/ migrations (the Cloud Run job's command)

# --- build: install from the lockfile, compile, drop the dev dependencies -------------------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Without lifecycle scripts: `prepare` would build before the sources are here, and no production
# dependency needs an install script (the `node` devDependency's only downloads a second Node.js).
# This layer is reused until the lockfile changes.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: the compiled code, the migrations, production dependencies -------------------------
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    PORT=8080
WORKDIR /app
# Owned by root and read-only to the process: the `node` user cannot change its own code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The migrator looks for drizzle/ beside dist/ (shared/db/migrate.ts).
COPY --from=build /app/drizzle ./drizzle
USER node
EXPOSE 8080
CMD ["node", "dist/functions/server.js"]
