#!/usr/bin/env bash
# The profile re-scoring sample at size: profiles-generate then profiles-rescore over RESCORE_BENCH_PROFILES
# profiles (1,000,000 by default) in the embedded Mongo-wire server, on a master and RESCORE_BENCH_WORKERS workers
# (2), with samples/lib/cluster.sh. Prints items/s of both jobs (items over the execution's startTime to endTime)
# and checks the outcome: the rescore's result (counted in MongoDB over every profile when it completes) must have
# rescored every profile, left none behind its version, and show rescoreCount 1 for every profile; a second
# rescore of the same version must read nothing and rescore 0.
#
#   samples/bench/rescore-run.sh                              # 1,000,000 profiles, chunks of 1000
#   RESCORE_BENCH_PROFILES=100000 samples/bench/rescore-run.sh
#
# Settings (environment): RESCORE_BENCH_PROFILES (1000000), RESCORE_BENCH_CHUNK_SIZE (1000, 20-1000),
# RESCORE_BENCH_WORKERS (2), RESCORE_BENCH_TIMEOUT (seconds per execution, 3600); ports as samples/lib/cluster.sh
# (SAMPLE_*_PORT; defaults here 47080, 47616, 47092, 47900, 47017). Output: samples/target/rescore-bench/
# (summary.txt, the processes' logs). Needs the jars (./mvnw -o -q package -DskipTests).
set -uo pipefail

PROFILES="${RESCORE_BENCH_PROFILES:-1000000}"
CHUNK_SIZE="${RESCORE_BENCH_CHUNK_SIZE:-1000}"
WORKERS="${RESCORE_BENCH_WORKERS:-2}"
TIMEOUT="${RESCORE_BENCH_TIMEOUT:-3600}"
export SAMPLE_HTTP_PORT="${SAMPLE_HTTP_PORT:-47080}" SAMPLE_BROKER_PORT="${SAMPLE_BROKER_PORT:-47616}" \
  SAMPLE_JDBC_PORT="${SAMPLE_JDBC_PORT:-47092}" SAMPLE_S3_PORT="${SAMPLE_S3_PORT:-47900}" \
  SAMPLE_MONGO_PORT="${SAMPLE_MONGO_PORT:-47017}"
case "$PROFILES$CHUNK_SIZE$WORKERS$TIMEOUT" in *[!0-9]*) echo "rescore-run: the RESCORE_BENCH_* settings are whole numbers" >&2; exit 2 ;; esac

source "$(dirname "${BASH_SOURCE[0]}")/../lib/cluster.sh"
sample_init rescore-bench
sample_start_master
sample_start_workers "$WORKERS"

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms; else print "-" }'; }
result_field() { printf '%s' "$1" | sed -n "s/.*\"result\":{.*\"$2\":\([0-9]*\).*/\1/p" | head -n 1; }
measure() { # label job params...: runs it, prints a line, leaves its JSON in $LAST and its wall time in $WALL
  local label="$1"; shift
  LAST="$(sample_cli run "$@" --follow --json --timeout "${TIMEOUT}s" 2>>"$SAMPLE_DIR/progress.txt" | sample_compact)"
  WALL="$(sample_wall_ms "$LAST")"
  local read; read="$(printf '%s' "$LAST" | sed -n 's/.*"items":{"read":\([0-9]*\).*/\1/p')"
  printf '%-10s %s %s: %s items in %s ms, %s items/s\n' "$label" "$(sample_field "$LAST" status)" \
    "$*" "$read" "$WALL" "$(rate "$read" "$WALL")" | tee -a "$SAMPLE_DIR/summary.txt"
}

: > "$SAMPLE_DIR/summary.txt"
measure generate profiles-generate profiles="$PROFILES" chunkSize="$CHUNK_SIZE"
GENERATE_JSON="$LAST"
measure rescore profiles-rescore version=2 chunkSize="$CHUNK_SIZE"
RESCORE_JSON="$LAST"
measure again profiles-rescore version=2 chunkSize="$CHUNK_SIZE"
AGAIN_JSON="$LAST"

ok=1
[ "$(sample_field "$GENERATE_JSON" status)" = COMPLETED ] || ok=0
[ "$(sample_field "$RESCORE_JSON" status)" = COMPLETED ] || ok=0
[ "$(result_field "$RESCORE_JSON" rescored)" = "$PROFILES" ] || ok=0
[ "$(result_field "$RESCORE_JSON" behind)" = 0 ] || ok=0
[ "$(sample_object "$RESCORE_JSON" rescoreCounts)" = "{\"1\":$PROFILES}" ] || ok=0
[ "$(sample_field "$AGAIN_JSON" status)" = COMPLETED ] && [ "$(result_field "$AGAIN_JSON" rescored)" = 0 ] || ok=0
{
  echo "result    rescore: $(printf '%s' "$RESCORE_JSON" | sed -n 's/.*"result":\({.*}\),"schedule".*/\1/p')"
  echo "machine   $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; commit $(git -C "$SAMPLE_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  if [ $ok = 1 ]; then echo "check     exact: $PROFILES profiles rescored once each (rescoreCounts {1: $PROFILES}, behind 0); the run again rescored 0";
  else echo "check     FAILED: see the lines above"; fi
} | tee -a "$SAMPLE_DIR/summary.txt"
[ $ok = 1 ]
