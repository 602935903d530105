#!/usr/bin/env bash
# Profiles one bench server under one load, the way sse-bench/PROFILES.md was made:
#
#   sse-bench/profile.sh <server> <rate> <streams> <ramp> <window>
#
# server: starter, naive, starter-jetty or starter-webflux; rate: events/s published; streams: how
# many the load generator opens, <ramp> a second (a large number opens them at once); window: seconds
# the generator then measures. The server runs alone on CPU 0 with a JFR recording (profile settings)
# and Native Memory Tracking, as run.sh starts it; the generator (LoadMain) on CPU 1. Writes to
# sse-bench/target/profile-<server>-<rate>/: window.jfr (from the first connect to the end of the
# window), histo-0.txt and nmt-0.txt before the streams open, histo-1.txt and nmt-1.txt halfway
# through the window, load.json (what the generator measured). Needs the build run.sh makes.

set -euo pipefail
if [ $# -ne 5 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
SERVER=$1 RATE=$2 STREAMS=$3 RAMP=$4 WINDOW=$5
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ulimit -n 20000
BENCH_JAR="$ROOT/sse-bench/target/sse-bench-0.1.0-SNAPSHOT.jar"
CP="$BENCH_JAR:$(cat "$ROOT/sse-bench/target/bench.classpath")"
OUT="$ROOT/sse-bench/target/profile-$SERVER-$RATE"
PORT=18080
rm -rf "$OUT"
mkdir -p "$OUT"
JVM=(-Xms4g -Xmx4g -XX:+UseSerialGC -XX:NativeMemoryTracking=summary)
case "$SERVER" in
  starter) COMMAND=(-jar "$ROOT/sse-sample-app/target/sse-sample-app-0.1.0-SNAPSHOT.jar" --spring.profiles.active=bench
      "--sample.bench.rate=$RATE" "--server.port=$PORT" --server.address=127.0.0.1 --server.tomcat.max-connections=20000
      --server.tomcat.accept-count=1000 --spring.main.banner-mode=off) ;;
  naive) COMMAND=(-cp "$CP" dev.sseboot.bench.naive.NaiveSseApplication "--port=$PORT" "--rate=$RATE") ;;
  starter-jetty) COMMAND=(-cp "$BENCH_JAR:$(cat "$ROOT/sse-bench/target/servlet-runtime.classpath"):$(cat "$ROOT/sse-bench/target/starter-jetty.classpath")"
      dev.sseboot.bench.jetty.StarterJettyBenchApplication "--port=$PORT" "--rate=$RATE") ;;
  starter-webflux) COMMAND=(-cp "$BENCH_JAR:$(cat "$ROOT/sse-bench/target/reactive-runtime.classpath"):$(cat "$ROOT/sse-bench/target/starter-webflux.classpath")"
      dev.sseboot.bench.reactive.StarterWebFluxBenchApplication "--port=$PORT" "--rate=$RATE") ;;
  *) echo "profile.sh: unknown server '$SERVER'" >&2; exit 2 ;;
esac
taskset -c 0 java "${JVM[@]}" "${COMMAND[@]}" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  if curl -s -o /dev/null -m 1 "http://127.0.0.1:$PORT/"; then break; fi
  sleep 1
done
sleep 3
jcmd "$SERVER_PID" GC.class_histogram > "$OUT/histo-0.txt"
jcmd "$SERVER_PID" VM.native_memory summary > "$OUT/nmt-0.txt"
jcmd "$SERVER_PID" JFR.start name=window settings=profile > /dev/null
taskset -c 1 java -Xms2g -Xmx2g -Xmn1g -XX:+UseSerialGC -cp "$CP" dev.sseboot.bench.load.LoadMain \
  "--url=http://127.0.0.1:$PORT/events/bench" "--streams=$STREAMS" "--ramp=$RAMP" "--window=$WINDOW" > "$OUT/load.json" &
LOAD_PID=$!
sleep $(( WINDOW / 2 + 8 ))
jcmd "$SERVER_PID" GC.class_histogram > "$OUT/histo-1.txt"
jcmd "$SERVER_PID" VM.native_memory summary > "$OUT/nmt-1.txt"
wait "$LOAD_PID"
jcmd "$SERVER_PID" JFR.stop name=window "filename=$OUT/window.jfr" > /dev/null
echo "profile.sh: $OUT"
