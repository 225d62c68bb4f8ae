#!/usr/bin/env bash
# What slow request bodies cost everyone else (issue 13): the server under the usual wrk load (the documented
# message POST, bench/wrk/post-message.lua) and a wrk load of GET /health, first alone, then while SLOW connections
# (500) each send a send's headers and then its body one byte per second (bench/slow/slow_bodies.py, which reopens
# every connection the server closes, so SLOW stay open). Prints one line per run: req/s, p50, p99 and errors of the
# other clients, and writes them to bench/results/slow-bodies-<UTC time>/. Nothing here asserts a time.
#   SLOW=500 ROUNDS=2 DURATION=15 WARMUP=15 STORES="memory embedded" bench/slow-bodies.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SLOW=${SLOW:-500} ROUNDS=${ROUNDS:-2} DURATION=${DURATION:-15} WARMUP=${WARMUP:-15} STORES=${STORES:-"memory embedded"}
PORT=${PORT:-18490} JAR=server/target/messaging-server.jar
RESULTS=bench/results/slow-bodies-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"
command -v wrk >/dev/null && command -v jq >/dev/null || { echo "needs wrk and jq (apt-get install wrk jq)" >&2; exit 1; }
[[ -f $JAR ]] || mvn -B -q -pl server -am package -DskipTests
HEADERS=(-H "Authorization: Bearer emulator-dev-token" -H "channel-id: c0ffee00-0000-4000-8000-000000000001"
         -H "organization-id: c0ffee00-0000-4000-8000-000000000002" -H "Content-Type: application/json")
SERVER= SLOWPID=
trap 'kill $SLOWPID $SERVER 2>/dev/null || true' EXIT
ulimit -n 65536 2>/dev/null || true

run() { # label store slow? seconds
    local out=$RESULTS/$1.$2.$3
    RESULT_FILE=$out.send.json CONV_ID=$CONV BODY_FILE=bench/wrk/message.json \
        wrk -t1 -c16 -d"$4s" --latency -s bench/wrk/post-message.lua "http://127.0.0.1:$PORT/" >"$out.send.txt" 2>&1 &
    local w=$!
    wrk -t1 -c4 -d"$4s" --latency "http://127.0.0.1:$PORT/health" >"$out.health.txt" 2>&1
    wait $w
    local hp99 hrps
    hrps=$(awk '/Requests\/sec/ {print $2}' "$out.health.txt")
    hp99=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
        print (u == "s" ? v * 1000 : u == "us" ? v / 1000 : v) }' "$out.health.txt")
    jq -c --arg s "$2" --arg slow "$3" --arg hrps "$hrps" --arg hp99 "$hp99" \
        '{store: $s, slow_bodies: $slow, send_rps: (.rps | floor), send_p50_ms: .p50_ms, send_p99_ms: .p99_ms,
          send_errors: .errors, health_rps: ($hrps | tonumber | floor), health_p99_ms: ($hp99 | tonumber)}' "$out.send.json" | tee -a "$RESULTS/results.jsonl"
}

for store in $STORES; do
    args=(--port "$PORT")
    [[ $store == memory ]] && args+=(--in-memory) || args+=(--data-dir "$(mktemp -d)")
    java -Xms1g -Xmx1g -jar "$JAR" "${args[@]}" >"$RESULTS/server.$store.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
    CONV=$(curl -s "${HEADERS[@]}" -d '{}' "http://127.0.0.1:$PORT/api/v1.0/consumer/conversation/create" | jq -r .conversationId)
    run warmup "$store" 0 "$WARMUP" >/dev/null
    for round in $(seq 1 "$ROUNDS"); do
        run "round$round" "$store" 0 "$DURATION"
        python3 bench/slow/slow_bodies.py 127.0.0.1 "$PORT" "$SLOW" "$CONV" >"$RESULTS/slow.$store.$round.log" 2>&1 &
        SLOWPID=$!
        for _ in $(seq 1 60); do grep -q READY "$RESULTS/slow.$store.$round.log" && break; sleep 1; done
        sleep 2
        run "round$round" "$store" "$SLOW" "$DURATION"
        tail -1 "$RESULTS/slow.$store.$round.log"
        kill $SLOWPID; wait $SLOWPID 2>/dev/null || true; SLOWPID=
    done
    kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$RESULTS/load.txt"
