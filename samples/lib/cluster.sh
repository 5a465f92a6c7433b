# samples/lib/cluster.sh — sourced by the use-case launchers (samples/<name>): starts a master and worker
# processes on this machine with the embedded servers, as samples/demo does, and stops every process it started
# when the launcher exits, also on Ctrl-C or failure.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
#   sample_init fetch-cache                 # samples/target/fetch-cache/, ports, jars (built if missing)
#   sample_start_master --some.property=x   # waits for health and the generated credentials
#   sample_start_workers 2 --chunking.worker.lease=10s
#   sample_cli run my-job a=1 --follow      # cli/chunking against this master
#   sample_embedded user                    # the embedded servers' login (S3 access and secret key)
#
# Environment: SAMPLE_HTTP_PORT (8080), SAMPLE_BROKER_PORT (61616), SAMPLE_JDBC_PORT (9092), SAMPLE_S3_PORT
# (9000), SAMPLE_MONGO_PORT (27017), JAVA_HOME. Logs and data: samples/target/<name>/.

SAMPLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SAMPLE_START_TIMEOUT=120
SAMPLE_PIDS=()

sample_fail() { echo "${SAMPLE_NAME:-sample}: $*" >&2; exit 1; }

sample_init() { # name
  SAMPLE_NAME="$1"
  SAMPLE_DIR="$SAMPLE_ROOT/samples/target/$SAMPLE_NAME"
  SAMPLE_DATA="$SAMPLE_DIR/data"
  HTTP_PORT="${SAMPLE_HTTP_PORT:-8080}"
  BROKER_PORT="${SAMPLE_BROKER_PORT:-61616}"
  JDBC_PORT="${SAMPLE_JDBC_PORT:-9092}"
  S3_PORT="${SAMPLE_S3_PORT:-9000}"
  MONGO_PORT="${SAMPLE_MONGO_PORT:-27017}"
  API="http://127.0.0.1:$HTTP_PORT"
  local port
  for port in "$HTTP_PORT" "$BROKER_PORT" "$JDBC_PORT" "$S3_PORT" "$MONGO_PORT"; do
    case "$port" in ''|*[!0-9]*|0) sample_fail "ports must be positive whole numbers, was '$port'" ;; esac
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      sample_fail "port $port is already in use (a demo or master running?); stop it or set SAMPLE_*_PORT"
    fi
  done
  if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
  [ -x "$JAVA" ] || sample_fail "no java found; install a JDK 17+ or set JAVA_HOME"
  command -v curl >/dev/null || sample_fail "curl is required (apt-get install curl)"
  MASTER_JAR="$SAMPLE_ROOT/master-app/target/master-app.jar"
  WORKER_JAR="$SAMPLE_ROOT/slave-worker/target/slave-worker.jar"
  JOBS_JAR="$SAMPLE_ROOT/samples/target/samples.jar"
  # The loader path of both apps: the jobs jar and its own dependencies (samples/target/samples-lib/, e.g. Jakarta Mail).
  JOBS_PATH="$JOBS_JAR,$SAMPLE_ROOT/samples/target/samples-lib"
  if [ ! -f "$MASTER_JAR" ] || [ ! -f "$WORKER_JAR" ] || [ ! -f "$JOBS_JAR" ] || [ ! -d "${JOBS_JAR%/*}/samples-lib" ] \
      || [ ! -f "$SAMPLE_ROOT/cli/target/chunking-cli.jar" ]; then
    echo "Building the master, worker, samples and CLI jars (./mvnw install -DskipTests; a few minutes the first time)..."
    (cd "$SAMPLE_ROOT" && ./mvnw -q -B install -DskipTests) || sample_fail "the build failed"
  fi
  rm -rf "$SAMPLE_DIR"
  mkdir -p "$SAMPLE_DATA"
  SAMPLE_COMMON=(--chunking.embedded.broker-port="$BROKER_PORT" --chunking.embedded.jdbc-port="$JDBC_PORT"
    --chunking.embedded.s3-port="$S3_PORT" --chunking.embedded.mongo-port="$MONGO_PORT"
    --chunking.embedded.data-dir="$SAMPLE_DATA")
  export CHUNKING_CREDENTIALS="$SAMPLE_DATA/credentials.properties"
  trap 'echo; echo "Interrupted."; sample_stop; exit 130' INT TERM
  trap sample_stop EXIT
}

sample_stop() { # stops every process started, TERM first, KILL after 15 s
  trap - INT TERM EXIT
  local pid i alive
  [ ${#SAMPLE_PIDS[@]} -eq 0 ] && return 0
  echo "Stopping the processes started (logs in $SAMPLE_DIR)..."
  for pid in "${SAMPLE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for i in $(seq 1 30); do
    alive=0
    for pid in "${SAMPLE_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.5
  done
  for pid in "${SAMPLE_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  SAMPLE_PIDS=()
}

sample_start() { # name command... : runs in the sample's directory, logs to <name>.log, records <name>.pid
  local name="$1"; shift
  (cd "$SAMPLE_DIR" && umask 077 && exec "$@") > "$SAMPLE_DIR/$name.log" 2>&1 &
  SAMPLE_PIDS+=($!)
  echo $! > "$SAMPLE_DIR/$name.pid"
}

sample_await() { # name pid description check-command...
  local name="$1" pid="$2" what="$3"; shift 3
  local deadline=$((SECONDS + SAMPLE_START_TIMEOUT))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "${SAMPLE_NAME}: $name did not $what within ${SAMPLE_START_TIMEOUT}s; last lines of $SAMPLE_DIR/$name.log:" >&2
      tail -n 30 "$SAMPLE_DIR/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

sample_master_up() { curl -sf --max-time 10 -o /dev/null "$API/actuator/health" && [ -s "$CHUNKING_CREDENTIALS" ]; }

sample_start_master() { # extra master arguments...
  echo "Starting the master (embedded Artemis, H2, S3 and Mongo servers; REST API on $API)..."
  sample_start master "$JAVA" -Xmx1g -Dloader.path="$JOBS_PATH" -jar "$MASTER_JAR" "${SAMPLE_COMMON[@]}" \
    --server.port="$HTTP_PORT" "$@"
  sample_await master "${SAMPLE_PIDS[-1]}" "start" sample_master_up
}

sample_start_workers() { # count extra worker arguments...
  local count="$1" n name; shift
  local first=${#SAMPLE_PIDS[@]}
  for n in $(seq 1 "$count"); do
    name="$SAMPLE_NAME-worker-$n"
    sample_start "$name" "$JAVA" -Xmx1g -Dloader.path="$JOBS_PATH" -jar "$WORKER_JAR" "${SAMPLE_COMMON[@]}" \
      --chunking.worker.id="$name" "$@"
  done
  for n in $(seq 1 "$count"); do
    name="$SAMPLE_NAME-worker-$n"
    sample_await "$name" "${SAMPLE_PIDS[$((first + n - 1))]}" "start" \
      grep -q "Started WorkerApplication" "$SAMPLE_DIR/$name.log"
  done
  echo "Master and $count worker(s) up. API credentials (user, password, url): $CHUNKING_CREDENTIALS"
  echo "Dashboard (while it runs): $API/  user: $(sample_credential user)  password: $(sample_credential password)"
}

sample_credential() { # key of the master's generated API credentials (user, password, url)
  sed -n "s/^$1=//p" "$CHUNKING_CREDENTIALS" | head -n 1
}

sample_embedded() { # key of the embedded servers' login file (user, password)
  sed -n "s/^$1=//p" "$SAMPLE_DATA/embedded-credentials.properties" | head -n 1
}

sample_cli() { "$SAMPLE_ROOT/cli/chunking" "$@"; }

# --- Reading executions (the CLI's --json, indented, made one line first) ---
#   json="$(sample_run_json my-job a=1)"     # runs it to its end (progress on stderr), its JSON on one line
#   sample_field "$json" status              # a string or number field (the first of that name)
#   sample_object "$json" centsByCategory    # a flat object, e.g. {"BOOKS":12,"MUSIC":3}
#   sample_wall_ms "$json"                   # endTime - startTime, in milliseconds

sample_compact() { tr -d '\n' | sed -E 's/[[:space:]]*([][{}:,])[[:space:]]*/\1/g'; }
sample_field() { printf '%s' "$1" | sed -n "s/.*\"$2\":\(\"\([^\"]*\)\"\|\([^,}]*\)\).*/\2\3/p" | head -n 1; }
sample_object() { printf '%s' "$1" | sed -n "s/.*\"$2\":\({[^}]*}\).*/\1/p" | head -n 1; }
sample_run_json() { sample_cli run "$@" --follow --json | sample_compact; }
sample_show_json() { sample_cli show "$1" --json | sample_compact; }
sample_await_end() { # id [timeout seconds, 1800]: polls until the execution ends; its JSON on one line
  local deadline=$((SECONDS + ${2:-1800})) json
  while :; do
    json="$(sample_show_json "$1" 2>/dev/null)"
    case "$(sample_field "$json" status)" in COMPLETED|FAILED|STOPPED|ABANDONED) break ;; esac
    [ $SECONDS -ge $deadline ] && sample_fail "execution $1 did not end within ${2:-1800} s"
    sleep 2
  done
  printf '%s' "$json"
}
sample_wall_ms() {
  local start end
  start="$(sample_field "$1" startTime)"; end="$(sample_field "$1" endTime)"
  awk -v s="$(date -u -d "$start" +%s.%N)" -v e="$(date -u -d "$end" +%s.%N)" 'BEGIN { printf "%d", (e - s) * 1000 }'
}
