#!/usr/bin/env bash
# Where the CPU of a chunk goes: runs demo-checksum on a master (with its embedded servers) and 2 worker processes,
# measures each process's CPU time over one execution and records it with Java Flight Recorder.
#
#   samples/bench/profile-run.sh                                   # items=200000 chunkSize=500 (400 chunks)
#   samples/bench/profile-run.sh items=200000 chunkSize=100        # 2,000 chunks
#   PROFILE_OUT=/tmp/prof samples/bench/profile-run.sh items=20000 # another output directory
#
# Starts the processes, runs a warm-up execution (items=PROFILE_WARMUP_ITEMS, same chunk size), then starts a JFR
# recording (settings=profile) in each process with jcmd, reads utime+stime of /proc/<pid>/stat, triggers the
# measured execution, polls its status every PROFILE_POLL seconds (each poll costs the master one count and one
# sum over the ledger), reads the CPU times again when it has COMPLETED, and dumps the recordings. Prints CPU per
# process and per chunk, the wall time, and for each process the JFR execution samples grouped by library (the
# first frame of each sample outside the JDK) and by thread (digits removed), and the hottest methods.
# Output in $PROFILE_OUT (samples/target/profile): <process>.jfr, <process>.log, summary.txt. Linux only (/proc).
# Needs the jars (./mvnw -o -q package -DskipTests); a JDK 17+ jfr (PROFILE_JFR, for `jfr view`: JDK 21+).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${PROFILE_OUT:-$ROOT/samples/target/profile}"
WARMUP_ITEMS="${PROFILE_WARMUP_ITEMS:-50000}"
POLL="${PROFILE_POLL:-1}"
HTTP_PORT="${PROFILE_HTTP_PORT:-28080}"
PORTS=(--chunking.embedded.broker-port="${PROFILE_BROKER_PORT:-28616}" --chunking.embedded.jdbc-port="${PROFILE_JDBC_PORT:-28092}"
       --chunking.embedded.s3-port="${PROFILE_S3_PORT:-28900}" --chunking.embedded.mongo-port="${PROFILE_MONGO_PORT:-28017}")
API="http://127.0.0.1:$HTTP_PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
JFR="${PROFILE_JFR:-$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr 2>/dev/null || echo jfr)}"
TICKS="$(getconf CLK_TCK)"
# DebugNonSafepoints: without it JFR attributes a sample in inlined code to the nearest safepoint's method, e.g. a
# String.equals inside HashMap.get to an unrelated equals the JIT once inlined there.
JAVA_OPTS="${PROFILE_JAVA_OPTS:--XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints}"

PARAMS=(items=200000 chunkSize=500)
[ $# -gt 0 ] && PARAMS=("$@")
param() { local p; for p in "${PARAMS[@]}"; do [ "${p%%=*}" = "$1" ] && { echo "${p#*=}"; return; }; done; echo "$2"; }
ITEMS="$(param items 100000)"
CHUNK_SIZE="$(param chunkSize 500)"
CHUNKS=$(( (ITEMS + CHUNK_SIZE - 1) / CHUNK_SIZE ))

# PROFILE_JARS: a directory holding master-app.jar, slave-worker.jar and samples.jar (e.g. copies of another build).
MASTER_JAR="${PROFILE_JARS:-$ROOT/master-app/target}/master-app.jar"
WORKER_JAR="${PROFILE_JARS:-$ROOT/slave-worker/target}/slave-worker.jar"
JOBS_JAR="${PROFILE_JARS:-$ROOT/samples/target}/samples.jar"
for jar in "$MASTER_JAR" "$WORKER_JAR" "$JOBS_JAR"; do
  [ -f "$jar" ] || { echo "profile-run: $jar is missing; build with ./mvnw -q package -DskipTests" >&2; exit 1; }
done
rm -rf "$OUT"
mkdir -p "$OUT/data"

NAMES=(master worker-1 worker-2)
PIDS=()
stop_all() {
  local pid i
  trap - INT TERM EXIT
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do kill -TERM "$pid" 2>/dev/null; done
  for i in $(seq 1 30); do
    local alive=0
    for pid in ${PIDS[@]+"${PIDS[@]}"}; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.5
  done
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  PIDS=()
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

start() { # name jar args...
  local name="$1" jar="$2"; shift 2
  (cd "$OUT" && umask 077 && exec "$JAVA" -Xmx1g $JAVA_OPTS -Dloader.path="$JOBS_JAR" -jar "$jar" \
     "${PORTS[@]}" --chunking.embedded.data-dir="$OUT/data" "$@") > "$OUT/$name.log" 2>&1 &
  PIDS+=($!)
}
wait_for() { # what check-command...
  local what="$1"; shift
  local deadline=$((SECONDS + 180))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || { echo "profile-run: $what did not start; see $OUT" >&2; exit 1; }
    sleep 0.5
  done
}
master_up() { curl -sf -o /dev/null "$API/actuator/health" && [ -s "$OUT/data/credentials.properties" ]; }
worker_up() { grep -q "Started WorkerApplication" "$OUT/$1.log" 2>/dev/null; }

start master "$MASTER_JAR" --server.port="$HTTP_PORT"
wait_for master master_up
(umask 077 && printf 'user = "%s:%s"\n' "$(sed -n 's/^user=//p' "$OUT/data/credentials.properties")" \
   "$(sed -n 's/^password=//p' "$OUT/data/credentials.properties")" > "$OUT/curl.conf")
start worker-1 "$WORKER_JAR" --chunking.worker.id=profile-worker-1
start worker-2 "$WORKER_JAR" --chunking.worker.id=profile-worker-2
wait_for worker-1 worker_up worker-1
wait_for worker-2 worker_up worker-2

field() { printf '%s' "$1" | sed -n "s/.*\"$2\":\(\"\([^\"]*\)\"\|\([^,}]*\)\).*/\2\3/p" | head -n 1; }
VIEW=''
run() { # name=value... ; waits for the execution to end, leaves its view in VIEW
  local body='{"parameters":{' sep='' p json id status deadline=$((SECONDS + 3600))
  for p in "$@"; do body+="$sep\"${p%%=*}\":\"${p#*=}\""; sep=','; done
  json="$(curl -s -K "$OUT/curl.conf" -H 'Content-Type: application/json' -d "$body}}" "$API/api/jobs/demo-checksum/executions")"
  id="$(field "$json" executionId)"
  [ -n "$id" ] || { echo "profile-run: trigger failed: $json" >&2; exit 1; }
  while :; do
    VIEW="$(curl -s -K "$OUT/curl.conf" "$API/api/executions/$id")"
    status="$(field "$VIEW" status)"
    case "$status" in COMPLETED) return ;; FAILED|STOPPED|ABANDONED) echo "profile-run: execution $id $status" >&2; exit 1 ;; esac
    [ $SECONDS -lt $deadline ] || { echo "profile-run: execution $id did not end" >&2; exit 1; }
    sleep "$POLL"
  done
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime, after the command name (no spaces in "java")
thread_ticks() { # pid: "tid ticks name" per thread; the name (comm, 15 characters) may hold spaces and parentheses
  local stat
  for stat in /proc/"$1"/task/*/stat; do
    sed -n 's/^\([0-9]*\) (\(.*\)) [A-Za-z] \(.*\)$/\1\t\2\t\3/p' "$stat" 2>/dev/null \
      | awk -F '\t' '{ split($3, f, " "); print $1, f[11] + f[12], $2 }' # fields 14 and 15 of the stat line
  done
}

echo "Warm-up: items=$WARMUP_ITEMS chunkSize=$CHUNK_SIZE" >&2
run items="$WARMUP_ITEMS" chunkSize="$CHUNK_SIZE"
BEFORE=()
for i in "${!PIDS[@]}"; do
  "$JCMD" "${PIDS[$i]}" JFR.start name=profile settings=profile > /dev/null || exit 1
  BEFORE+=("$(cpu_ticks "${PIDS[$i]}")")
  thread_ticks "${PIDS[$i]}" > "$OUT/${NAMES[$i]}.threads-before"
done
echo "Measured: ${PARAMS[*]} ($CHUNKS chunks)" >&2
started="$(date +%s%N)"
run "${PARAMS[@]}"
ended="$(date +%s%N)"
AFTER=()
for i in "${!PIDS[@]}"; do
  AFTER+=("$(cpu_ticks "${PIDS[$i]}")")
  thread_ticks "${PIDS[$i]}" > "$OUT/${NAMES[$i]}.threads-after"
  "$JCMD" "${PIDS[$i]}" JFR.stop name=profile filename="$OUT/${NAMES[$i]}.jfr" > /dev/null || exit 1
done
result="$(printf '%s' "$VIEW" | sed -n 's/.*"result":{\([^}]*\)}.*/\1/p')"

# Samples grouped by the first frame outside the JDK (a library, or the JDK itself), then by thread.
by_library() {
  "$JFR" print --stack-depth 64 --events jdk.ExecutionSample "$1" | awk '
    function library(frame) {
      if (frame ~ /^de\.bwaldvogel\./) return "mongo-java-server";
      if (frame ~ /^org\.h2\.mvstore\./) return "H2 MVStore";
      if (frame ~ /^org\.h2\./) return "H2 database";
      if (frame ~ /^org\.apache\.activemq\.|^org\.apache\.qpid\./) return "Artemis";
      if (frame ~ /^io\.netty\./) return "Netty";
      if (frame ~ /^org\.gaul\.|^org\.jclouds\./) return "S3 server (s3proxy, jclouds)";
      if (frame ~ /^org\.eclipse\.jetty\./) return "Jetty (s3proxy)";
      if (frame ~ /^software\.amazon\./) return "AWS SDK";
      if (frame ~ /^com\.mongodb\.|^org\.bson\./) return "MongoDB driver";
      if (frame ~ /^org\.springframework\.batch\./) return "Spring Batch";
      if (frame ~ /^org\.springframework\.(integration|jms)\./) return "Spring Integration/JMS";
      if (frame ~ /^org\.springframework\./) return "Spring (other)";
      if (frame ~ /^io\.chunking\./) return "chunking";
      if (frame ~ /^com\.fasterxml\.|^tools\.jackson\./) return "Jackson";
      if (frame ~ /^org\.apache\.(catalina|coyote|tomcat)\./) return "Tomcat";
      if (frame ~ /^com\.zaxxer\./) return "HikariCP";
      if (frame ~ /^ch\.qos\.|^org\.slf4j\./) return "logging";
      if (frame ~ /^org\.apache\.http\./) return "Apache HttpClient";
      split(frame, p, "."); return p[1] "." p[2];
    }
    /^jdk\.ExecutionSample/ { n++; lib = ""; thread = "" }
    /sampledThread = / { thread = $0; sub(/.*sampledThread = "/, "", thread); sub(/" \(.*/, "", thread); gsub(/[0-9]+/, "N", thread) }
    /^[ \t]+[a-zA-Z_$][a-zA-Z0-9_$.]*\(.*line:/ {
      frame = $1; if (lib == "" && frame !~ /^(java|javax|jdk|sun|com\.sun)\./) lib = library(frame)
    }
    /^}/ { libs[(lib == "" ? "JDK only" : lib)]++; threads[thread]++ }
    END {
      printf "  %d samples\n  by library (first frame outside the JDK):\n", n;
      for (l in libs) printf "    %5.1f%%  %s\n", 100 * libs[l] / n, l | "sort -rn | head -n 12";
      close("sort -rn | head -n 12");
      printf "  by thread:\n";
      for (t in threads) printf "    %5.1f%%  %s\n", 100 * threads[t] / n, t | "sort -rn | head -n 8";
      close("sort -rn | head -n 8");
    }'
}

{
  echo "demo-checksum ${PARAMS[*]}: $CHUNKS chunks, count=$(field "{$result}" count) checksum=$(field "{$result}" checksum)"
  echo "wall: $(( (ended - started) / 1000000 )) ms from trigger to COMPLETED seen (polled every ${POLL}s);" \
    "execution $(field "$VIEW" startTime) .. $(field "$VIEW" endTime)"
  total=0
  for i in "${!PIDS[@]}"; do
    ticks=$(( AFTER[i] - BEFORE[i] )); total=$(( total + ticks ))
    awk -v n="${NAMES[$i]}" -v t="$ticks" -v hz="$TICKS" -v c="$CHUNKS" \
      'BEGIN { printf "cpu %-9s %7.2f s  %6.2f ms/chunk\n", n, t / hz, 1000 * t / hz / c }'
  done
  awk -v t="$total" -v hz="$TICKS" -v c="$CHUNKS" 'BEGIN { printf "cpu %-9s %7.2f s  %6.2f ms/chunk\n", "total", t / hz, 1000 * t / hz / c }'
  for i in "${!NAMES[@]}"; do
    name="${NAMES[$i]}"
    echo
    echo "== $name: CPU by thread (from /proc, digits in names replaced by N; threads that ended are lost)"
    awk -v hz="$TICKS" -v c="$CHUNKS" -v total="$(( AFTER[i] - BEFORE[i] ))" '
      FNR == NR { before[$1] = $2; next }
      { name = $0; sub(/^[^ ]+ [^ ]+ /, "", name); gsub(/[0-9]+/, "N", name); t = $2 - before[$1]; by[name] += t; sum += t }
      END {
        for (n in by) if (by[n] > 0) printf "    %6.2f ms/chunk  %5.1f%%  %s\n", 1000 * by[n] / hz / c, 100 * by[n] / total, n | "sort -rn | head -n 14";
        close("sort -rn | head -n 14");
        printf "    %6.2f ms/chunk  %5.1f%%  (threads that ended during the run)\n", 1000 * (total - sum) / hz / c, 100 * (total - sum) / total }' \
      "$OUT/$name.threads-before" "$OUT/$name.threads-after"
    echo "== $name: JFR execution samples"
    by_library "$OUT/$name.jfr"
    "$JFR" view --width 160 hot-methods "$OUT/$name.jfr" 2>/dev/null | sed -n '1,22p'
  done
} | tee "$OUT/summary.txt"
