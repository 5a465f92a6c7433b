#!/usr/bin/env bash
# Benchmark of demo-checksum, one invocation, the same items, processor and result for every method:
#   - this framework: a master (embedded broker, H2, S3 and Mongo-wire servers) and 2 worker processes;
#   - stock Spring Batch remote partitioning: a manager JVM and 2 worker JVMs over the master's embedded Artemis
#     broker and its H2 job repository over TCP (benchmarks/.../remote);
#   - stock Spring Batch local partitioning on 2 threads, and a plain loop on 1 and 2 threads, in one JVM.
#
#   samples/bench/run-benchmarks.sh            # items=1000000 chunkSize=500, workMicros 0 and 20, 3 runs each
#   BENCH_ITEMS=100000 BENCH_RUNS=1 samples/bench/run-benchmarks.sh   # a quick check
#
# Settings (environment): BENCH_ITEMS, BENCH_CHUNK_SIZE, BENCH_RUNS, BENCH_WORK_MICROS (list), BENCH_WARMUP_ITEMS
# (items of the warm-up run of each distributed method, 300000), BENCH_STOCK_POLL_MS (how often the stock manager
# polls the job repository, 1000), BENCH_START_TIMEOUT (seconds per process start, 300), BENCH_MAVEN_ARGS (extra
# arguments of the build, e.g. -o), ports BENCH_*_PORT.
# Needs a JDK and curl; builds what is missing with ./mvnw package (never install).
# Prints a markdown table of medians (with min and max) and writes it to benchmarks/target/bench/results.md.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/benchmarks/target/bench"
ITEMS="${BENCH_ITEMS:-1000000}"
CHUNK_SIZE="${BENCH_CHUNK_SIZE:-500}"
RUNS="${BENCH_RUNS:-3}"
WORK_LIST="${BENCH_WORK_MICROS:-0 20}"
WARMUP_ITEMS="${BENCH_WARMUP_ITEMS:-300000}"
POLL_MS="${BENCH_STOCK_POLL_MS:-1000}"
START_TIMEOUT="${BENCH_START_TIMEOUT:-300}"   # seconds a process may take to start (minutes on a loaded machine)
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"
BROKER_PORT="${BENCH_BROKER_PORT:-18616}"
JDBC_PORT="${BENCH_JDBC_PORT:-18092}"
PORTS=(--chunking.embedded.broker-port="$BROKER_PORT" --chunking.embedded.jdbc-port="$JDBC_PORT"
       --chunking.embedded.s3-port="${BENCH_S3_PORT:-18900}" --chunking.embedded.mongo-port="${BENCH_MONGO_PORT:-18017}")
API="http://127.0.0.1:$HTTP_PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CHUNKS=$(( (ITEMS + CHUNK_SIZE - 1) / CHUNK_SIZE ))
MASTER_JAR="$ROOT/master-app/target/master-app.jar"
WORKER_JAR="$ROOT/slave-worker/target/slave-worker.jar"
SAMPLES_JAR="$ROOT/samples/target/samples.jar"
BENCH_CP="$ROOT/benchmarks/target/benchmarks.jar:$ROOT/benchmarks/target/lib/*"
LOGBACK=(-Dlogback.configurationFile="$ROOT/benchmarks/src/main/resources/logback.xml")

command -v curl >/dev/null || { echo "curl is required" >&2; exit 1; }
cd "$ROOT"
if [ ! -f "$MASTER_JAR" ] || [ ! -f "$WORKER_JAR" ] || [ ! -f "$SAMPLES_JAR" ] \
   || [ ! -f benchmarks/target/benchmarks.jar ]; then
  echo "== building the jars (./mvnw package -DskipTests)" >&2
  # shellcheck disable=SC2086
  ./mvnw -q -B package -DskipTests ${BENCH_MAVEN_ARGS:-} || exit 1
fi
mkdir -p "$OUT"

RAW="$OUT/raw.txt"
: > "$RAW"
PIDS=()
stop() { # pids...: SIGTERM, then SIGKILL after 15 s
  local pid i alive
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null; done
  for i in $(seq 1 30); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.5
  done
  for pid in "$@"; do kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
}
stop_all() { [ ${#PIDS[@]} -gt 0 ] && stop "${PIDS[@]}"; PIDS=(); }
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

field() { printf '%s' "$1" | sed -n "s/.*\"$2\":\(\"\([^\"]*\)\"\|\([^,}]*\)\).*/\2\3/p" | head -n 1; }
seconds() { date -d "$1" +%s.%N; }
await_line() { # file pattern what
  local deadline=$((SECONDS + START_TIMEOUT))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "$3 did not start; see $1" >&2; exit 1; }
    sleep 0.5
  done
}

start_master() {
  rm -rf "$OUT/data"; mkdir -p "$OUT/data"
  (cd "$OUT" && exec "$JAVA" -Xmx2g -Dloader.path="$SAMPLES_JAR" -jar "$MASTER_JAR" \
     "${PORTS[@]}" --server.port="$HTTP_PORT" --chunking.embedded.data-dir="$OUT/data") > "$OUT/master.log" 2>&1 &
  MASTER_PID=$!
  PIDS+=("$MASTER_PID")
  local deadline=$((SECONDS + START_TIMEOUT))
  until curl -sf -o /dev/null "$API/actuator/health" && [ -s "$OUT/data/credentials.properties" ]; do
    [ $SECONDS -lt $deadline ] || { echo "master did not start; see $OUT/master.log" >&2; exit 1; }
    sleep 0.5
  done
  # The master generated an operator password (no API user is configured); curl reads it from an owner-only file.
  (umask 077 && printf 'user = "%s:%s"\n' "$(sed -n 's/^user=//p' "$OUT/data/credentials.properties")" \
     "$(sed -n 's/^password=//p' "$OUT/data/credentials.properties")" > "$OUT/curl.conf")
}

start_workers() {
  WORKER_PIDS=()
  for n in 1 2; do
    # The workers read the login of the master's embedded servers from its data directory.
    (cd "$OUT" && exec "$JAVA" -Xmx1g -Dloader.path="$SAMPLES_JAR" -jar "$WORKER_JAR" \
       "${PORTS[@]}" --chunking.embedded.data-dir="$OUT/data" --chunking.worker.id="bench-worker-$n") \
       > "$OUT/worker-$n.log" 2>&1 &
    WORKER_PIDS+=($!); PIDS+=($!)
  done
  for n in 1 2; do await_line "$OUT/worker-$n.log" "Started WorkerApplication" "worker $n"; done
}

start_stock_workers() {
  STOCK_PIDS=()
  for n in 1 2; do
    "$JAVA" -Xmx1g "${LOGBACK[@]}" "${STOCK_PROPS[@]}" -Dbench.workerId="stock-worker-$n" -cp "$BENCH_CP" \
      io.chunking.benchmarks.remote.StockRemoteWorker > "$OUT/stock-worker-$n.log" 2>&1 &
    STOCK_PIDS+=($!); PIDS+=($!)
  done
  for n in 1 2; do await_line "$OUT/stock-worker-$n.log" "STOCK REMOTE WORKER READY" "stock worker $n"; done
}

run_framework() { # items workMicros -> "millis count checksum"
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

STOCK_PROPS=(-Dbench.dataDir="$OUT/data" -Dbench.brokerUrl="tcp://localhost:$BROKER_PORT"
             -Dbench.jdbcUrl="jdbc:h2:tcp://localhost:$JDBC_PORT/chunking;DB_CLOSE_ON_EXIT=FALSE")
for work in $WORK_LIST; do
  echo "== workMicros=$work: this framework, master + 2 worker processes" >&2
  start_master
  start_workers
  run_framework "$WARMUP_ITEMS" "$work" > /dev/null   # warm-up
  for run in $(seq 1 "$RUNS"); do
    read -r millis count checksum <<< "$(run_framework "$ITEMS" "$work")"
    echo "RESULT method=chunking-2-workers workMicros=$work run=$run millis=$millis count=$count checksum=$checksum" \
      | tee -a "$RAW" >&2
  done
  stop "${WORKER_PIDS[@]}"
  echo "== workMicros=$work: stock remote partitioning, manager + 2 worker JVMs on the master's broker and H2" >&2
  start_stock_workers
  "$JAVA" -Xmx2g "${LOGBACK[@]}" "${STOCK_PROPS[@]}" -cp "$BENCH_CP" \
    io.chunking.benchmarks.remote.StockRemotePartitioningBenchmark "$ITEMS" "$CHUNK_SIZE" "$work" "$RUNS" "$POLL_MS" \
    "$WARMUP_ITEMS" | tee -a "$RAW" >&2 || exit 1
  stop_all
  echo "== workMicros=$work: in one JVM" >&2
  "$JAVA" -Xmx2g "${LOGBACK[@]}" -cp "$BENCH_CP" \
    io.chunking.benchmarks.BaselineBenchmark "$ITEMS" "$CHUNK_SIZE" "$work" "$RUNS" | tee -a "$RAW" >&2 || exit 1
done

# Every method must give the same count and checksum.
if [ "$(grep -o 'count=[0-9]* checksum=[0-9a-f]*' "$RAW" | sort -u | wc -l)" -ne 1 ]; then
  echo "Results differ between methods:" >&2; cat "$RAW" >&2; exit 1
fi

{
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $("$JAVA" -version 2>&1 | head -n 1)"
  echo "Load average at the end (other processes on this machine): $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Run: demo-checksum items=$ITEMS chunkSize=$CHUNK_SIZE ($CHUNKS chunks), $(grep -m1 -o 'count=[0-9]* checksum=[0-9a-f]*' "$RAW"), median of $RUNS runs (min-max); $(date -u +%Y-%m-%d)"
  echo
  echo "| workMicros | method | wall s (min-max) | items/s | chunks/s | overhead per chunk vs plain loop 2 threads | wall / stock remote |"
  echo "|---:|---|---:|---:|---:|---:|---:|"
  for work in $WORK_LIST; do
    median() { grep "method=$1 workMicros=$work " "$RAW" | sed 's/.*millis=\([0-9]*\).*/\1/' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR]}'; }
    read -r loop2_ms _ _ <<< "$(median plain-loop-2-threads)"
    read -r remote_ms _ _ <<< "$(median stock-remote-partitioning-2-workers)"
    for method in chunking-2-workers stock-remote-partitioning-2-workers local-partitioning-2-threads \
                  plain-loop-2-threads plain-loop-1-thread; do
      read -r ms min max <<< "$(median "$method")"
      awk -v w="$work" -v m="$method" -v ms="$ms" -v min="$min" -v max="$max" -v items="$ITEMS" -v chunks="$CHUNKS" \
          -v loop2="$loop2_ms" -v remote="$remote_ms" 'BEGIN {
        vs_loop = (m ~ /^plain-loop/) ? "" : sprintf("%.2f ms", (ms - loop2) * 2 / chunks);
        printf "| %s | %s | %.2f (%.2f-%.2f) | %.0f | %.1f | %s | %.3g |\n", w, m, ms/1000, min/1000, max/1000,
          items/(ms/1000), chunks/(ms/1000), vs_loop, ms/remote }'
    done
  done
  echo
  echo "Overhead per chunk = (wall time - wall time of the plain loop on 2 threads) x 2 threads / chunks: the extra"
  echo "thread-time each chunk costs over doing the same items on the same 2 cores. Wall times exclude JVM start-up:"
  echo "every process is started once per workMicros, then one warm-up run of $WARMUP_ITEMS items precedes the timed"
  echo "runs of each distributed method (the in-JVM methods warm up with one run of each). Stock remote partitioning"
  echo "polls the job repository every $POLL_MS ms."
} | tee "$OUT/results.md"
