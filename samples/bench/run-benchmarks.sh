#!/usr/bin/env bash
# Benchmark of demo-checksum: distributed (master + 2 worker processes) against the same work done in one JVM
# (stock Spring Batch local partitioning on 2 threads, and a plain loop on 1 and 2 threads).
#
#   samples/bench/run-benchmarks.sh            # items=1000000 chunkSize=500, workMicros 0 and 20, 3 runs each
#   BENCH_ITEMS=100000 BENCH_RUNS=1 samples/bench/run-benchmarks.sh   # a quick check
#
# Prints a markdown table of medians (with min and max) and writes it to samples/target/bench/results.md.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/samples/target/bench"
ITEMS="${BENCH_ITEMS:-1000000}"
CHUNK_SIZE="${BENCH_CHUNK_SIZE:-500}"
RUNS="${BENCH_RUNS:-3}"
WORK_LIST="${BENCH_WORK_MICROS:-0 20}"
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"
PORTS=(--chunking.embedded.broker-port="${BENCH_BROKER_PORT:-18616}" --chunking.embedded.jdbc-port="${BENCH_JDBC_PORT:-18092}"
       --chunking.embedded.s3-port="${BENCH_S3_PORT:-18900}" --chunking.embedded.mongo-port="${BENCH_MONGO_PORT:-18017}")
API="http://127.0.0.1:$HTTP_PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CHUNKS=$(( (ITEMS + CHUNK_SIZE - 1) / CHUNK_SIZE ))

command -v curl >/dev/null || { echo "curl is required" >&2; exit 1; }
cd "$ROOT"
if [ ! -f master-app/target/master-app.jar ] || [ ! -f slave-worker/target/slave-worker.jar ] \
   || [ ! -f samples/target/samples.jar ]; then
  ./mvnw -q -B install -DskipTests || exit 1
fi
if [ ! -f samples/target/test-classes/io/chunking/samples/bench/BaselineBenchmark.class ]; then
  ./mvnw -q -B -pl samples test-compile || exit 1
fi
mkdir -p "$OUT"
./mvnw -q -B -pl samples dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" || exit 1

RAW="$OUT/raw.txt"
: > "$RAW"
PIDS=()
stop_all() {
  local pid i
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for i in $(seq 1 30); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.5
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  PIDS=()
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

field() { printf '%s' "$1" | sed -n "s/.*\"$2\":\(\"\([^\"]*\)\"\|\([^,}]*\)\).*/\2\3/p" | head -n 1; }
seconds() { date -d "$1" +%s.%N; }

start_cluster() {
  rm -rf "$OUT/data"; mkdir -p "$OUT/data"
  (cd "$OUT" && exec "$JAVA" -Xmx2g -Dloader.path="$ROOT/samples/target/samples.jar" -jar "$ROOT/master-app/target/master-app.jar" \
     "${PORTS[@]}" --server.port="$HTTP_PORT" --chunking.embedded.data-dir="$OUT/data") > "$OUT/master.log" 2>&1 &
  PIDS+=($!)
  local deadline=$((SECONDS + 120))
  until curl -sf -o /dev/null "$API/actuator/health" && [ -s "$OUT/data/credentials.properties" ]; do
    [ $SECONDS -lt $deadline ] || { echo "master did not start; see $OUT/master.log" >&2; exit 1; }
    sleep 0.5
  done
  # The master generated an operator password (no API user is configured); curl reads it from an owner-only file.
  (umask 077 && printf 'user = "%s:%s"\n' "$(sed -n 's/^user=//p' "$OUT/data/credentials.properties")" \
     "$(sed -n 's/^password=//p' "$OUT/data/credentials.properties")" > "$OUT/curl.conf")
  for n in 1 2; do
    # The workers read the login of the master's embedded servers from its data directory.
    (cd "$OUT" && exec "$JAVA" -Xmx1g -Dloader.path="$ROOT/samples/target/samples.jar" -jar "$ROOT/slave-worker/target/slave-worker.jar" \
       "${PORTS[@]}" --chunking.embedded.data-dir="$OUT/data" --chunking.worker.id="bench-worker-$n") > "$OUT/worker-$n.log" 2>&1 &
    PIDS+=($!)
  done
  for n in 1 2; do
    deadline=$((SECONDS + 120))
    until grep -q "Started WorkerApplication" "$OUT/worker-$n.log" 2>/dev/null; do
      [ $SECONDS -lt $deadline ] || { echo "worker $n did not start; see $OUT/worker-$n.log" >&2; exit 1; }
      sleep 0.5
    done
  done
}

run_distributed() { # items workMicros -> "millis count checksum"
  local json id view status
  json="$(curl -s -K "$OUT/curl.conf" -H 'Content-Type: application/json' \
    -d "{\"parameters\":{\"items\":\"$1\",\"chunkSize\":\"$CHUNK_SIZE\",\"workMicros\":\"$2\"}}" \
    "$API/api/jobs/demo-checksum/executions")"
  id="$(field "$json" executionId)"
  [ -n "$id" ] || { echo "trigger failed: $json" >&2; exit 1; }
  local deadline=$((SECONDS + 3600))
  while :; do
    view="$(curl -s -K "$OUT/curl.conf" "$API/api/executions/$id")"
    status="$(field "$view" status)"
    case "$status" in COMPLETED) break ;; FAILED|STOPPED|ABANDONED) echo "execution $id $status" >&2; exit 1 ;; esac
    [ $SECONDS -lt $deadline ] || { echo "execution $id did not end" >&2; exit 1; }
    sleep 0.2
  done
  local start end result
  start="$(seconds "$(field "$view" startTime)")"; end="$(seconds "$(field "$view" endTime)")"
  result="$(printf '%s' "$view" | sed -n 's/.*"result":{\([^}]*\)}.*/\1/p')"
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%d", (e - s) * 1000 }') $(field "{$result}" count) $(field "{$result}" checksum)"
}

for work in $WORK_LIST; do
  echo "== workMicros=$work: distributed, master + 2 worker processes" >&2
  start_cluster
  run_distributed 100000 "$work" > /dev/null   # warm-up
  for run in $(seq 1 "$RUNS"); do
    read -r millis count checksum <<< "$(run_distributed "$ITEMS" "$work")"
    echo "RESULT method=distributed-2-workers workMicros=$work run=$run millis=$millis count=$count checksum=$checksum" | tee -a "$RAW" >&2
  done
  stop_all
  echo "== workMicros=$work: in one JVM" >&2
  "$JAVA" -Xmx2g -Dlogback.configurationFile="$ROOT/samples/bench/logback.xml" \
    -cp "$ROOT/samples/target/test-classes:$ROOT/samples/target/classes:$(cat "$OUT/classpath.txt")" \
    io.chunking.samples.bench.BaselineBenchmark "$ITEMS" "$CHUNK_SIZE" "$work" "$RUNS" | tee -a "$RAW" >&2 || exit 1
done

# Every method must give the same count and checksum.
if [ "$(grep -o 'count=[0-9]* checksum=[0-9a-f]*' "$RAW" | sort -u | wc -l)" -ne 1 ]; then
  echo "Results differ between methods:" >&2; cat "$RAW" >&2; exit 1
fi

{
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $("$JAVA" -version 2>&1 | head -n 1)"
  echo "Run: demo-checksum items=$ITEMS chunkSize=$CHUNK_SIZE ($CHUNKS chunks), median of $RUNS runs (min-max); $(date -u +%Y-%m-%d)"
  echo
  echo "| workMicros | method | wall s (min-max) | items/s | chunks/s | overhead per chunk vs local partitioning | vs plain loop 2 threads |"
  echo "|---:|---|---:|---:|---:|---:|---:|"
  for work in $WORK_LIST; do
    median() { grep "method=$1 workMicros=$work " "$RAW" | sed 's/.*millis=\([0-9]*\).*/\1/' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR]}'; }
    read -r local_ms _ _ <<< "$(median local-partitioning-2-threads)"
    read -r loop2_ms _ _ <<< "$(median plain-loop-2-threads)"
    for method in distributed-2-workers local-partitioning-2-threads plain-loop-2-threads plain-loop-1-thread; do
      read -r ms min max <<< "$(median "$method")"
      awk -v w="$work" -v m="$method" -v ms="$ms" -v min="$min" -v max="$max" -v items="$ITEMS" -v chunks="$CHUNKS" \
          -v local="$local_ms" -v loop2="$loop2_ms" 'BEGIN {
        vs_local = (m == "distributed-2-workers") ? sprintf("%.2f ms", (ms - local) * 2 / chunks) : "";
        vs_loop = (m == "distributed-2-workers" || m == "local-partitioning-2-threads") ? sprintf("%.2f ms", (ms - loop2) * 2 / chunks) : "";
        printf "| %s | %s | %.2f (%.2f-%.2f) | %.0f | %.1f | %s | %s |\n", w, m, ms/1000, min/1000, max/1000, items/(ms/1000), chunks/(ms/1000), vs_local, vs_loop }'
    done
  done
  echo
  echo "Overhead per chunk = (wall time - wall time of the baseline) x 2 threads / chunks: the extra thread-time each"
  echo "chunk costs over the baseline doing the same items on the same 2 cores."
} | tee "$OUT/results.md"
