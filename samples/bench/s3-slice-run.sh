#!/usr/bin/env bash
# Slicing a large gzip object from S3: items/s and the master's heap while `orders-s3-csv` slices one gzip CSV
# object of S3_BENCH_GZIP_MB MiB (2 GiB by default) read from the master's embedded S3 server.
#
#   samples/bench/s3-slice-run.sh                                  # 2 GiB gzip, master -Xmx256m, 2 workers, until sliced
#   S3_BENCH_GZIP_MB=100 samples/bench/s3-slice-run.sh             # a quick check
#   S3_BENCH_TO_END=1 samples/bench/s3-slice-run.sh                # also run the execution to COMPLETED
#   S3_BENCH_WORKERS=0 samples/bench/s3-slice-run.sh               # the master alone: slicing without workers
#
# 1. The object: a gzip CSV of orders in the orders samples' format (`id,customer,category,amount`, ids o-1, o-2,
#    ..., amounts with 2 decimals, random customers, categories and amounts: 2.7 times smaller than its text; 2 GiB
#    is about 5.6 GiB of text, 190 million rows), written by samples/bench/OrdersCsvGz.java (streaming, zlib level 1
#    on every core, one gzip member) until it reaches S3_BENCH_GZIP_MB MiB. It is cached in S3_BENCH_DIR with its
#    line count, sizes, generation speed and the result the job must give (<object>.properties), and reused.
# 2. A master with the embedded servers (heap capped at S3_BENCH_MASTER_XMX, GC log) and S3_BENCH_WORKERS workers;
#    the bucket `samples` (chunking.samples.bucket) is created and the object uploaded to the embedded S3 server
#    with curl in one PUT (SigV4 with an unsigned payload, streamed: s3proxy holds a signed payload in memory to check
#    its hash, and refuses one larger than 128 MiB; a PUT takes at most 5 GiB).
# 3. A warm-up execution of orders-s3-csv on a small object (S3_BENCH_WARMUP_MB, run to the end; 0 for none, a cold
#    start), then the measured one: orders-s3-csv input=s3://samples/bench/<object> chunkSize=S3_BENCH_CHUNK_SIZE.
#    It reports:
#    - slice: N items into M chunks in T ms, from the master's log line "Sliced N items of 'orders-s3-csv' into M
#      chunks of up to K in T ms" (the slice step's own time: reading and gunzipping the object, splitting its rows,
#      storing the payload segments in S3, recording the chunks and sending their requests, while the workers already
#      run chunks), and items/s, gzip MB/s and text MB/s over T;
#    - master heap while slicing (from the trigger until the script sees the "Sliced" line): the most heap in use
#      in the samples of `jstat -gc <pid> 1000` (one jstat process, S0U+S1U+EU+OU, garbage included), the most heap
#      left after a young, mixed or full collection and the GC pauses (from the master's -Xlog:gc), against -Xmx;
#      once sliced, the live objects (`jcmd GC.class_histogram`, a full GC, outside the measured window);
#    - the master's CPU time while slicing (utime+stime in /proc), and the bytes of the bucket chunking (payloads);
#    - the time from the trigger to the first chunk's finishedAt (same clock, as scale-run.sh);
#    - the end: by default the script asks the master to stop the execution once sliced (POST
#      /api/executions/{id}/stop: running chunks finish, no new ones start) and waits for STOPPED; with
#      S3_BENCH_TO_END=1 it follows it to COMPLETED and reports the wall time (the execution's endTime - startTime),
#      items/s end to end and the result, compared with the one expected from the generator.
# 4. One summary block (also in samples/target/s3-slice/summary.txt) with the command to reproduce. Every process
#    it started is stopped on exit; the run's data directory (the uploaded copy, the payloads, the outputs) is
#    deleted unless S3_BENCH_KEEP_DATA=1; the generated objects stay in S3_BENCH_DIR.
#
# Disk: the object, its uploaded copy and the payloads (the master stores every row as a JSON record of 4.5 times
# the row's size: 12 times the gzip size), plus, to the end, the outputs (2.5 times the text). A 2 GiB object takes
# about 29 GiB until sliced (the object included), 43 GiB to the end; the script checks S3_BENCH_DIR's free space first, with a margin
# (39 and 56 GiB), and deletes the run's data at the end.
#
# Settings (environment): S3_BENCH_GZIP_MB (2048), S3_BENCH_DIR (/tmp/chunking-s3-bench), S3_BENCH_MASTER_XMX
# (256m), S3_BENCH_WORKERS (2), S3_BENCH_WORKER_XMX (1g), S3_BENCH_CHUNK_SIZE (1000, 20-1000), S3_BENCH_TO_END (0),
# S3_BENCH_WARMUP_MB (2), S3_BENCH_POLL_MS (1000), S3_BENCH_STOP_TIMEOUT (seconds, 600), S3_BENCH_TIMEOUT (seconds
# per execution, 14400), S3_BENCH_KEEP_DATA (0), S3_BENCH_OUT (samples/target/s3-slice), ports S3_BENCH_HTTP_PORT
# (48080), S3_BENCH_BROKER_PORT (48616), S3_BENCH_JDBC_PORT (48092), S3_BENCH_S3_PORT (48900), S3_BENCH_MONGO_PORT
# (48017). Needs the jars (./mvnw -o -q package -DskipTests), a JDK 17+ (java, jstat, jcmd) and curl 7.75+. Linux only.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${S3_BENCH_OUT:-$ROOT/samples/target/s3-slice}"
WORK="${S3_BENCH_DIR:-/tmp/chunking-s3-bench}"
GZIP_MB="${S3_BENCH_GZIP_MB:-2048}"
XMX="${S3_BENCH_MASTER_XMX:-256m}"
WORKERS="${S3_BENCH_WORKERS:-2}"
WORKER_XMX="${S3_BENCH_WORKER_XMX:-1g}"
CHUNK_SIZE="${S3_BENCH_CHUNK_SIZE:-1000}"
TO_END="${S3_BENCH_TO_END:-0}"
WARMUP_MB="${S3_BENCH_WARMUP_MB:-2}"
POLL_MS="${S3_BENCH_POLL_MS:-1000}"
STOP_TIMEOUT="${S3_BENCH_STOP_TIMEOUT:-600}"
RUN_TIMEOUT="${S3_BENCH_TIMEOUT:-14400}"
KEEP_DATA="${S3_BENCH_KEEP_DATA:-0}"
HTTP_PORT="${S3_BENCH_HTTP_PORT:-48080}"
S3_PORT="${S3_BENCH_S3_PORT:-48900}"
PORTS=(--chunking.embedded.broker-port="${S3_BENCH_BROKER_PORT:-48616}" --chunking.embedded.jdbc-port="${S3_BENCH_JDBC_PORT:-48092}"
       --chunking.embedded.s3-port="$S3_PORT" --chunking.embedded.mongo-port="${S3_BENCH_MONGO_PORT:-48017}")
API="http://127.0.0.1:$HTTP_PORT"
S3="http://127.0.0.1:$S3_PORT"
BUCKET=samples   # chunking.samples.bucket's default
JOB=orders-s3-csv
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JSTAT="${JAVA_HOME:+$JAVA_HOME/bin/}jstat"
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
MASTER_JAR="$ROOT/master-app/target/master-app.jar"
WORKER_JAR="$ROOT/slave-worker/target/slave-worker.jar"
JOBS_JAR="$ROOT/samples/target/samples.jar"
GENERATOR="$ROOT/samples/bench/OrdersCsvGz.java"
RUN="$WORK/run"            # the master's data directory lives here: the uploaded copy and the payloads are big
DATA="$RUN/data"
PAYLOAD_FACTOR=6           # bytes in the bucket chunking per byte of CSV text, rounded up (measured: 4.5-4.9)
OUTPUT_FACTOR=3            # output bytes per byte of text when run to the end, rounded up (measured: 2.5)

fail() { echo "s3-slice-run: $*" >&2; exit 1; }
note() { echo "s3-slice-run: $*" >&2; }
for jar in "$MASTER_JAR" "$WORKER_JAR" "$JOBS_JAR"; do
  [ -f "$jar" ] || fail "$jar is missing; build with ./mvnw -o -q package -DskipTests"
done
command -v curl >/dev/null || fail "curl is required"
command -v "$JSTAT" >/dev/null && command -v "$JCMD" >/dev/null || fail "jstat and jcmd (a JDK, not a JRE) are required"
curl --help all 2>/dev/null | grep -q -- --aws-sigv4 || fail "curl 7.75 or later is required (--aws-sigv4)"
is_number() { case "$1" in ''|*[!0-9.]*) return 1 ;; *) return 0 ;; esac; }
is_number "$GZIP_MB" && is_number "$WARMUP_MB" || fail "S3_BENCH_GZIP_MB and S3_BENCH_WARMUP_MB are sizes in MiB"
case "$WORKERS$CHUNK_SIZE$POLL_MS" in *[!0-9]*) fail "S3_BENCH_WORKERS, S3_BENCH_CHUNK_SIZE and S3_BENCH_POLL_MS are numbers" ;; esac
awk -v m="$GZIP_MB" 'BEGIN { exit !(m > 0 && m < 5120) }' \
  || fail "S3_BENCH_GZIP_MB is more than 0 and less than 5120: the object is uploaded in one PUT, which s3proxy takes up to 5 GiB"
[ "$CHUNK_SIZE" -ge 20 ] && [ "$CHUNK_SIZE" -le 1000 ] || fail "S3_BENCH_CHUNK_SIZE is 20-1000 (the job's range)"
[ "$TO_END" = 0 ] || [ "$TO_END" = 1 ] || fail "S3_BENCH_TO_END is 0 or 1"
[ "$TO_END" = 0 ] || [ "$WORKERS" -gt 0 ] || fail "S3_BENCH_TO_END=1 needs workers"
mkdir -p "$WORK" "$OUT" || fail "cannot create $WORK or $OUT"
rm -f "$OUT"/*.log "$OUT"/*.txt "$OUT"/*.conf "$OUT"/*.json

PIDS=()
SAMPLER=''
stop_pids() { # pids...: SIGTERM, then SIGKILL after 30 s
  local pid i alive
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null; done
  for i in $(seq 1 60); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.5
  done
  for pid in "$@"; do kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
}
cleanup() {
  [ -n "$SAMPLER" ] && stop_pids "$SAMPLER"
  [ ${#PIDS[@]} -gt 0 ] && stop_pids "${PIDS[@]}"
  PIDS=()
  SAMPLER=''
  if [ "$KEEP_DATA" = 1 ]; then
    [ -d "$RUN" ] && note "kept the run's data directory $DATA"
  else
    rm -rf "$RUN"
  fi
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

field() { printf '%s' "$1" | sed -n "s/.*\"$2\":\(\"\([^\"]*\)\"\|\([^,}]*\)\).*/\2\3/p" | head -n 1; }
prop() { sed -n "s/^$2=//p" "$1" | head -n 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
free_kb() { df -Pk "$1" | awk 'NR == 2 { print $4 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
thousands() { printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
SECONDS_PER_POLL="$(awk -v ms="$POLL_MS" 'BEGIN { print ms / 1000 }')"

# --- 1. the objects --------------------------------------------------------------------------------------------
object_file() { echo "$WORK/orders-${1}mb.csv.gz"; }
# true if object_file's object is complete: it has its .properties, with its size
cached() { local file; file="$(object_file "$1")"; [ -s "$file" ] && [ -s "$file.properties" ] \
  && [ "$(prop "$file.properties" gzipBytes)" = "$(stat -c %s "$file")" ]; }
ensure_object() { # MiB
  local file
  file="$(object_file "$1")"
  if cached "$1"; then
    note "reusing $file ($(thousands "$(prop "$file.properties" rows)") rows, generated at $(prop "$file.properties" textMBperSecond) MB/s of text)"
    return 0
  fi
  rm -f "$file" "$file.properties" "$file.tmp"
  note "generating $file ($1 MiB of gzip)"
  "$JAVA" -Xmx512m "$GENERATOR" "$file" "$1" || fail "generating $file failed"
  return 1
}

# Disk, checked before anything is written: the object unless cached, then the run (the master's data directory,
# under S3_BENCH_DIR): the uploaded copy, the payloads, and to the end the outputs. A missing object's text is
# estimated at 2.8 times its gzip size (the generator's ratio is 2.7).
rm -rf "$RUN"
if cached "$GZIP_MB"; then
  gzip_kb=$(( $(prop "$(object_file "$GZIP_MB").properties" gzipBytes) / 1024 ))
  text_kb=$(( $(prop "$(object_file "$GZIP_MB").properties" textBytes) / 1024 ))
  generate_kb=0
else
  gzip_kb="$(awk -v m="$GZIP_MB" 'BEGIN { printf "%d", m * 1024 }')"
  text_kb=$(( gzip_kb * 28 / 10 ))
  generate_kb=$gzip_kb
fi
need_kb=$(( generate_kb + gzip_kb + text_kb * PAYLOAD_FACTOR + (TO_END == 1 ? text_kb * OUTPUT_FACTOR : 0) + 1048576 ))
free="$(free_kb "$WORK")"
[ "$free" -ge "$need_kb" ] || fail "this run needs about $(( (need_kb + 1048575) / 1048576 )) GiB free in $WORK, there are $((free / 1048576)) GiB: $([ $generate_kb -gt 0 ] && echo "the object ($((generate_kb / 1024)) MiB), ")its uploaded copy, the payloads (about $PAYLOAD_FACTOR times the object's $((text_kb / 1024)) MiB of text)$([ "$TO_END" = 1 ] && echo ", the outputs (about $OUTPUT_FACTOR times)") and 1 GiB to spare; set S3_BENCH_DIR to a larger disk"

GENERATED=cached
ensure_object "$GZIP_MB" || GENERATED=now
OBJECT="$(object_file "$GZIP_MB")"
META="$OBJECT.properties"
KEY="bench/$(basename "$OBJECT")"
GZIP_BYTES="$(prop "$META" gzipBytes)"
TEXT_BYTES="$(prop "$META" textBytes)"
ROWS="$(prop "$META" rows)"
if [ "$WARMUP_MB" != 0 ] && [ "$WORKERS" -gt 0 ]; then
  ensure_object "$WARMUP_MB" || true
  WARMUP_OBJECT="$(object_file "$WARMUP_MB")"
else
  WARMUP_OBJECT=''
fi
mkdir -p "$DATA"

# --- 2. master, workers, upload --------------------------------------------------------------------------------
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
note "starting the master (-Xmx$XMX, embedded servers, data in $DATA) and $WORKERS worker(s)"
(cd "$OUT" && umask 077 && exec "$JAVA" -Xmx"$XMX" -Xlog:gc:file="$OUT/gc.log":tm -Dloader.path="$JOBS_JAR" \
   -jar "$MASTER_JAR" "${PORTS[@]}" --server.port="$HTTP_PORT" --chunking.embedded.data-dir="$DATA") \
   > "$OUT/master.log" 2>&1 &
MASTER=$!
PIDS=("$MASTER")
deadline=$((SECONDS + 300))
until curl -sf -o /dev/null "$API/actuator/health" && [ -s "$DATA/credentials.properties" ]; do
  kill -0 "$MASTER" 2>/dev/null || { tail -n 30 "$OUT/master.log" >&2; fail "the master died; see $OUT/master.log"; }
  [ $SECONDS -lt $deadline ] || fail "the master did not start; see $OUT/master.log"
  sleep 0.5
done
# Logins in owner-only curl config files, never on a command line: the API's generated operator, the embedded S3's.
(umask 077 && printf 'user = "%s:%s"\n' "$(prop "$DATA/credentials.properties" user)" \
   "$(prop "$DATA/credentials.properties" password)" > "$OUT/api.conf"
 printf 'user = "%s:%s"\naws-sigv4 = "aws:amz:us-east-1:s3"\nheader = "x-amz-content-sha256: UNSIGNED-PAYLOAD"\n' \
   "$(prop "$DATA/embedded-credentials.properties" user)" "$(prop "$DATA/embedded-credentials.properties" password)" \
   > "$OUT/s3.conf")
for w in $(seq 1 "$WORKERS"); do
  (cd "$OUT" && exec "$JAVA" -Xmx"$WORKER_XMX" -Dloader.path="$JOBS_JAR" -jar "$WORKER_JAR" "${PORTS[@]}" \
     --chunking.embedded.data-dir="$DATA" --chunking.worker.id="s3-bench-worker-$w") > "$OUT/worker-$w.log" 2>&1 &
  PIDS+=($!)
done

code="$(curl -s -o "$OUT/bucket.txt" -w '%{http_code}' -K "$OUT/s3.conf" -X PUT "$S3/$BUCKET")"
case "$code" in 200|409) ;; *) cat "$OUT/bucket.txt" >&2; fail "creating the bucket $BUCKET failed (HTTP $code)" ;; esac
upload() { # file key -> prints "ms"
  local started code
  started=$(now_ms)
  code="$(curl -s -o "$OUT/upload.txt" -w '%{http_code}' -K "$OUT/s3.conf" -T "$1" "$S3/$BUCKET/$2")"
  [ "$code" = 200 ] || { cat "$OUT/upload.txt" >&2; fail "uploading $1 to s3://$BUCKET/$2 failed (HTTP $code)"; }
  echo $(( $(now_ms) - started ))
}
note "uploading $(mb "$GZIP_BYTES") MiB to s3://$BUCKET/$KEY"
UPLOAD_MS="$(upload "$OBJECT" "$KEY")"
[ -n "$WARMUP_OBJECT" ] && upload "$WARMUP_OBJECT" "bench/warmup.csv.gz" > /dev/null
for w in $(seq 1 "$WORKERS"); do
  until grep -q "Started WorkerApplication" "$OUT/worker-$w.log" 2>/dev/null; do
    kill -0 "${PIDS[$w]}" 2>/dev/null || fail "worker $w died; see $OUT/worker-$w.log"
    [ $SECONDS -lt $deadline ] || fail "worker $w did not start; see $OUT/worker-$w.log"
    sleep 0.5
  done
done

trigger() { # input output -> execution id
  local json id
  json="$(curl -s -K "$OUT/api.conf" -H 'Content-Type: application/json' \
    -d "{\"parameters\":{\"input\":\"$1\",\"chunkSize\":\"$CHUNK_SIZE\",\"output\":\"$2\"}}" "$API/api/jobs/$JOB/executions")"
  id="$(field "$json" executionId)"
  [ -n "$id" ] || fail "triggering $JOB failed: $json"
  echo "$id"
}
view() { curl -s -K "$OUT/api.conf" "$API/api/executions/$1"; }
result_of() { printf '%s' "$1" | sed -n 's/.*"result":\({.*}\),"schedule".*/\1/p'; }
# the result without the manifest's address, as the generator expects it
counted() { printf '%s' "$1" | sed 's/,"manifest":"[^"]*"//'; }
expected_result() { echo "{\"orders\":$(prop "$1" orders),\"centsByCategory\":$(prop "$1" centsByCategory)}"; }

# --- 3. warm-up, then the measured execution -------------------------------------------------------------------
if [ -n "$WARMUP_OBJECT" ]; then
  id="$(trigger "s3://$BUCKET/bench/warmup.csv.gz" bench-warmup)"
  deadline=$((SECONDS + 1800))
  while :; do
    json="$(view "$id")"
    case "$(field "$json" status)" in
      COMPLETED) break ;;
      FAILED|STOPPED|ABANDONED) fail "the warm-up execution $id ended $(field "$json" status): $(field "$json" exitDescription)" ;;
    esac
    [ $SECONDS -lt $deadline ] || fail "the warm-up execution $id did not end"
    sleep 1
  done
  [ "$(counted "$(result_of "$json")")" = "$(expected_result "$WARMUP_OBJECT.properties")" ] \
    || fail "the warm-up execution's result $(result_of "$json") is not the expected $(expected_result "$WARMUP_OBJECT.properties")"
  WARMUP="$(thousands "$(prop "$WARMUP_OBJECT.properties" rows)") rows ($WARMUP_MB MiB of gzip) run to COMPLETED, exact result"
  note "warm-up execution $id: $WARMUP"
elif [ "$WORKERS" -eq 0 ]; then
  WARMUP="none (no workers to run it; a cold start)"
else
  WARMUP="none (a cold start)"
fi

# Heap sampler: a single jstat process, one line per second for the master's lifetime, stamped with the epoch ms.
"$JSTAT" -gc "$MASTER" 1000 2>/dev/null > >(while read -r line; do echo "$(now_ms) $line"; done > "$OUT/jstat.txt") &
SAMPLER=$!   # jstat itself; the stamping loop ends with its output
sleep 1.5
sliced_before="$(grep -c "Sliced .* items of '$JOB'" "$OUT/master.log")"
cpu_before="$(cpu_ticks "$MASTER")"
TRIGGERED=$(now_ms)
ID="$(trigger "s3://$BUCKET/$KEY" bench-out)"
note "execution $ID: slicing s3://$BUCKET/$KEY ($(thousands "$ROWS") rows) in chunks of $CHUNK_SIZE"
FIRST=''
SLICED_AT=''
STOP_SENT=''
STOP_STATUS=''
RUN_STARTED=$SECONDS
next_report=$((SECONDS + 30))
deadline=$((SECONDS + RUN_TIMEOUT))
while :; do
  json="$(view "$ID")"
  status="$(field "$json" status)"
  succeeded="$(printf '%s' "$json" | sed -n 's/.*"succeeded":\([0-9]*\).*/\1/p' | head -n 1)"
  if [ -z "$FIRST" ] && [ "${succeeded:-0}" -gt 0 ]; then
    FIRST="$(curl -s -K "$OUT/api.conf" "$API/api/executions/$ID/chunks?status=SUCCEEDED&size=100" \
      | grep -o '"finishedAt":"[^"]*"' | cut -d '"' -f 4 | while read -r at; do date -d "$at" +%s%3N; done \
      | sort -n | head -n 1)"
    FIRST=$(( ${FIRST:-$(now_ms)} - TRIGGERED ))
  fi
  if [ -z "$SLICED_AT" ] && [ "$(grep -c "Sliced .* items of '$JOB'" "$OUT/master.log")" -gt "$sliced_before" ]; then
    # the end of the slice: the time of the master's log line (its first field), else this poll's
    SLICED_AT="$(date -d "$(grep "Sliced .* items of '$JOB'" "$OUT/master.log" | tail -n 1 | awk '{ print $1 }')" +%s%3N 2>/dev/null)"
    case "$SLICED_AT" in ''|*[!0-9]*) SLICED_AT=$(now_ms) ;; esac
    CPU_SLICE=$(( $(cpu_ticks "$MASTER") - cpu_before ))
    CPU_WINDOW_MS=$(( $(now_ms) - TRIGGERED ))
    PAYLOAD_BYTES="$(du -sb "$DATA/s3/chunking" 2>/dev/null | cut -f1)"
    # What the master still holds once sliced: a class histogram of the live objects (a full GC; after the
    # slice's figures were taken).
    "$JCMD" "$MASTER" GC.class_histogram > "$OUT/histogram-sliced.txt" 2>/dev/null
    LIVE_KB="$(awk '$1 == "Total" { printf "%d", $3 / 1024 }' "$OUT/histogram-sliced.txt")"
    note "sliced after $(( (SLICED_AT - TRIGGERED) / 1000 )) s"
    if [ "$TO_END" = 0 ]; then
      STOP_SENT=$(now_ms)
      STOP_CODE="$(curl -s -o "$OUT/stop.json" -w '%{http_code}' -K "$OUT/api.conf" -X POST "$API/api/executions/$ID/stop")"
      deadline=$((SECONDS + STOP_TIMEOUT))
    fi
  fi
  case "$status" in COMPLETED|FAILED|STOPPED|ABANDONED) break ;; esac
  kill -0 "$MASTER" 2>/dev/null || { tail -n 20 "$OUT/master.log" >&2; fail "the master died during execution $ID; see $OUT/master.log"; }
  if [ $SECONDS -ge $next_report ]; then
    note "$((SECONDS - RUN_STARTED)) s: $status, chunks $(printf '%s' "$json" | sed -n 's/.*"chunks":{\([^}]*\)}.*/\1/p')"
    next_report=$((SECONDS + 30))
  fi
  if [ $SECONDS -ge $deadline ]; then
    [ -n "$STOP_SENT" ] && { STOP_STATUS="still $status after ${STOP_TIMEOUT}s (the processes were shut down)"; break; }
    fail "execution $ID did not end within ${RUN_TIMEOUT}s"
  fi
  sleep "$SECONDS_PER_POLL"
done
ENDED=$(now_ms)
[ -n "$SLICED_AT" ] || { grep -E "ERROR|SourceException" "$OUT/master.log" | tail -n 5 >&2; fail "execution $ID ended $status before it was sliced: $(field "$json" exitDescription)"; }
[ -n "$STOP_SENT" ] && [ -z "$STOP_STATUS" ] && STOP_STATUS="$status $(thousands $((ENDED - STOP_SENT))) ms after the stop request (HTTP $STOP_CODE, sent $(thousands $((STOP_SENT - SLICED_AT))) ms after the slice's log line)"
stop_pids "$SAMPLER"
SAMPLER=''
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- figures ---------------------------------------------------------------------------------------------------
line="$(grep "Sliced .* items of '$JOB'" "$OUT/master.log" | tail -n 1)"
read -r ITEMS CHUNKS UP_TO SLICE_MS < <(printf '%s' "$line" \
  | sed -n "s/.*Sliced \([0-9]*\) items of '$JOB' into \([0-9]*\) chunks of up to \([0-9]*\) in \([0-9]*\) ms.*/\1 \2 \3 \4/p")
[ "$ITEMS" = "$ROWS" ] || note "WARNING: sliced $ITEMS items, the object has $ROWS rows"
# jstat (G1): S0U S1U EU OU are columns 4 5 7 9 after the stamp, in KiB
HEAP_PEAK_KB="$(awk -v a="$TRIGGERED" -v b="$SLICED_AT" '$1 >= a && $1 <= b && $2 ~ /^[0-9.]+$/ { u = $4 + $5 + $7 + $9; if (u > m) m = u } END { printf "%d", m }' "$OUT/jstat.txt")"
HEAP_SAMPLES="$(awk -v a="$TRIGGERED" -v b="$SLICED_AT" '$1 >= a && $1 <= b && $2 ~ /^[0-9.]+$/' "$OUT/jstat.txt" | wc -l)"
# -Xlog:gc with the epoch ms: "[1764358801123ms] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 150M->40M(256M) 3.456ms";
# the heap after a young, mixed or full collection (a remark or cleanup pause frees nothing: it logs X->X)
read -r GC_COUNT GC_AFTER_MAX GC_PAUSE_MS GC_PAUSE_MAX < <(awk -v a="$TRIGGERED" -v b="$SLICED_AT" '
  { t = substr($1, 2) + 0 }
  t >= a && t <= b && / Pause / && $NF ~ /ms$/ {
    n++; p = $NF + 0; total += p; if (p > pm) pm = p
    if (/ Pause (Young|Full) / && /->[0-9]+M\(/) { s = $0; sub(/.*->/, "", s); after = s + 0; if (after > m) m = after }
  }
  END { printf "%d %d %.0f %.1f\n", n, m, total, pm }' "$OUT/gc.log")
if [ "$TO_END" = 1 ]; then
  END_HEAP_PEAK_KB="$(awk -v a="$TRIGGERED" -v b="$ENDED" '$1 >= a && $1 <= b && $2 ~ /^[0-9.]+$/ { u = $4 + $5 + $7 + $9; if (u > m) m = u } END { printf "%d", m }' "$OUT/jstat.txt")"
  END_GC_AFTER_MAX="$(awk -v a="$TRIGGERED" -v b="$ENDED" '{ t = substr($1, 2) + 0 }
    t >= a && t <= b && / Pause (Young|Full) / && /->[0-9]+M\(/ { s = $0; sub(/.*->/, "", s); if (s + 0 > m) m = s + 0 }
    END { printf "%d", m }' "$OUT/gc.log")"
  OUTPUT_BYTES=$(( $(du -sb "$DATA/s3/$BUCKET/bench-out" 2>/dev/null | cut -f1 || echo 0) ))
fi
TICKS="$(getconf CLK_TCK)"
mibps() { awk -v b="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.1f", b / 1048576 * 1000 / ms; else print "-" }'; }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms; else print "-" }'; }
RECORDS_PER_S="$(rate "$ITEMS" "$SLICE_MS")"
machine="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $("$JAVA" -version 2>&1 | head -n 1)"
repro="S3_BENCH_GZIP_MB=$GZIP_MB S3_BENCH_MASTER_XMX=$XMX S3_BENCH_WORKERS=$WORKERS S3_BENCH_CHUNK_SIZE=$CHUNK_SIZE"
[ "$WARMUP_MB" != 2 ] && repro="$repro S3_BENCH_WARMUP_MB=$WARMUP_MB"
[ "$TO_END" = 1 ] && repro="$repro S3_BENCH_TO_END=1"
repro="$repro samples/bench/s3-slice-run.sh"
if [ "$TO_END" = 1 ]; then
  start="$(field "$json" startTime)"; end="$(field "$json" endTime)"
  WALL_MS="$(awk -v s="$(date -d "$start" +%s.%N)" -v e="$(date -d "$end" +%s.%N)" 'BEGIN { printf "%d", (e - s) * 1000 }')"
  RESULT="$(result_of "$json")"
  if [ "$(counted "$RESULT")" = "$(expected_result "$META")" ]; then EXACT="exact (the generator's count and sums)";
  else EXACT="DIFFERS from the expected $(expected_result "$META")"; fi
fi
{
  echo "== Slicing a large gzip object from S3: $JOB, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine        $machine; load average $LOAD_BEFORE before, $LOAD_AFTER after"
  echo "object         s3://$BUCKET/$KEY: $(thousands "$GZIP_BYTES") bytes gzip ($(mb "$GZIP_BYTES") MiB), $(thousands "$TEXT_BYTES") bytes of text ($(mb "$TEXT_BYTES") MiB, ratio $(awk -v t="$TEXT_BYTES" -v g="$GZIP_BYTES" 'BEGIN { printf "%.2f", t / g }')), $(thousands "$(prop "$META" lines)") lines ($(thousands "$ROWS") rows and the header)"
  echo "generated      $GENERATED; generation took $(prop "$META" seconds) s on $(prop "$META" threads) threads, $(prop "$META" textMBperSecond) MB/s of text ($OBJECT)"
  echo "uploaded       in $UPLOAD_MS ms, $(mibps "$GZIP_BYTES" "$UPLOAD_MS") MiB/s (curl, SigV4, unsigned payload)"
  echo "set-up         master -Xmx$XMX with the embedded servers, $WORKERS worker(s) -Xmx$WORKER_XMX, chunkSize $CHUNK_SIZE; warm-up: $WARMUP"
  echo "slice          $(thousands "$ITEMS") items into $(thousands "$CHUNKS") chunks of up to $UP_TO in $(thousands "$SLICE_MS") ms (the master's log)"
  echo "records/s      $(thousands "$RECORDS_PER_S") items/s while slicing; $(mibps "$GZIP_BYTES" "$SLICE_MS") MiB/s of gzip, $(mibps "$TEXT_BYTES" "$SLICE_MS") MiB/s of text"
  echo "master heap    peak $(( HEAP_PEAK_KB / 1024 )) MiB used (jstat -gc every 1 s, $HEAP_SAMPLES samples while slicing, garbage included); at most ${GC_AFTER_MAX} MiB left after a young, mixed or full collection (-Xlog:gc); $GC_COUNT GC pauses while slicing, $GC_PAUSE_MS ms in all, longest $GC_PAUSE_MAX ms; -Xmx$XMX"
  echo "live heap      $(( ${LIVE_KB:-0} / 1024 )) MiB of live objects once sliced (jcmd GC.class_histogram, a full GC, taken after the figures above; histogram-sliced.txt)"
  echo "master CPU     $(awk -v t="$CPU_SLICE" -v hz="$TICKS" 'BEGIN { printf "%.1f", t / hz }') s while slicing ($(awk -v t="$CPU_SLICE" -v hz="$TICKS" -v ms="$CPU_WINDOW_MS" 'BEGIN { printf "%.0f", t / hz * 100000 / ms }') % of one CPU$([ "$WORKERS" -gt 0 ] && echo ', serving the workers included'))"
  echo "payloads       $(mb "${PAYLOAD_BYTES:-0}") MiB in the bucket chunking once sliced: the payloads and the results of the chunks done so far ($(awk -v p="${PAYLOAD_BYTES:-0}" -v t="$TEXT_BYTES" 'BEGIN { printf "%.1f", p / t }') x the text)"
  if [ -n "$FIRST" ]; then echo "first chunk    SUCCEEDED $(thousands "$FIRST") ms after the trigger (its finishedAt)";
  else echo "first chunk    - (none SUCCEEDED$([ "$WORKERS" -eq 0 ] && echo ': no workers'))"; fi
  if [ "$TO_END" = 1 ]; then
    echo "to the end     $status after $(thousands "$WALL_MS") ms (startTime to endTime), $(thousands "$(rate "$ITEMS" "$WALL_MS")") items/s end to end"
    echo "result         $RESULT: $EXACT"
    echo "heap to end    master heap peak $(( END_HEAP_PEAK_KB / 1024 )) MiB used, at most $END_GC_AFTER_MAX MiB after a collection; outputs $(mb "$OUTPUT_BYTES") MiB of NDJSON ($(awk -v p="$OUTPUT_BYTES" -v t="$TEXT_BYTES" 'BEGIN { printf "%.1f", p / t }') x the text)"
  else
    echo "the end        the script stopped the execution once sliced (POST /api/executions/$ID/stop): $STOP_STATUS; $(printf '%s' "$json" | sed -n 's/.*"succeeded":\([0-9]*\).*/\1/p' | head -n 1) chunks had succeeded"
  fi
  echo "reproduce      $repro"
  echo "logs           $OUT (master.log, gc.log, jstat.txt, worker-*.log)"
  echo
  echo "| gzip object | text | rows | chunkSize | workers | master -Xmx | slice ms | items/s while slicing | master heap peak used / after GC / live once sliced | first chunk | end |"
  echo "|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---|"
  printf '| %s MiB | %s MiB | %s | %s | %s | %s | %s | %s | %s / %s / %s MiB | %s | %s |\n' "$(mb "$GZIP_BYTES")" "$(mb "$TEXT_BYTES")" \
    "$(thousands "$ITEMS")" "$CHUNK_SIZE" "$WORKERS" "$XMX" "$(thousands "$SLICE_MS")" "$(thousands "$RECORDS_PER_S")" \
    "$(( HEAP_PEAK_KB / 1024 ))" "$GC_AFTER_MAX" "$(( ${LIVE_KB:-0} / 1024 ))" "$(if [ -n "$FIRST" ]; then echo "$(thousands "$FIRST") ms"; else echo '-'; fi)" \
    "$(if [ "$TO_END" = 1 ]; then echo "$status in $(awk -v ms="$WALL_MS" 'BEGIN { printf "%.0f", ms / 1000 }') s, $(thousands "$(rate "$ITEMS" "$WALL_MS")") items/s, ${EXACT%% *}"; else echo "stopped once sliced"; fi)"
} | tee "$OUT/summary.txt"
# exit 1 if the slice or the result is not what the object holds
[ "$ITEMS" = "$ROWS" ] && { [ "$TO_END" = 0 ] || [ "${EXACT%% *}" = exact ]; }
