#!/usr/bin/env bash
# The fetch-cache sample end to end: keys fetched per second, from the first client request to the last answer,
# with FETCH_BENCH_KEYS distinct keys (10,000 by default) asked by FETCH_BENCH_CLIENTS concurrent clients (32),
# each key by FETCH_BENCH_REQUESTERS of them (3), through the web app, its batches, the fetch-cache job on a master
# and 2 workers, and the demo origin (10 % of the keys slow, 50-200 ms; 8 % 503 once or twice; 2 % 404 for good).
#
#   flock /tmp/chunking-heavy.lock samples/bench/fetch-cache-run.sh
#   FETCH_BENCH_KEYS=2000 samples/bench/fetch-cache-run.sh        # a quick check
#
# It runs samples/fetch-cache --keys ... (which checks every answer against the origin) and prints the burst's
# line (answers, 202s, seconds, keys/s), the batches and executions, and the machine's load average before and
# after: the figures depend on what else runs on the machine. Logs: samples/target/fetch-cache/.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KEYS="${FETCH_BENCH_KEYS:-10000}"
CLIENTS="${FETCH_BENCH_CLIENTS:-32}"
REQUESTERS="${FETCH_BENCH_REQUESTERS:-3}"
echo "fetch-cache bench: $KEYS keys, $CLIENTS clients, $REQUESTERS per key; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/samples/fetch-cache" --keys "$KEYS" --clients "$CLIENTS" --requesters "$REQUESTERS" \
  | grep -E '^[0-9]+ keys, |^Batches triggered|^wrong: '
status=${PIPESTATUS[0]}
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); exit status $status"
exit "$status"
