#!/usr/bin/env bash
# The image test (`npm run test:image`, run by .ci/run): builds the Dockerfile with podman, runs the image
# as a cluster would (read-only root, non-root, /data on a volume, /tmp on a tmpfs), waits for /readyz,
# runs `tutor explain docker cp --json` inside it, stops it with SIGTERM and checks a clean exit within the
# grace period, restarts it on the same volume, and checks that a bad variable stops it with one line.
# Prints the image size and the time to ready. Exits non-zero on any failure.
#
# Needs root, podman and the base image: ../shared/tools/podman-offline.sh prepares both on machines
# without a Docker engine or Docker Hub (the first run takes a few minutes; later runs reuse its state).
# Environment: IMAGE (default notes-tutor:test), IMAGE_TEST_PORT (default: a free port), KEEP_IMAGE=0 to
# remove the image afterwards, PODMAN_OFFLINE (default ../shared/tools/podman-offline.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

IMAGE=${IMAGE:-notes-tutor:test}
# The grace period the cluster gives: k8s/base/deployment.yaml terminationGracePeriodSeconds.
GRACE=$(awk '/terminationGracePeriodSeconds:/ {print $2; exit}' k8s/base/deployment.yaml 2>/dev/null || true)
GRACE=${GRACE:-20}
READY_TIMEOUT=60    # seconds
RUN_ID=notes-tutor-imgtest-$$
CONTAINER=$RUN_ID
VOLUME=$RUN_ID-data
LOG=$(mktemp -d "${TMPDIR:-/tmp}/notes-tutor-image-test.XXXXXX")

step() { printf '\n== image test: %s\n' "$*"; }
fail() {
  printf 'image test FAILED: %s\n' "$*" >&2
  if podman container exists "$CONTAINER" 2>/dev/null; then
    printf -- '--- container log (last 40 lines)\n' >&2
    podman logs --tail 40 "$CONTAINER" >&2 2>&1 || true
  fi
  exit 1
}
now_ms() { date +%s%3N; }

# --- podman and the base image -------------------------------------------------------------------------
PODMAN_OFFLINE=${PODMAN_OFFLINE:-$ROOT/../shared/tools/podman-offline.sh}
[ -f "$PODMAN_OFFLINE" ] || fail "$PODMAN_OFFLINE not found (the shared folder must sit beside the repository)"
step "preparing podman ($PODMAN_OFFLINE)"
# shellcheck source=/dev/null
source "$PODMAN_OFFLINE"
set -euo pipefail   # the script sets these too; keep ours whatever it does

cleanup() {
  podman rm -f -v -t 0 "$CONTAINER" >/dev/null 2>&1 || true
  podman rm -f -v -t 0 "$RUN_ID-bad" >/dev/null 2>&1 || true
  podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
  if [ "${KEEP_IMAGE:-1}" = 0 ]; then podman rmi -f "$IMAGE" >/dev/null 2>&1 || true; fi
  rm -rf "$LOG"
}
trap cleanup EXIT

# A free port on the host network (the container shares it).
PORT=${IMAGE_TEST_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
BASE=http://127.0.0.1:$PORT

# GET url -> prints "<status> <body>"; status 000 when nothing answers.
http_get() {
  node -e '
    const ac = AbortSignal.timeout(3000);
    fetch(process.argv[1], { signal: ac }).then(
      async (r) => console.log(r.status, (await r.text()).replace(/\n/g, " ")),
      () => console.log("000"),
    );' "$1"
}

# --- build ---------------------------------------------------------------------------------------------
step "building $IMAGE"
t0=$(now_ms)
# --format docker: the OCI format has no HEALTHCHECK field (podman would drop it with a warning).
podman build --pull=never --network host --format docker -t "$IMAGE" . >"$LOG/build.log" 2>&1 \
  || { tail -40 "$LOG/build.log" >&2; fail "podman build"; }
BUILD_S=$(( ($(now_ms) - t0) / 1000 ))
SIZE=$(podman image inspect --format '{{.Size}}' "$IMAGE")
BASE_SIZE=$(podman image inspect --format '{{.Size}}' node:24-bookworm-slim 2>/dev/null || echo 0)
echo "built in ${BUILD_S}s; image size $SIZE bytes ($(( SIZE / 1000000 )) MB, of which the base image $(( BASE_SIZE / 1000000 )) MB)"

USER_=$(podman image inspect --format '{{.Config.User}}' "$IMAGE")
[ "$USER_" = "1000:1000" ] || fail "image user is '$USER_', expected 1000:1000"
STOPSIG=$(podman image inspect --format '{{.Config.StopSignal}}' "$IMAGE")
[ "$STOPSIG" = "SIGTERM" ] || fail "image stop signal is '$STOPSIG'"
podman image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE" | grep -q '/healthz' \
  || fail "the image has no HEALTHCHECK on /healthz"
# No compilers or dev dependencies in the final image.
podman run --rm --network host --entrypoint sh "$IMAGE" -c \
  'for c in g++ gcc make python3; do command -v $c && exit 1; done; test ! -e node_modules/typescript && test ! -e node_modules/vitest && test ! -e src' \
  >"$LOG/final.log" 2>&1 || { cat "$LOG/final.log" >&2; fail "the final image has build tools, dev dependencies or sources"; }

# --- run as a cluster would ----------------------------------------------------------------------------
run_container() {
  # --read-only without podman's automatic tmpfs mounts: only /data (volume) and /tmp (tmpfs) are writable,
  # as with readOnlyRootFilesystem and an emptyDir in k8s/base/deployment.yaml.
  podman run -d --name "$CONTAINER" --network host \
    --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,nosuid,nodev,size=64m,mode=1777 \
    --cap-drop ALL --security-opt no-new-privileges \
    -v "$VOLUME:/data" -e PORT="$PORT" -e HOST=127.0.0.1 -e LOG_LEVEL=debug \
    "$IMAGE" >"$LOG/run.log" 2>&1 || { cat "$LOG/run.log" >&2; fail "podman run"; }
}
wait_ready() {
  local t0=$1 res
  while :; do
    res=$(http_get "$BASE/readyz")
    [ "${res%% *}" = 200 ] && break
    [ "$(podman inspect --format '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" = true ] \
      || fail "the container stopped before it was ready"
    [ $(( $(now_ms) - t0 )) -lt $(( READY_TIMEOUT * 1000 )) ] || fail "/readyz not 200 within ${READY_TIMEOUT}s: $res"
    sleep 0.05
  done
  echo "$res"
}
stop_container() {
  local t0 code
  t0=$(now_ms)
  # podman stop sends the image's STOPSIGNAL (SIGTERM), then SIGKILL after the grace period.
  podman stop -t "$GRACE" "$CONTAINER" >/dev/null 2>&1 || fail "podman stop"
  STOP_MS=$(( $(now_ms) - t0 ))
  code=$(podman inspect --format '{{.State.ExitCode}}' "$CONTAINER")
  [ "$code" = 0 ] || fail "exit code $code after SIGTERM (expected 0)"
  [ "$STOP_MS" -lt $(( GRACE * 1000 )) ] || fail "stopping took ${STOP_MS} ms, past the ${GRACE}s grace period"
  podman logs "$CONTAINER" 2>&1 | grep -q '"msg":"stopped"' || fail "no 'stopped' log line after SIGTERM"
}

step "starting on an empty volume (read-only root, /tmp tmpfs, PORT=$PORT)"
podman volume create "$VOLUME" >/dev/null
t0=$(now_ms)
run_container
READYZ=$(wait_ready "$t0")
READY_MS=$(( $(now_ms) - t0 ))
echo "ready in ${READY_MS} ms: $READYZ"
echo "$READYZ" | grep -q '"name":"database","ready":true' || fail "/readyz lacks the database check"
echo "$READYZ" | grep -q '"name":"index","ready":true' || fail "/readyz lacks the index check"

HEALTH=$(http_get "$BASE/healthz")
[ "${HEALTH%% *}" = 200 ] || fail "/healthz: $HEALTH"
METRICS=$(http_get "$BASE/metrics")
echo "$METRICS" | grep -Eq 'tutor_index_entries [1-9]' || fail "/metrics lacks tutor_index_entries > 0"
# The index built into the image was copied to /data and reused, not rebuilt at start.
podman logs "$CONTAINER" 2>&1 | grep '"msg":"index ready"' | grep -q '"rebuilt":false' \
  || fail "the seed index was not reused (rebuilt at start: the index code hash differs between build and run?)"
podman exec "$CONTAINER" sh -c 'test -s /data/tutor.sqlite && test "$(id -u):$(id -g)" = 1000:1000 && test "$(cat /proc/1/cmdline | tr "\0" " ")" = "node --max-semi-space-size=1 --heap-growing-percent=50 dist/src/main.js "' \
  || fail "expected node --max-semi-space-size=1 --heap-growing-percent=50 dist/src/main.js as PID 1, uid 1000, and the database on /data"
podman exec "$CONTAINER" sh -c 'tr "\0" "\n" </proc/1/environ | grep -qx MALLOC_ARENA_MAX=2' \
  || fail "expected MALLOC_ARENA_MAX=2 in PID 1's environment (see the Dockerfile)"
podman exec "$CONTAINER" sh -c 'touch /app/x 2>/dev/null || touch /x 2>/dev/null' \
  && fail "the root filesystem is writable"
podman healthcheck run "$CONTAINER" >/dev/null 2>&1 || fail "the image's HEALTHCHECK reports unhealthy"

step "tutor explain docker cp --json, inside the container"
podman exec "$CONTAINER" node dist/src/cli.js explain docker cp --json >"$LOG/explain.json" 2>"$LOG/explain.err" \
  || { cat "$LOG/explain.err" >&2; fail "the CLI exited non-zero"; }
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const first = r.results[0];
  const ok = r.found === true && r.resolved === "docker container cp" && first && String(first.path.at(-1)).endsWith("cp");
  console.log(`resolved=${r.resolved} first=${first && first.path.join(" › ")} source=${first && first.source}`);
  process.exit(ok ? 0 : 1);' "$LOG/explain.json" || fail "unexpected explain output: $(cat "$LOG/explain.json")"

RSS_IDLE=$(podman exec "$CONTAINER" awk '/VmRSS/ {print int($2/1024)}' /proc/1/status)
echo "server RSS idle: ${RSS_IDLE} MB"

step "SIGTERM"
stop_container
FIRST_STOP_MS=$STOP_MS
echo "stopped cleanly (exit 0) in ${STOP_MS} ms"

step "restart on the same volume"
podman rm "$CONTAINER" >/dev/null 2>&1
t0=$(now_ms)
run_container
wait_ready "$t0" >/dev/null
RESTART_MS=$(( $(now_ms) - t0 ))
podman logs "$CONTAINER" 2>&1 | grep '"msg":"index ready"' | grep -q '"rebuilt":false' || fail "reindexed on restart"
echo "ready again in ${RESTART_MS} ms"
stop_container

step "a bad variable"
set +e
podman run --name "$RUN_ID-bad" --network host --read-only -e PORT=abc "$IMAGE" >"$LOG/bad.out" 2>"$LOG/bad.err"
BAD=$?
set -e
podman rm -f -v "$RUN_ID-bad" >/dev/null 2>&1 || true
grep -v 'level=' "$LOG/bad.err" >"$LOG/bad.lines" || true
[ "$BAD" = 1 ] || fail "PORT=abc: exit code $BAD (expected 1)"
[ "$(grep -c . "$LOG/bad.lines")" = 1 ] && grep -q '^Configuration error: PORT ' "$LOG/bad.lines" \
  || fail "PORT=abc: expected one line naming PORT, got: $(cat "$LOG/bad.err")"
echo "PORT=abc: exit 1, $(cat "$LOG/bad.lines")"

printf '\nimage test passed: image %s MB, built in %ss, ready in %s ms (restart %s ms), stopped in %s ms, idle RSS %s MB\n' \
  "$(( SIZE / 1000000 ))" "$BUILD_S" "$READY_MS" "$RESTART_MS" "$FIRST_STOP_MS" "$RSS_IDLE"
