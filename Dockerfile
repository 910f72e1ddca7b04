# Berth's image: the web's standalone server, the worker's bundle and the migrations, on Node 20. It holds only what
# runs; build it from a checkout where the build has run:
#   npm ci && npm run db:generate && npm run build && docker build -t registry.example.com/berth:1 .
# web:    node apps/web/server.js              (PORT, HOSTNAME)
# worker: node apps/worker/dist/bootstrap.js   (migrates; creates the first admin once), then
#         node apps/worker/dist/main.js
# docker-compose.yml adds Node's flags and glibc's malloc thresholds that keep idle memory small.
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE}
WORKDIR /app
# NEXT_MANUAL_SIG_HANDLE: on SIGTERM the web shuts down gracefully by Berth's own handler (apps/web/lib/shutdown.ts).
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 NEXT_MANUAL_SIG_HANDLE=true
COPY apps/web/.next/standalone/ ./
COPY apps/worker/dist/ ./apps/worker/dist/
COPY prisma/migrations/ ./prisma/migrations/
# Not root: uid/gid 10001 (numeric: no /etc/passwd entry needed), which can read the files above but not change them.
# The Docker socket (root:docker, 0660 on hosts) is reached through its group: `--group-add <its gid>`, or in
# the stack `user: "10001:<its gid>"` (docker-compose.yml).
USER 10001:10001
EXPOSE 3000
CMD ["node", "apps/web/server.js"]
