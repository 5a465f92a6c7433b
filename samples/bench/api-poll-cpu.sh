#!/usr/bin/env bash
# CPU time the master spends per authenticated poll of GET /api/executions/{id} by a user with a {bcrypt} password,
# with the credential cache off (every request hashes the password, as before the cache) and on (the default).
#
#   samples/bench/api-poll-cpu.sh                       # 500 polls per setting
#   BENCH_POLLS=200 samples/bench/api-poll-cpu.sh
#   BENCH_MASTER_JAR=/path/to/other/master-app.jar BENCH_SETTINGS=off samples/bench/api-poll-cpu.sh
#
# For each setting: starts a master and a worker, runs one small demo-checksum execution, stops the worker, then
# reads the master's CPU time (utime + stime of /proc/<pid>/stat) around the polls (one curl, one keep-alive
# connection, as a dashboard polls) and around an idle period of the same length, and prints CPU per poll, raw and
# net of the idle rate. Linux only (/proc).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/samples/target/bench-api"
POLLS="${BENCH_POLLS:-500}"
SETTINGS="${BENCH_SETTINGS:-off on}"
MASTER_JAR="${BENCH_MASTER_JAR:-$ROOT/master-app/target/master-app.jar}"
HTTP_PORT="${BENCH_HTTP_PORT:-19080}"
PORTS=(--chunking.embedded.broker-port="${BENCH_BROKER_PORT:-19616}" --chunking.embedded.jdbc-port="${BENCH_JDBC_PORT:-19092}"
       --chunking.embedded.s3-port="${BENCH_S3_PORT:-19900}" --chunking.embedded.mongo-port="${BENCH_MONGO_PORT:-19017}"
       --chunking.embedded.host=127.0.0.1)
API="http://127.0.0.1:$HTTP_PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# bcrypt (cost 10, Spring Security's default) of "bench-secret".
BCRYPT='{bcrypt}$2a$10$tX0yAS9Mw0pNuNkhQ7vhb.2UxBWX29nOMTYoTVnbP19mWQ07oii66'
USERS=(--chunking.security.users[0].name=bench "--chunking.security.users[0].password=$BCRYPT"
       --chunking.security.users[0].roles=VIEWER
       --chunking.security.users[1].name=operator --chunking.security.users[1].password=operator-secret
       --chunking.security.users[1].roles=OPERATOR)
TICKS=$(getconf CLK_TCK)

command -v curl >/dev/null || { echo "curl is required" >&2; exit 1; }
[ -r /proc/self/stat ] || { echo "/proc is required (Linux)" >&2; exit 1; }
cd "$ROOT"
if [ ! -f "$MASTER_JAR" ] || [ ! -f slave-worker/target/slave-worker.jar ] || [ ! -f samples/target/samples.jar ]; then
  ./mvnw -q -B -ntp package -DskipTests || exit 1
fi
mkdir -p "$OUT"

PIDS=()
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  PIDS=()
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

# CPU time of a process in milliseconds: utime + stime (fields 14 and 15 of /proc/<pid>/stat).
cpu_ms() { awk -v t="$TICKS" '{ sub(/^.*\) /, ""); print ($12 + $13) * 1000 / t }' "/proc/$1/stat"; }
now_ms() { date +%s%3N; }

await() { # await <seconds> <command...>: retries the command every 0.5 s until it succeeds
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

measure() { # measure <off|on>
  local setting=$1 ttl
  [ "$setting" = off ] && ttl=0 || ttl=5m
  rm -rf "$OUT/data"; mkdir -p "$OUT/data"
  (cd "$OUT" && exec "$JAVA" -Xmx512m -Dloader.path="$ROOT/samples/target/samples.jar" -jar "$MASTER_JAR" \
     "${PORTS[@]}" "${USERS[@]}" --server.port="$HTTP_PORT" --chunking.embedded.data-dir="$OUT/data" \
     --chunking.security.credential-cache.ttl="$ttl") > "$OUT/master-$setting.log" 2>&1 &
  local master=$!; PIDS+=("$master")
  await 180 curl -sf "$API/actuator/health" || { echo "master not healthy: $OUT/master-$setting.log" >&2; return 1; }
  (cd "$OUT" && exec "$JAVA" -Xmx512m -Dloader.path="$ROOT/samples/target/samples.jar" \
     -jar "$ROOT/slave-worker/target/slave-worker.jar" "${PORTS[@]}" "${USERS[@]}" --server.port=0 \
     --chunking.worker.id=bench-worker) > "$OUT/worker-$setting.log" 2>&1 &
  local worker=$!; PIDS+=("$worker")
  await 180 grep -q "Started WorkerApplication" "$OUT/worker-$setting.log" || { echo "worker did not start" >&2; return 1; }
  local id
  id=$(curl -sf -u operator:operator-secret -H 'Content-Type: application/json' \
       -d '{"parameters": {"items": "1000", "chunkSize": "100"}}' "$API/api/jobs/demo-checksum/executions" \
       | sed -n 's/.*"executionId":\([0-9]*\).*/\1/p')
  [ -n "$id" ] || { echo "trigger failed" >&2; return 1; }
  await 180 sh -c "curl -sf -u operator:operator-secret $API/api/executions/$id | grep -q '\"status\":\"COMPLETED\"'" \
    || { echo "execution $id did not complete" >&2; return 1; }
  kill -TERM "$worker"; wait "$worker" 2>/dev/null

  local config="$OUT/polls.curl" i
  : > "$config"
  for i in $(seq 1 "$POLLS"); do printf 'url = "%s/api/executions/%s"\noutput = "/dev/null"\n' "$API" "$id" >> "$config"; done
  curl -s -u bench:bench-secret -K <(head -n 200 "$config") -w '%{http_code}\n' > /dev/null   # warm-up: 100 polls
  sleep 2

  local cpu0 t0 cpu1 t1 codes
  cpu0=$(cpu_ms "$master"); t0=$(now_ms)
  codes=$(curl -s -u bench:bench-secret -K "$config" -w '%{http_code}\n' | sort | uniq -c | tr -s ' ')
  cpu1=$(cpu_ms "$master"); t1=$(now_ms)
  [ "$codes" = " $POLLS 200" ] || { echo "polls answered: $codes" >&2; return 1; }
  local wall=$(( t1 - t0 ))
  local idle0 idle1
  idle0=$(cpu_ms "$master"); sleep "$(awk -v w="$wall" 'BEGIN { printf "%.3f", w / 1000 }')"; idle1=$(cpu_ms "$master")
  kill -TERM "$master"; wait "$master" 2>/dev/null; PIDS=()

  awk -v s="$setting" -v n="$POLLS" -v c="$(( ${cpu1%.*} - ${cpu0%.*} ))" -v w="$wall" \
      -v i="$(( ${idle1%.*} - ${idle0%.*} ))" 'BEGIN {
    printf "| %s | %d | %.1f | %.0f | %.2f | %.0f | %.2f |\n", s, n, w / 1000, c, c / n, i, (c - i) / n }'
}

echo "Master CPU per authenticated GET /api/executions/{id} ({bcrypt} user), $(nproc) CPUs, $($JAVA -version 2>&1 | head -n 1)"
echo
echo "| credential cache | polls | wall s | master CPU ms | CPU ms per poll | idle CPU ms, same wall time | net CPU ms per poll |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for setting in $SETTINGS; do
  measure "$setting" || exit 1
done
