#!/usr/bin/env bash
# The in-process cost a test pays for the emulator (the JUnit extension's way of starting it), beside a bare Jersey
# start in the same run: in fresh JVMs, interleaved (server, bare Jersey, server, ...), each JVM times
#   - the first start to the first 200 of a create (MessagingServer.start, in memory, port 0, no request log),
#   - the starts after it in the same JVM (the second one: a test class after another),
#   - resets of a server holding CONVERSATIONS conversations (the server only),
# and the script adds the time from launching the JVM to that first 200. Prints medians and writes everything to
# RESULTS. Nothing here is a test; see bench/README.md ("In-process start and reset").
#
# Environment (defaults in brackets):
#   RUNS [10]            fresh JVMs per contender
#   STARTS [5]           starts per JVM (the first, the second, ...)
#   RESETS [50]          resets per server JVM, each after CONVERSATIONS creates with a start message
#   CONVERSATIONS [100]
#   JVM_OPTS []          flags of every JVM (a test JVM usually runs with the defaults)
#   BUILD [auto]         auto: build what is missing or older than its sources; always; never
#   SERVER_JAR, BASELINE_JAR   jars to use [server/target/messaging-server.jar, bench/baseline/target/bench-baseline.jar]
#   RESULTS              output folder [bench/results/start-<UTC timestamp>]
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RUNS=${RUNS:-10}
STARTS=${STARTS:-5}
RESETS=${RESETS:-50}
CONVERSATIONS=${CONVERSATIONS:-100}
JVM_OPTS=${JVM_OPTS:-}
BUILD=${BUILD:-auto}
SERVER_JAR=${SERVER_JAR:-$ROOT/server/target/messaging-server.jar}
BASELINE_JAR=${BASELINE_JAR:-$BENCH_DIR/baseline/target/bench-baseline.jar}
RESULTS=${RESULTS:-$BENCH_DIR/results/start-$(date -u +%Y%m%dT%H%M%SZ)}
CLASSES=$BENCH_DIR/start/target/classes

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

stale() { # jar source-dir...: true when the jar must be (re)built
    local jar=$1
    shift
    [[ $BUILD == always || ! -f $jar ]] && return 0
    [[ $BUILD == never ]] && return 1
    [[ -n $(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null) ]]
}

mkdir -p "$RESULTS"
if stale "$SERVER_JAR" "$ROOT/server/src/main" "$ROOT/server/pom.xml" "$ROOT/api-spec/src"; then
    log "building the server jar (mvn -pl server -am package, nothing installed)"
    (cd "$ROOT" && mvn -B -q -pl server -am package -Dmaven.test.skip=true >"$RESULTS/mvn.log" 2>&1) \
        || { tail -n 30 "$RESULTS/mvn.log" >&2; die "server build failed"; }
fi
if stale "$BASELINE_JAR" "$BENCH_DIR/baseline/src" "$BENCH_DIR/baseline/pom.xml"; then
    log "building the bare-Jersey baseline"
    mvn -B -q -f "$BENCH_DIR/baseline/pom.xml" package >"$RESULTS/mvn-baseline.log" 2>&1 \
        || { tail -n 30 "$RESULTS/mvn-baseline.log" >&2; die "baseline build failed"; }
fi
rm -rf "$CLASSES" && mkdir -p "$CLASSES"
javac -d "$CLASSES" -cp "$SERVER_JAR:$BASELINE_JAR" "$BENCH_DIR"/start/src/io/github/ccmessaging/bench/start/*.java \
    || die "the harness does not compile"

busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
children_ticks() { # sets CHILD_TICKS: user + system time of this shell's finished children, in clock ticks
    times >"$RESULTS/.times" # in this shell: in a pipe or $(...), a subshell would report its own children
    CHILD_TICKS=$(awk -v hz="$(getconf CLK_TCK)" 'NR == 2 {
        split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz }' \
        "$RESULTS/.times")
}

{
    echo "date:     $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "machine:  $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p')), $(free -h | awk '/^Mem:/ {print $2}') memory"
    echo "java:     $(java -version 2>&1 | sed -n 2p)"
    echo "jvm opts: ${JVM_OPTS:-(defaults)}"
    echo "runs:     $RUNS JVMs per contender, $STARTS starts each; $RESETS resets of $CONVERSATIONS conversations"
    echo "server:   sha256 $(sha256sum "$SERVER_JAR" | cut -c1-12), tree $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"
    echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
} | tee "$RESULTS/machine.txt" >&2

: >"$RESULTS/runs.jsonl"
busy0=$(busy_ticks)
children_ticks
mine0=$CHILD_TICKS
t_run=$(date +%s%N)
for ((run = 1; run <= RUNS; run++)); do
    for contender in server jersey; do
        if [[ $contender == server ]]; then
            main=io.github.ccmessaging.bench.start.ServerStarts
            jar=$SERVER_JAR
            args=(--starts "$STARTS" --resets "$RESETS" --conversations "$CONVERSATIONS")
        else
            main=io.github.ccmessaging.bench.start.JerseyStarts
            jar=$BASELINE_JAR
            args=(--starts "$STARTS")
        fi
        t0=$(date +%s%N)
        # shellcheck disable=SC2086
        line=$(java $JVM_OPTS -cp "$jar:$CLASSES" "$main" "${args[@]}" 2>>"$RESULTS/$contender.stderr.log" | tail -n 1)
        jq -e . >/dev/null <<<"$line" || die "$contender run $run printed no result (see $RESULTS/$contender.stderr.log)"
        jq -c --argjson t0 "$((t0 / 1000000))" --argjson run "$run" \
            '. + {run: $run, launch_ms: (.answered_at_epoch_ms - $t0)}' <<<"$line" >>"$RESULTS/runs.jsonl"
        log "$contender run $run: $(jq -r '"first 200 \(.first_ms) ms in-process (\(.launch_ms) ms from launch), second start \(.second_ms) ms" + (if .reset_ms then ", reset \(.reset_ms) ms" else "" end)' <<<"$(tail -n 1 "$RESULTS/runs.jsonl")")"
    done
done
elapsed=$((($(date +%s%N) - t_run) / 1000000))
children_ticks
other=$(awk -v b="$(($(busy_ticks) - busy0))" -v m="$((CHILD_TICKS - mine0))" -v ms="$elapsed" \
    -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" 'BEGIN { o = (b - m) / hz / (ms / 1000 * n) * 100; printf "%.0f", (o < 0 ? 0 : o) }')
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) after the run; other processes used ${other} % of the CPU during it" \
    | tee -a "$RESULTS/machine.txt" >&2

jq -rs '
  def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
                     else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def f: if . == null then "–" elif . >= 100 then (round | tostring) elif . >= 1 then (. * 100 | round / 100 | tostring)
         else (. * 1000 | round / 1000 | tostring) end;
  (map(select(.contender == "server"))) as $s | (map(select(.contender == "jersey"))) as $j
  | {s_first: ($s | map(.first_ms) | median), j_first: ($j | map(.first_ms) | median),
     s_launch: ($s | map(.launch_ms) | median), j_launch: ($j | map(.launch_ms) | median),
     s_second: ($s | map(.second_ms) | median), j_second: ($j | map(.second_ms) | median),
     s_last: ($s | map(.starts_ms[-1]) | median), j_last: ($j | map(.starts_ms[-1]) | median),
     reset: ($s | map(.reset_ms) | median), first_reset: ($s | map(.first_reset_ms) | median),
     empty_reset: ($s | map(.reset_empty_ms) | median), n: ($s | length),
     conversations: ($s[0].reset_conversations)} as $m
  | "| medians of \($m.n) fresh JVMs each | this server (in memory, as the JUnit extension starts it) | bare Jersey + Grizzly + Jackson | server ÷ bare Jersey |",
    "|---|---:|---:|---:|",
    "| first start → first 200, in-process | \($m.s_first | f) ms | \($m.j_first | f) ms | \(($m.s_first / $m.j_first) | f) |",
    "| JVM launch → first 200 | \($m.s_launch | f) ms | \($m.j_launch | f) ms | \(($m.s_launch / $m.j_launch) | f) |",
    "| second start in the same JVM → first 200 | \($m.s_second | f) ms | \($m.j_second | f) ms | \(($m.s_second / $m.j_second) | f) |",
    "| last start of the JVM → first 200 | \($m.s_last | f) ms | \($m.j_last | f) ms | \(($m.s_last / $m.j_last) | f) |",
    "| reset of \($m.conversations) conversations (median per JVM; the first reset of the JVM) | \($m.reset | f) ms (\($m.first_reset | f) ms) | | |",
    "| reset of an empty server | \($m.empty_reset | f) ms | | |",
    "",
    "| goal | measured | verdict |",
    "|---|---|---|",
    "| second start ≤ 300 ms | \($m.s_second | f) ms | \(if $m.s_second <= 300 then "met" else "MISSED" end) |",
    "| reset ≤ 5 ms | \($m.reset | f) ms | \(if $m.reset <= 5 then "met" else "MISSED" end) |",
    "| first start, as a ratio to bare Jersey | \(($m.s_first / $m.j_first) | f) × | reported |"
' "$RESULTS/runs.jsonl" | tee "$RESULTS/table.md"
