#!/usr/bin/env bash
# How long listing n attempt objects takes on s3proxy's plain file-system store ("plain") and on the master's
# embedded S3 server ("embedded"), as S3Manifest.check lists them: ListObjectsV2 pages of 1,000 under one prefix,
# through the AWS SDK over a socket. Objects are written once per count into samples/target/bench-s3-listing and
# kept for later runs (delete that directory to start over; 150,000 objects take about 600 MiB of inodes and xattrs).
#
#   samples/bench/s3-listing-run.sh                                  # 10,000 and 50,000 both ways, 150,000 embedded
#   samples/bench/s3-listing-run.sh 150000:plain,embedded            # the plain store at 150,000 takes 15+ minutes
#
# Prints a Markdown table (also written to samples/target/bench-s3-listing/results.md, the servers' log to run.log).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/samples/target/bench-s3-listing"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ "$#" -eq 0 ]; then
  set -- 10000:plain,embedded 50000:plain,embedded 150000:embedded
fi

cd "$ROOT"
mkdir -p "$OUT"
# Builds master-app with its tests (never installs) and writes its test classpath; the last module built is master-app.
./mvnw -q -B -ntp package dependency:build-classpath -DskipTests -pl master-app -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt"
"$JAVA" -cp "master-app/target/test-classes:master-app/target/classes:$(cat "$OUT/classpath.txt")" \
  io.chunking.master.embedded.S3ListingBenchmark "$OUT" "$@" | tee "$OUT/run.log" | grep --line-buffered '^|' \
  | tee "$OUT/results.md"
