#!/usr/bin/env bash
# Scale of one execution: demo-checksum in many small chunks on a master with a capped heap (embedded broker, H2, S3
# and Mongo-wire servers) and 2 worker processes. For each chunk count it reports:
#   - slice ms per chunk: the slice step's own time ("Sliced ... in N ms" in the master log), which includes storing
#     the payload segments, recording every chunk in the ledger and sending every request (chunks are sent while
#     slicing goes on);
#   - time to the first chunk: from the trigger until the first chunk's finishedAt (read from
#     GET /api/executions/{id}/chunks?status=SUCCEEDED once the execution shows a SUCCEEDED chunk; same clock);
#   - API latency while the execution runs: GET /api/executions/{id} and GET /api/executions/{id}/chunks (first page),
#     median and max over the polls, as curl measures them (time_total, one keep-alive-less request each);
#   - master heap: the most heap in use seen by `jcmd GC.heap_info` (sampled every second), against -Xmx;
#   - wall and the result, when the execution runs to the end.
# Before the measured execution, the same master and workers run a warm-up execution (SCALE_WARMUP_ITEMS items in
# chunks of 500, 100,000 by default; 0 for none, a cold start): masters and workers are long-running processes, and
# the first execution of a fresh JVM mostly measures class loading and the JIT.
#
#   samples/bench/scale-run.sh                                  # 10,000 chunks of 20 items, -Xmx512m, to the end
#   SCALE_CHUNKS=100000 SCALE_UNTIL=sliced samples/bench/scale-run.sh   # stop the execution once sliced
#   SCALE_CHUNKS="10000 100000" samples/bench/scale-run.sh      # several sizes, one master each
#   SCALE_ITEMS=10000000 SCALE_CHUNK_SIZE=500 SCALE_MASTER_XMX=256m SCALE_UNTIL=sliced samples/bench/scale-run.sh
#
# Settings (environment): SCALE_CHUNKS (list of chunk counts), SCALE_CHUNK_SIZE (20), SCALE_ITEMS (items of one run;
# overrides SCALE_CHUNKS), SCALE_MASTER_XMX (512m), SCALE_UNTIL (completed|sliced), SCALE_POLL_MS (250),
# SCALE_WARMUP_ITEMS (100000), ports
# SCALE_*_PORT. Needs the jars (./mvnw -q package -DskipTests), a JDK (jcmd) and curl. Linux only.
# Output: samples/target/scale/<chunks>/ (logs) and samples/target/scale/results.md.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${SCALE_OUT:-$ROOT/samples/target/scale}"
CHUNK_SIZE="${SCALE_CHUNK_SIZE:-20}"
SIZES="${SCALE_CHUNKS:-10000}"
XMX="${SCALE_MASTER_XMX:-512m}"
UNTIL="${SCALE_UNTIL:-completed}"
POLL_MS="${SCALE_POLL_MS:-250}"
WARMUP_ITEMS="${SCALE_WARMUP_ITEMS:-100000}"
HTTP_PORT="${SCALE_HTTP_PORT:-38080}"
PORTS=(--chunking.embedded.broker-port="${SCALE_BROKER_PORT:-38616}" --chunking.embedded.jdbc-port="${SCALE_JDBC_PORT:-38092}"
       --chunking.embedded.s3-port="${SCALE_S3_PORT:-38900}" --chunking.embedded.mongo-port="${SCALE_MONGO_PORT:-38017}")
API="http://127.0.0.1:$HTTP_PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
MASTER_JAR="$ROOT/master-app/target/master-app.jar"
WORKER_JAR="$ROOT/slave-worker/target/slave-worker.jar"
JOBS_JAR="$ROOT/samples/target/samples.jar"
for jar in "$MASTER_JAR" "$WORKER_JAR" "$JOBS_JAR"; do
  [ -f "$jar" ] || { echo "scale-run: $jar is missing; build with ./mvnw -q package -DskipTests" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "scale-run: curl is required" >&2; exit 1; }
[ "$UNTIL" = completed ] || [ "$UNTIL" = sliced ] || { echo "scale-run: SCALE_UNTIL is completed or sliced" >&2; exit 1; }
if [ -n "${SCALE_ITEMS:-}" ]; then SIZES=$(( (SCALE_ITEMS + CHUNK_SIZE - 1) / CHUNK_SIZE )); fi
rm -rf "$OUT"
mkdir -p "$OUT"

PIDS=()
stop_all() {
  local pid i alive
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do kill -TERM "$pid" 2>/dev/null; done
  for i in $(seq 1 60); do
    alive=0
    for pid in ${PIDS[@]+"${PIDS[@]}"}; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.5
  done
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  PIDS=()
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

field() { printf '%s' "$1" | sed -n "s/.*\"$2\":\(\"\([^\"]*\)\"\|\([^,}]*\)\).*/\2\3/p" | head -n 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
heap_used_kb() { "$JCMD" "$1" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1; }
stats() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "- -"; exit } printf "%d %d\n", a[int((NR + 1) / 2)], a[NR] }'; }

{
  echo "| chunks | items | chunkSize | master -Xmx | slice ms per chunk | first chunk SUCCEEDED after | master heap peak | GET execution ms (median / max) | GET chunks page ms (median / max) | polls | wall s | result |"
  echo "|---:|---:|---:|---|---:|---:|---:|---|---|---:|---:|---|"
} > "$OUT/results.md"

for chunks in $SIZES; do
  items=$(( chunks * CHUNK_SIZE ))
  [ -n "${SCALE_ITEMS:-}" ] && items="$SCALE_ITEMS"
  dir="$OUT/$chunks"
  mkdir -p "$dir/data"
  echo "== $chunks chunks ($items items of $CHUNK_SIZE), master -Xmx$XMX, until $UNTIL" >&2
  (cd "$dir" && umask 077 && exec "$JAVA" -Xmx"$XMX" -Dloader.path="$JOBS_JAR" -jar "$MASTER_JAR" "${PORTS[@]}" \
     --server.port="$HTTP_PORT" --chunking.embedded.data-dir="$dir/data") > "$dir/master.log" 2>&1 &
  MASTER=$!
  PIDS=("$MASTER")
  deadline=$((SECONDS + 300))
  until curl -sf -o /dev/null "$API/actuator/health" && [ -s "$dir/data/credentials.properties" ]; do
    [ $SECONDS -lt $deadline ] || { echo "scale-run: the master did not start; see $dir/master.log" >&2; exit 1; }
    sleep 0.5
  done
  (umask 077 && printf 'user = "%s:%s"\n' "$(sed -n 's/^user=//p' "$dir/data/credentials.properties")" \
     "$(sed -n 's/^password=//p' "$dir/data/credentials.properties")" > "$dir/curl.conf")
  for w in 1 2; do
    (cd "$dir" && exec "$JAVA" -Xmx1g -Dloader.path="$JOBS_JAR" -jar "$WORKER_JAR" "${PORTS[@]}" \
       --chunking.embedded.data-dir="$dir/data" --chunking.worker.id="scale-worker-$w") > "$dir/worker-$w.log" 2>&1 &
    PIDS+=($!)
  done
  for w in 1 2; do
    until grep -q "Started WorkerApplication" "$dir/worker-$w.log" 2>/dev/null; do
      [ $SECONDS -lt $deadline ] || { echo "scale-run: worker $w did not start; see $dir" >&2; exit 1; }
      sleep 0.5
    done
  done

  if [ "$WARMUP_ITEMS" -gt 0 ]; then
    json="$(curl -s -K "$dir/curl.conf" -H 'Content-Type: application/json' \
      -d "{\"parameters\":{\"items\":\"$WARMUP_ITEMS\",\"chunkSize\":\"500\"}}" "$API/api/jobs/demo-checksum/executions")"
    warmup="$(field "$json" executionId)"
    [ -n "$warmup" ] || { echo "scale-run: warm-up trigger failed: $json" >&2; exit 1; }
    until case "$(field "$(curl -s -K "$dir/curl.conf" "$API/api/executions/$warmup")" status)" in
        COMPLETED) true ;; FAILED|STOPPED|ABANDONED) echo "scale-run: warm-up execution $warmup failed" >&2; exit 1 ;;
        *) false ;; esac; do
      [ $SECONDS -lt $deadline ] || { echo "scale-run: warm-up execution $warmup did not end" >&2; exit 1; }
      sleep 1
    done
    echo "warm-up execution $warmup ($WARMUP_ITEMS items) completed" >&2
  fi

  # Heap sampler: one line per second, for the master's lifetime.
  ( while kill -0 "$MASTER" 2>/dev/null; do heap_used_kb "$MASTER"; sleep 1; done ) > "$dir/heap.txt" 2>/dev/null &
  SAMPLER=$!

  body="{\"parameters\":{\"items\":\"$items\",\"chunkSize\":\"$CHUNK_SIZE\"}}"
  triggered=$(now_ms)
  json="$(curl -s -K "$dir/curl.conf" -H 'Content-Type: application/json' -d "$body" "$API/api/jobs/demo-checksum/executions")"
  id="$(field "$json" executionId)"
  [ -n "$id" ] || { echo "scale-run: trigger failed: $json" >&2; exit 1; }
  first=''
  stop_sent=''
  polls=0
  : > "$dir/api-execution.txt"
  : > "$dir/api-chunks.txt"
  view=''
  deadline=$((SECONDS + 7200))
  while :; do
    view="$(curl -s -K "$dir/curl.conf" -w '\n%{time_total}' "$API/api/executions/$id")"
    printf '%s\n' "$view" | tail -n 1 | awk '{ printf "%d\n", $1 * 1000 }' >> "$dir/api-execution.txt"
    view="$(printf '%s\n' "$view" | sed '$d')"
    curl -s -o /dev/null -K "$dir/curl.conf" -w '%{time_total}\n' "$API/api/executions/$id/chunks?page=0&size=100" \
      | awk '{ printf "%d\n", $1 * 1000 }' >> "$dir/api-chunks.txt"
    polls=$((polls + 1))
    succeeded="$(printf '%s' "$view" | sed -n 's/.*"succeeded":\([0-9]*\).*/\1/p' | head -n 1)"
    if [ -z "$first" ] && [ "${succeeded:-0}" -gt 0 ]; then
      first="$(curl -s -K "$dir/curl.conf" "$API/api/executions/$id/chunks?status=SUCCEEDED&size=100" \
        | grep -o '"finishedAt":"[^"]*"' | cut -d '"' -f 4 | while read -r at; do date -d "$at" +%s%3N; done \
        | sort -n | head -n 1)"
      first=$(( ${first:-$(now_ms)} - triggered ))
    fi
    status="$(field "$view" status)"
    case "$status" in COMPLETED|FAILED|STOPPED|ABANDONED) break ;; esac
    if [ "$UNTIL" = sliced ] && [ -z "$stop_sent" ] && grep -q "Sliced $items items" "$dir/master.log"; then
      curl -s -o /dev/null -K "$dir/curl.conf" -X POST "$API/api/executions/$id/stop"
      stop_sent=1
    fi
    [ $SECONDS -lt $deadline ] || { echo "scale-run: execution $id did not end" >&2; exit 1; }
    sleep "$(awk -v ms="$POLL_MS" 'BEGIN { print ms / 1000 }')"
  done
  ended=$(now_ms)
  kill "$SAMPLER" 2>/dev/null
  sliced="$(sed -n "s/.*Sliced $items items .* in \([0-9]*\) ms.*/\1/p" "$dir/master.log" | head -n 1)"
  peak="$(sort -n "$dir/heap.txt" | tail -n 1)"
  read -r exec_median exec_max < <(stats < "$dir/api-execution.txt")
  read -r chunks_median chunks_max < <(stats < "$dir/api-chunks.txt")
  result="$(printf '%s' "$view" | sed -n 's/.*"result":{\([^}]*\)}.*/\1/p')"
  echo "$status after $(( (ended - triggered) / 1000 )) s: $result" >&2
  printf '| %s | %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s | %s | %s |\n' \
    "$chunks" "$items" "$CHUNK_SIZE" "$XMX" \
    "$(awk -v ms="${sliced:-0}" -v c="$chunks" 'BEGIN { printf "%.3f", ms / c }')" \
    "${first:--} ms" "$(( ${peak:-0} / 1024 )) MB" "$exec_median" "$exec_max" "$chunks_median" "$chunks_max" "$polls" \
    "$(( (ended - triggered) / 1000 ))" "$status $result" >> "$OUT/results.md"
  stop_all
done
cat "$OUT/results.md"
