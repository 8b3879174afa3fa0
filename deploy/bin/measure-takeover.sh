#!/usr/bin/env bash
# Kills the first instance of every service (ingest, classifier, scheduler, notifier) with SIGKILL in the middle of a
# load, on a stack started with `./afterhours up --replicas 2`, and reports what the other instances did about it:
# every message still classified and timed (none lost), every emergency paged once (none twice), how long the killed
# instances' partitions (and the scheduler's timers) waited before someone took them over, and whether an emergency
# posted to the second ingest while the first is dead is taken and paged.
#   deploy/bin/measure-takeover.sh [rate per second, default 20] [load seconds, default 180] [kill after, default 45]
# Needs the benchmarks jar (./mvnw -q -DskipTests package builds it). The supervisor restarts the killed processes,
# as any orchestrator would; the surviving instance takes their partitions when the group notices the death.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
source deploy/bin/select-jdk.sh
afterhours_select_jdk
STACK_DIR=${AFTERHOURS_STACK_DIR:-$ROOT/.stack}
RATE=${1:-20} SECONDS_OF_LOAD=${2:-180} KILL_AFTER=${3:-45}
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -q -DskipTests package" >&2; exit 1; }
for name in ingest2 classifier2 scheduler2 notifier2; do
  grep -q " $name\$" "$STACK_DIR/pids" 2>/dev/null \
    || { echo "no second instance ($name) running: start the stack with ./afterhours up --replicas 2" >&2; exit 1; }
done

OUT=$(mktemp -d)
echo "load: $RATE msg/s for ${SECONDS_OF_LOAD}s (5% emergencies); kill -9 of the first ingest, classifier, scheduler, notifier after ${KILL_AFTER}s; output in $OUT"
java -cp "$JAR" dev.afterhours.benchmarks.load.PipelineLoad --mode kafka --rate "$RATE" --duration "$SECONDS_OF_LOAD" \
  --emergency-share 0.05 --report-every 5 --relay-records 0 > "$OUT/load.log" 2>&1 &
LOAD=$!
trap 'kill $LOAD 2>/dev/null || true' EXIT
sleep "$KILL_AFTER"
pids=()
for name in ingest classifier scheduler notifier; do pids+=("$(awk -v n="$name" '$2 == n {print $1}' "$STACK_DIR/pids")"); done
echo "$(date -u +%T) killing the first instance of ingest, classifier, scheduler and notifier (pids ${pids[*]})"
# An emergency posted over HTTP to the second ingest while the first is dead: accepted at once, paged once the
# groups have taken over (the load itself writes to Kafka directly, so it does not pass through ingest).
( sleep 3
  token=$(./afterhours token ada)
  curl -sS -o "$OUT/post.json" -w "%{http_code}" -H @<(printf 'Authorization: Bearer %s\n' "$token") \
    -H 'Content-Type: application/json' "http://127.0.0.1:$(( ${AFTERHOURS_INGEST_PORT:-8180} + 10 ))/api/v1/messages" \
    -d "{\"channel\":\"SMS\",\"providerMessageId\":\"takeover-$(date +%s)\",\"from\":\"+15550100001\",\"to\":[\"+15550199911\"],\"body\":\"site is down, customers see an error page\"}" \
    > "$OUT/post.status"
  echo "$(date -u +%T) posted an emergency to the second ingest while the first was dead: HTTP $(cat "$OUT/post.status") $(cat "$OUT/post.json")"
) &
POST=$!
java -cp "$ROOT/deploy/target/stack/kafka-libs/*" deploy/local/TakeoverWatch.java "127.0.0.1:${AFTERHOURS_KAFKA_PORT:-9092}" \
  "${pids[@]}" | tee "$OUT/takeover.log"
wait $POST || true
posted=$(sed -n 's/.*"messageId":"\([^"]*\)".*/\1/p' "$OUT/post.json" 2>/dev/null || true)
if [ -n "$posted" ]; then
  for _ in $(seq 1 60); do grep -q "$posted" "$STACK_DIR/pages.log" 2>/dev/null && break; sleep 1; done
  if grep -q "$posted" "$STACK_DIR/pages.log" 2>/dev/null; then
    echo "the emergency posted to the second ingest was paged ($(grep -c "$posted" "$STACK_DIR/pages.log") page(s) in pages.log)"
  else
    echo "the emergency posted to the second ingest was NOT paged within 60s of the takeover"
  fi
fi
wait $LOAD || true
trap - EXIT
echo
echo "== the load, through the kill =="
sed -n '/== summary/,$p' "$OUT/load.log"
echo "(load log: $OUT/load.log; service logs: $STACK_DIR/logs/)"
