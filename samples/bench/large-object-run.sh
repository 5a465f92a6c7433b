#!/usr/bin/env bash
# The large object sample at size, end to end: LargeObjectGenerator writes one gzip NDJSON object of
# LARGE_BENCH_MIB MiB (compressed) to the master's embedded S3 server (multipart upload), then the job large-object
# slices it by lines, enriches every line on LARGE_BENCH_WORKERS workers (2), writes gzip NDJSON
# outputs with a manifest and totals per category. Prints the generation's speed, the execution's wall time
# (startTime to endTime) and items/s (lines read over it), and checks the result against the generator's:
# orders (valid lines), cents per category, and skipped lines (its invalid lines).
#
#   samples/bench/large-object-run.sh                         # 1024 MiB of gzip
#   LARGE_BENCH_MIB=100 samples/bench/large-object-run.sh
#
# Settings (environment): LARGE_BENCH_MIB (1024), LARGE_BENCH_CHUNK_SIZE (1000, 20-1000), LARGE_BENCH_WORKERS (2),
# LARGE_BENCH_INVALID_EVERY (10000), LARGE_BENCH_TIMEOUT (seconds, 14400); ports as samples/lib/cluster.sh
# (SAMPLE_*_PORT; defaults here 46080, 46616, 46092, 46900, 46017). Output: samples/target/large-object-bench/
# (summary.txt, logs); its data directory (the object, payloads and outputs: about 8 times the gzip size) is
# deleted at the end unless LARGE_BENCH_KEEP_DATA=1. Needs the jars (./mvnw -o -q package -DskipTests).
set -uo pipefail

MIB="${LARGE_BENCH_MIB:-1024}"
CHUNK_SIZE="${LARGE_BENCH_CHUNK_SIZE:-1000}"
WORKERS="${LARGE_BENCH_WORKERS:-2}"
INVALID_EVERY="${LARGE_BENCH_INVALID_EVERY:-10000}"
TIMEOUT="${LARGE_BENCH_TIMEOUT:-14400}"
KEEP_DATA="${LARGE_BENCH_KEEP_DATA:-0}"
export SAMPLE_HTTP_PORT="${SAMPLE_HTTP_PORT:-46080}" SAMPLE_BROKER_PORT="${SAMPLE_BROKER_PORT:-46616}" \
  SAMPLE_JDBC_PORT="${SAMPLE_JDBC_PORT:-46092}" SAMPLE_S3_PORT="${SAMPLE_S3_PORT:-46900}" \
  SAMPLE_MONGO_PORT="${SAMPLE_MONGO_PORT:-46017}"
case "$CHUNK_SIZE$WORKERS$INVALID_EVERY$TIMEOUT" in *[!0-9]*) echo "large-object-run: LARGE_BENCH_CHUNK_SIZE, _WORKERS, _INVALID_EVERY and _TIMEOUT are whole numbers" >&2; exit 2 ;; esac
case "$MIB" in ''|*[!0-9.]*) echo "large-object-run: LARGE_BENCH_MIB is a size in MiB, was '$MIB'" >&2; exit 2 ;; esac

source "$(dirname "${BASH_SOURCE[0]}")/../lib/cluster.sh"
sample_init large-object-bench
need_kb=$(awk -v m="$MIB" 'BEGIN { printf "%d", m * 1024 * 10 }')
[ "$(df -Pk "$SAMPLE_DATA" | awk 'NR == 2 { print $4 }')" -gt "$need_kb" ] \
  || sample_fail "less than $((need_kb / 1048576)) GiB free under $SAMPLE_DATA (the object, its payloads and outputs take about 8 times its size)"
sample_start_master
sample_start_workers "$WORKERS"
[ "$KEEP_DATA" = 1 ] || trap 'sample_stop; rm -rf "$SAMPLE_DATA"' EXIT

prop() { sed -n "s/^$2=//p" "$1" | head -n 1; }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms; else print "-" }'; }
GENERATED="$SAMPLE_DIR/generated.properties"
"$JAVA" -Dloader.path="$JOBS_JAR" -Dloader.main=io.chunking.samples.largeobject.LargeObjectGenerator -jar "$MASTER_JAR" \
  --endpoint="http://127.0.0.1:$S3_PORT" --access-key="$(sample_embedded user)" --secret-key="$(sample_embedded password)" \
  --bucket=samples --create-bucket=true --key=large/orders.ndjson.gz --mib="$MIB" --invalid-every="$INVALID_EVERY" \
  > "$GENERATED" 2> "$SAMPLE_DIR/generator.log" || { tail -n 20 "$SAMPLE_DIR/generator.log" >&2; sample_fail "the generator failed"; }
LINES="$(prop "$GENERATED" lines)"

JSON="$(sample_cli run large-object chunkSize="$CHUNK_SIZE" --follow --json --timeout "${TIMEOUT}s" 2>>"$SAMPLE_DIR/progress.txt" | sample_compact)"
WALL="$(sample_wall_ms "$JSON")"
read_items="$(printf '%s' "$JSON" | sed -n 's/.*"items":{"read":\([0-9]*\).*/\1/p')"
skipped="$(printf '%s' "$JSON" | sed -n 's/.*"items":{[^}]*"skipped":\([0-9]*\).*/\1/p')"
orders="$(printf '%s' "$JSON" | sed -n 's/.*"result":{.*"orders":\([0-9]*\).*/\1/p')"
cents="{$(sample_object "$JSON" centsByCategory | tr -d '{}"' | tr ':' '=' | sed 's/,/, /g')}"
ok=0
[ "$(sample_field "$JSON" status)" = COMPLETED ] && [ "$read_items" = "$LINES" ] && [ "$orders" = "$(prop "$GENERATED" orders)" ] \
  && [ "$skipped" = "$(prop "$GENERATED" invalidLines)" ] && [ "$cents" = "$(prop "$GENERATED" centsByCategory)" ] && ok=1
{
  echo "== large-object, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$SAMPLE_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine    $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB RAM; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "object     $(prop "$GENERATED" object): $(prop "$GENERATED" gzipBytes) bytes gzip, $(prop "$GENERATED" textBytes) bytes of text, $LINES lines ($(prop "$GENERATED" invalidLines) invalid)"
  echo "generated  in $(prop "$GENERATED" seconds) s (one thread, multipart upload to the embedded S3 server)"
  echo "execution  $(sample_field "$JSON" status), chunkSize $CHUNK_SIZE, $WORKERS workers: $read_items lines read, $skipped skipped, $orders orders in $WALL ms: $(rate "$read_items" "$WALL") items/s end to end"
  if [ $ok = 1 ]; then echo "check      exact: orders, cents per category and skipped lines are the generator's";
  else echo "check      DIFFERS: orders $orders, skipped $skipped, centsByCategory $cents; the generator: $(prop "$GENERATED" orders), $(prop "$GENERATED" invalidLines), $(prop "$GENERATED" centsByCategory)"; fi
  echo "reproduce  LARGE_BENCH_MIB=$MIB LARGE_BENCH_CHUNK_SIZE=$CHUNK_SIZE LARGE_BENCH_WORKERS=$WORKERS samples/bench/large-object-run.sh"
} | tee "$SAMPLE_DIR/summary.txt"
[ $ok = 1 ]
