#!/usr/bin/env bash
# Runs sse-bench end to end, unattended: builds what it needs (reactor build, nothing installed),
# runs every scenario against the starter on Spring MVC (sse-sample-app, bench profile; on Tomcat,
# on Tomcat's lean connector, on Jetty), the WebFlux starter, the naive SseEmitter baseline, a
# plain WebFlux app and the raw-NIO ceiling, then the multiplexed streams and the Redis routing,
# and writes JSON results, PNG charts and a Markdown report.
#
#   sse-bench/run.sh            the full suite (10,000 streams, about 50 minutes):
#                               sse-bench/results/*.json, *.png and sse-bench/REPORT.md
#   sse-bench/run.sh --quick    1,000 streams and short windows, to check the pipeline (about 15
#                               minutes): sse-bench/target/quick/ (never overwrites the full results)
#   --scenarios=s1,s3           only these scenarios (s2, s4 and s5 share one run per server;
#                               s1 counts the rates s6 ran as tried; multiplex: streams of several
#                               channels on the starter; redis: bytes per instance with Redis routing)
#   --servers=starter,starter-jetty   only these servers (default: all; the report compares with
#                               naive and ceiling only when they ran)
#
# Environment: SSE_BENCH_HEAP (every server's fixed heap, default 4g: room for 15,000 streams
# of default Tomcat at ~105 KB each, within the starter's default limit of half the heap),
# SSE_BENCH_ADMISSION_HEAP (S7's small heap, default 256m), SSE_BENCH_SERVER_CPU (default 0),
# SSE_BENCH_GENERATOR_CPU (default 1). Load goes to 127.0.0.0/8 only; every server started here is
# stopped at the end.

set -euo pipefail

SCRIPT="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."
ROOT=$(pwd)

MODE=full
RUNNER_OPTIONS=()
SELECTED=""
SCENARIOS=""
for arg in "$@"; do
  case "$arg" in
    --quick) MODE=quick ;;
    --scenarios=*) RUNNER_OPTIONS+=("$arg"); SCENARIOS="${arg#--scenarios=}" ;;
    --servers=*) SELECTED=",${arg#--servers=}," ;;
    -h|--help) sed -n '2,22p' "$SCRIPT" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

if [ "$MODE" = full ]; then
  RESULTS="$ROOT/sse-bench/results"
  REPORT="$ROOT/sse-bench/REPORT.md"
else
  RESULTS="$ROOT/sse-bench/target/quick/results"
  REPORT="$ROOT/sse-bench/target/quick/REPORT.md"
fi
PIDS="$ROOT/sse-bench/target/bench-pids"
HEAP="${SSE_BENCH_HEAP:-4g}"
ADMISSION_HEAP="${SSE_BENCH_ADMISSION_HEAP:-256m}"
SERVER_CPU="${SSE_BENCH_SERVER_CPU:-0}"
GENERATOR_CPU="${SSE_BENCH_GENERATOR_CPU:-1}"
SAMPLE_JAR="$ROOT/sse-sample-app/target/sse-sample-app-0.1.0-SNAPSHOT.jar"
STARTED=$SECONDS

# 15,000 streams are 15,000 sockets in the generator and as many in the server (which inherits
# this limit); this box allows 20,000 per process.
hard_limit=$(ulimit -Hn)
if [ "$hard_limit" = unlimited ] || [ "$hard_limit" -ge 20000 ]; then
  ulimit -n 20000
else
  ulimit -n "$hard_limit"
  echo "run.sh: warning: only $hard_limit open files allowed per process; 15,000 streams need about 16,000" >&2
fi

if [ "$(nproc --all)" -lt 2 ]; then
  echo "run.sh: needs 2 CPUs, one for the server and one for the load generator" >&2
  exit 1
fi

# Servers started by the runner leave a file named after their pid; whatever is left when this
# script ends (a crashed runner) is killed here, and only if it still is a java process.
RUNNER_PID=""
cleanup() {
  if [ -n "$RUNNER_PID" ] && kill -0 "$RUNNER_PID" 2>/dev/null; then
    kill "$RUNNER_PID" 2>/dev/null || true
    wait "$RUNNER_PID" 2>/dev/null || true
  fi
  for pid_file in "$PIDS"/*; do
    [ -e "$pid_file" ] || continue
    pid=$(basename "$pid_file")
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q java; then
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== building sse-bench and sse-sample-app (reactor build, nothing installed)"
./mvnw -q -B -pl sse-bench,sse-sample-app -am package -DskipTests
if [ ! -f "$SAMPLE_JAR" ]; then
  echo "run.sh: $SAMPLE_JAR was not built; the starter cannot be measured" >&2
  exit 1
fi
BENCH_JAR="$ROOT/sse-bench/target/sse-bench-0.1.0-SNAPSHOT.jar"
CP="$BENCH_JAR:$(cat "$ROOT/sse-bench/target/bench.classpath")"
# The WebFlux servers run without Spring MVC and Tomcat on their classpath (see sse-bench/pom.xml).
REACTIVE_RUNTIME="$(cat "$ROOT/sse-bench/target/reactive-runtime.classpath")"
REACTIVE_CP="$BENCH_JAR:$REACTIVE_RUNTIME:$(cat "$ROOT/sse-bench/target/starter-webflux.classpath")"
FLUX_CP="$BENCH_JAR:$REACTIVE_RUNTIME:$(cat "$ROOT/sse-bench/target/flux.classpath")"
# The MVC starter on Jetty runs without Tomcat on its classpath.
JETTY_CP="$BENCH_JAR:$(cat "$ROOT/sse-bench/target/servlet-runtime.classpath"):$(cat "$ROOT/sse-bench/target/starter-jetty.classpath")"

# Every server: a fixed heap, and the serial collector, which is what the JVM picks by itself on
# the one CPU it is pinned to; naming it keeps all servers on the same one. Native Memory Tracking
# (summary) lets S3 read what each JVM holds outside its heap.
JVM_FLAGS="-XX:+UseSerialGC -XX:NativeMemoryTracking=summary"
SERVER_JVM="-Xms$HEAP -Xmx$HEAP $JVM_FLAGS"
# The starter's arguments, the same on every Tomcat it runs on.
STARTER_ARGS="-jar $SAMPLE_JAR --spring.profiles.active=bench --sample.bench.rate={rate} --server.port={port} --server.address=127.0.0.1 --server.tomcat.max-connections=20000 --server.tomcat.accept-count=1000 --spring.main.banner-mode=off"
# The generator allocates a few strings per event: a large young generation keeps its pauses rare.
GENERATOR_JVM=(-Xms2g -Xmx2g -Xmn1g -XX:+UseSerialGC)

SERVERS=()
# Adds a server (name, description, command) unless --servers leaves it out.
server() {
  if [ -z "$SELECTED" ] || [[ "$SELECTED" == *",$1,"* ]]; then
    SERVERS+=(--server "$1" "$2" "$3")
  fi
}
server starter "sseboot starter: sse-sample-app, bench profile" \
  "java $SERVER_JVM $STARTER_ARGS"
server starter-lean "sseboot starter on Tomcat's lean connector (sse.tomcat.lean-connector=true)" \
  "java $SERVER_JVM $STARTER_ARGS --sse.tomcat.lean-connector=true"
server starter-jetty "sseboot MVC starter on Jetty 12 (no Tomcat), SsePublisher at a fixed rate" \
  "java $SERVER_JVM -cp $JETTY_CP dev.sseboot.bench.jetty.StarterJettyBenchApplication --port={port} --rate={rate}"
server starter-webflux "sseboot WebFlux starter on Reactor Netty, SsePublisher at a fixed rate" \
  "java $SERVER_JVM -cp $REACTIVE_CP dev.sseboot.bench.reactive.StarterWebFluxBenchApplication --port={port} --rate={rate}"
server naive "hand-written List<SseEmitter> + @Scheduled send loop (no starter)" \
  "java $SERVER_JVM -cp $CP dev.sseboot.bench.naive.NaiveSseApplication --port={port} --rate={rate}"
server flux "plain WebFlux: Flux<ServerSentEvent> per stream from one multicast sink (no starter)" \
  "java $SERVER_JVM -cp $FLUX_CP dev.sseboot.bench.flux.PlainFluxSseApplication --port={port} --rate={rate}"
server ceiling "raw NIO, one thread, one write per socket per event, no HTTP framework" \
  "java $SERVER_JVM -cp $CP dev.sseboot.bench.ceiling.RawSseServer --port={port} --rate={rate}"
if [ ${#SERVERS[@]} -eq 0 ]; then
  echo "run.sh: --servers selects none of the servers" >&2
  exit 2
fi

# The whole run keeps to about 6.5 minutes a server (45 minutes for all seven): what the build took
# comes off the runner's budget, and 45 s stay for the report and for stopping the last server.
# Only S1 shortens to fit.
BUDGET=$(( ${#SERVERS[@]} / 4 * 6 * 60 + 3 * 60 - (SECONDS - STARTED) - 45 ))

rm -rf "$RESULTS" "$PIDS"
mkdir -p "$RESULTS" "$PIDS"

echo "== running the $MODE suite (servers on CPU $SERVER_CPU, generator on CPU $GENERATOR_CPU)"
taskset -c "$GENERATOR_CPU" java "${GENERATOR_JVM[@]}" -cp "$CP" dev.sseboot.bench.run.BenchRunner \
  --mode="$MODE" --results="$RESULTS" --pids="$PIDS" \
  --server-cpu="$SERVER_CPU" --generator-cpu="$GENERATOR_CPU" \
  --subject=starter --baseline=naive --ceiling=ceiling \
  --command="sse-bench/run.sh $*" --budget-seconds="$BUDGET" "${RUNNER_OPTIONS[@]}" "${SERVERS[@]}" \
  --admission "starter-$ADMISSION_HEAP" "sseboot starter (sample app, bench profile) on a $ADMISSION_HEAP heap" \
    "java -Xms$ADMISSION_HEAP -Xmx$ADMISSION_HEAP $JVM_FLAGS $STARTER_ARGS" \
  --admission-endpoint=/api/channels &
RUNNER_PID=$!
wait "$RUNNER_PID"
RUNNER_PID=""

if [ -z "$SCENARIOS" ] || [[ ",$SCENARIOS," == *,redis,* ]]; then
  echo "== Redis routing: bytes per broker instance (needs /usr/bin/redis-server)"
  java -cp "$CP" dev.sseboot.bench.redis.RedisRoutingBench --results="$RESULTS" \
    --seconds="$([ "$MODE" = full ] && echo 20 || echo 5)"
fi

if [ -z "$SCENARIOS" ] || [[ ",$SCENARIOS," == *,multiplex,* ]]; then
  echo "== multiplex: streams of several channels on the starter (Spring MVC)"
  taskset -c "$GENERATOR_CPU" java "${GENERATOR_JVM[@]}" -cp "$CP" dev.sseboot.bench.run.MultiplexScenario \
    --mode="$MODE" --results="$RESULTS" --pids="$PIDS" --server-cpu="$SERVER_CPU" --server=starter \
    --command="java $SERVER_JVM -jar $SAMPLE_JAR --spring.profiles.active=bench --sample.bench.rate={rate} --sample.bench.channels={channels} --server.port={port} --server.address=127.0.0.1 --server.tomcat.max-connections=20000 --server.tomcat.accept-count=1000 --spring.main.banner-mode=off"
fi

echo "== writing the report"
java -cp "$CP" dev.sseboot.bench.report.ReportMain --results="$RESULTS" --report="$REPORT"
java -cp "$CP" dev.sseboot.bench.report.MultiplexReport --results="$RESULTS" >> "$REPORT"
echo "== done in $(( (SECONDS - STARTED) / 60 )) min $(( (SECONDS - STARTED) % 60 )) s: $REPORT"
