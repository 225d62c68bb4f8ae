#!/usr/bin/env bash
# Benchmarks this server against the bare framework (Jersey + Grizzly + Jackson), a stub server (WireMock) and a
# spec-driven mock (Prism), on the same work, on this machine, in one run: the same POST of a documented `message`
# activity to an existing conversation, driven by wrk on loopback. Prints one table (median of the measured rounds)
# and, unless JMH=0, the in-process JMH figures of the server's hot path. See bench/README.md.
#
# Environment (defaults in brackets):
#   WARMUP [60]        seconds of unmeasured load per contender before the measured rounds
#   ROUNDS [3]         measured rounds, interleaved across contenders (A B C A B C ...)
#   DURATION [20]      seconds per measured round
#   THREADS [2] CONNECTIONS [32]   wrk's -t and -c
#   STARTS [3]         starts per contender for start-to-first-200 (the last one is kept for the load)
#   JVM_OPTS           flags of every JVM contender [-Xms1g -Xmx1g -Xmn128m -XX:+UseParallelGC ...]
#   CONTENDERS         names to run [auto: server (when the server has --data-dir) server-pg (when BENCH_DATABASE_URL
#                      is set) server-mem server-mem-nojournal (when it has --journal-size: the same without its
#                      request journal) baseline wiremock prism]; also server-pg2 (two instances on one database, a
#                      wrk each), server-nofp and server-mem-nofp (--no-fast-path);
#   BENCH_DATABASE_URL a jdbc:postgresql:// URL for the server-pg contender (user and password from
#                      MESSAGING_DATABASE_USER / MESSAGING_DATABASE_PASSWORD) [unset: no server-pg]
#                      x_NAME runs the command line in the variable x_NAME ({jvm}: JVM_OPTS, {port}: the port,
#                      {dir}: a data directory of its own)
#   JMH [1]            1: run the JMH benchmark after the load; 0: skip it
#   LOAD [1]           1: run the load (wrk) part; 0: skip it (e.g. LOAD=0 for the JMH figures alone)
#   STARTCOST [1]      1: time the in-process start, second start and reset (bench/start-cost.sh); 0: skip it
#   START_RUNS [10]    fresh JVMs per contender for STARTCOST
#   JMH_OPTS           JMH command line [-wi 5 -w 1 -i 3 -r 1 -f 1 -prof gc]
#   JFR [0]            1: record JFR (settings=profile) in every JVM contender and summarize the hot frames
#   CDS [0]            1: every JVM contender runs with an application class-data archive (AppCDS) of its own, made
#                      by a training start before the timed ones (started, its first create and one send, stopped)
#   BUILD [auto]       auto: build a jar when it is missing or older than its sources; always; never
#   SERVER_JAR         the server jar measured [server/target/messaging-server.jar]; another build of it (say, of an
#                      earlier commit) with BUILD=never
#   PORT_BASE [18400]  contender i listens on PORT_BASE + i, on 127.0.0.1 only
#   PIN                S:L runs every contender on the CPUs S and wrk (and the console scenario's stream harness) on
#                      the CPUs L (taskset -c lists, e.g. PIN=0:1): the contender's figures then pay for its own work
#                      only, not for the load generator's; off: everything shares every core [console on a machine of
#                      2 cores or more: 0:1-<last>; otherwise off]
#   RESULTS            output folder [bench/results/<UTC timestamp>]
#   SCENARIO [all]     all: the comparison above (every request a send to one conversation: the worst case of a
#                      durable store); realistic: CONVERSATIONS [1000] conversations created beforehand, then
#                      requests across them at random (bench/wrk/realistic.lua): SEND_PCT [80] % sends, READ_PCT [15] %
#                      message-list reads, the rest creates — contenders by default server, server-pg, server-pg2,
#                      server-mem, baseline; console: the agent console's streams instead — this server
#                      (CONSOLE_CONTENDER [server-mem]) under the same wrk load, without and with STREAMS [100] open
#                      event streams (GET /emulator/stream) held by bench/console (WATCH [other]: a second channel;
#                      same: the loaded channel itself), PROBE_RATE [20] probe messages per second timed from request
#                      to every stream; ROUNDS pairs of DURATION-second runs after WARMUP, each run after SETTLE [20]
#                      seconds of the same load, not measured (the JIT recompiles what opening 100 streams changed
#                      before the steady state is measured). See bench/README.md.
set -uo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
TOOLS=$BENCH_DIR/.tools

WARMUP=${WARMUP:-60}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
STARTS=${STARTS:-3}
JVM_OPTS=${JVM_OPTS:--Xms1g -Xmx1g -Xmn128m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}
CONTENDERS=${CONTENDERS:-auto}
JMH=${JMH:-1}
LOAD=${LOAD:-1}
STARTCOST=${STARTCOST:-1}
START_RUNS=${START_RUNS:-10}
JMH_OPTS=${JMH_OPTS:--wi 5 -w 1 -i 3 -r 1 -f 1 -prof gc}
JFR=${JFR:-0}
CDS=${CDS:-0}
BUILD=${BUILD:-auto}
PORT_BASE=${PORT_BASE:-18400}
START_TIMEOUT=${START_TIMEOUT:-60}
PRISM_VERSION=${PRISM_VERSION:-5.14.2}
RESULTS=${RESULTS:-$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)}

SPEC=$ROOT/api-spec/src/main/resources/openapi/messaging-api.yaml
SERVER_JAR=${SERVER_JAR:-$ROOT/server/target/messaging-server.jar}
SERVER_SOURCE_JAR=$SERVER_JAR
BASELINE_JAR=$BENCH_DIR/baseline/target/bench-baseline.jar
JMH_JAR=$BENCH_DIR/jmh/target/benchmarks.jar
CONSOLE_JAR=$BENCH_DIR/console/target/console-streams.jar
SCENARIO=${SCENARIO:-all}
CONVERSATIONS=${CONVERSATIONS:-1000}
SEND_PCT=${SEND_PCT:-80}
READ_PCT=${READ_PCT:-15}
STREAMS=${STREAMS:-100}
WATCH=${WATCH:-other}
PROBE_RATE=${PROBE_RATE:-20}
SETTLE=${SETTLE:-20}
CONSOLE_CONTENDER=${CONSOLE_CONTENDER:-server-mem}
PIN=${PIN:-}
if [[ -z $PIN && $SCENARIO == console ]] && (($(nproc) >= 2)); then
    PIN=0:1$( (($(nproc) > 2)) && echo "-$(($(nproc) - 1))")
fi
[[ $PIN == off ]] && PIN=
SERVER_CPUS=${PIN%%:*}
LOAD_CPUS=${PIN#*:}
[[ -z $PIN || ( $PIN == *:* && -n $SERVER_CPUS && -n $LOAD_CPUS ) ]] || { echo "PIN: S:L, e.g. 0:1" >&2; exit 2; }
LUA=$BENCH_DIR/wrk/post-message.lua
[[ $SCENARIO == realistic ]] && LUA=$BENCH_DIR/wrk/realistic.lua
CREATE_FILE=$BENCH_DIR/wrk/create.json
BODY_FILE=$BENCH_DIR/wrk/message.json
WIREMOCK_VERSION=$(sed -n 's:.*<wiremock.version>\(.*\)</wiremock.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
WIREMOCK_JAR=$TOOLS/wiremock-standalone-$WIREMOCK_VERSION.jar
PRISM=$TOOLS/node_modules/.bin/prism

CHANNEL_ID=c0ffee00-0000-4000-8000-000000000001
ORGANIZATION_ID=c0ffee00-0000-4000-8000-000000000002
CREATE_PATH=/api/v1.0/consumer/conversation/create
HEADERS=(-H "channel-id: $CHANNEL_ID" -H "organization-id: $ORGANIZATION_ID"
         -H "Authorization: Bearer emulator-dev-token" -H "Content-Type: application/json")

declare -A PORT PID CONV LABEL EXTRA_JVM TWIN
STARTED_PIDS=()
HELPER_PIDS=()

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# Prefixes of the contenders' and the load's command lines under PIN (taskset execs: $! stays the command's pid).
SERVER_PIN=() LOAD_PIN=()
[[ -n $PIN ]] && SERVER_PIN=(taskset -c "$SERVER_CPUS") LOAD_PIN=(taskset -c "$LOAD_CPUS")

# ---------------------------------------------------------------------------------------------------------------------
# Cleanup: stop everything this script started, whatever way it ends.

stop_pid() { # pid [seconds to wait for it to exit before it is killed, 10]
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < ${2:-10} * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    return 0
}

cleanup() {
    local pid
    trap - EXIT INT TERM
    for pid in "${HELPER_PIDS[@]}" "${STARTED_PIDS[@]}"; do
        stop_pid "$pid"
    done
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------------
# Build what is needed.

apt_updated=0
need_apt() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    log "installing $2 (apt)"
    if [[ $apt_updated == 0 ]]; then
        apt-get update -qq >/dev/null || die "apt-get update failed"
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null || die "cannot install $2"
}

stale() { # jar source-dir... : true when the jar must be (re)built
    local jar=$1
    shift
    [[ $BUILD == always || ! -f $jar ]] && return 0
    [[ $BUILD == never ]] && return 1
    [[ -n $(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null) ]]
}

mvn_build() { # maven arguments: offline first, then online (the first build fetches plugins and JMH)
    mvn -B -q -o "$@" >"$RESULTS/logs/mvn.log" 2>&1 || mvn -B -q "$@" >"$RESULTS/logs/mvn.log" 2>&1 \
        || { tail -n 30 "$RESULTS/logs/mvn.log" >&2; return 1; }
}

# What the console scenario needs: the server jar (packaged, never installed) and the stream harness.
build_console() {
    need_apt wrk wrk
    need_apt jq jq
    need_apt curl curl
    if stale "$SERVER_JAR" "$ROOT/server/src/main" "$ROOT/server/pom.xml" "$ROOT/api-spec/src" "$ROOT/pom.xml"; then
        log "building the server (mvn -pl api-spec,server -am package)"
        (cd "$ROOT" && mvn_build -pl api-spec,server -am package -Dmaven.test.skip=true) || die "server build failed"
    fi
    if stale "$CONSOLE_JAR" "$BENCH_DIR/console/src" "$BENCH_DIR/console/pom.xml"; then
        log "building the console stream harness"
        mvn_build -f "$BENCH_DIR/console/pom.xml" package || die "console harness build failed"
    fi
}

build() {
    need_apt wrk wrk
    need_apt jq jq
    need_apt curl curl
    command -v java >/dev/null || die "java is not on the PATH"
    if stale "$SERVER_JAR" "$ROOT/server/src/main" "$ROOT/server/pom.xml" "$ROOT/api-spec/src" "$ROOT/pom.xml"; then
        log "building the server (mvn -pl api-spec,server -am install)"
        (cd "$ROOT" && mvn_build -pl api-spec,server -am install -Dmaven.test.skip=true) || die "server build failed"
    fi
    if stale "$BASELINE_JAR" "$BENCH_DIR/baseline/src" "$BENCH_DIR/baseline/pom.xml"; then
        log "building the bare-Jersey baseline"
        mvn_build -f "$BENCH_DIR/baseline/pom.xml" package || die "baseline build failed"
    fi
    if [[ $JMH == 1 ]] && stale "$JMH_JAR" "$BENCH_DIR/jmh/src" "$BENCH_DIR/jmh/pom.xml" "$SERVER_JAR"; then
        log "building the JMH benchmark"
        mvn_build -f "$BENCH_DIR/jmh/pom.xml" package || die "JMH build failed"
    fi
    mkdir -p "$TOOLS"
    if [[ ! -f $WIREMOCK_JAR ]]; then
        log "fetching WireMock $WIREMOCK_VERSION standalone (Maven Central)"
        mvn_build -N -f "$ROOT/pom.xml" dependency:copy \
            "-Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" "-DoutputDirectory=$TOOLS" \
            || die "cannot fetch WireMock"
    fi
    if [[ ! -x $PRISM ]]; then
        command -v npm >/dev/null || die "npm is needed for Prism"
        log "installing @stoplight/prism-cli@$PRISM_VERSION (npm)"
        npm install --prefix "$TOOLS" --no-audit --no-fund "@stoplight/prism-cli@$PRISM_VERSION" \
            >"$RESULTS/logs/npm.log" 2>&1 || die "cannot install Prism (see $RESULTS/logs/npm.log)"
    fi
}

# ---------------------------------------------------------------------------------------------------------------------
# The contenders. To add one: give it a label, a command line, and put its name in the default list.

SERVER_HELP=""
server_has() { grep -q -- "$1" <<<"$SERVER_HELP"; }

label_of() {
    case $1 in
        server) echo "this server (embedded store)" ;;
        server-mem) echo "this server (in-memory)" ;;
        server-mem-nojournal) echo "this server (in-memory, no request journal)" ;;
        server-pg) echo "this server (PostgreSQL)" ;;
        server-pg2) echo "this server (PostgreSQL, 2 instances)" ;;
        server-nofp) echo "this server (embedded store, --no-fast-path)" ;;
        server-mem-nofp) echo "this server (in-memory, --no-fast-path)" ;;
        baseline) echo "bare Jersey+Grizzly+Jackson" ;;
        wiremock) echo "WireMock $WIREMOCK_VERSION" ;;
        prism) echo "Prism $(node -p "require('$TOOLS/node_modules/@stoplight/prism-cli/package.json').version" 2>/dev/null)" ;;
        *) echo "$1" ;;
    esac
}

is_jvm() { [[ $1 != prism ]]; }  # x_* contenders count as JVMs for JFR=1

# Sets CMD to the command line of contender $1 on port $2; $3 is a fresh folder it may use.
command_of() {
    local name=$1 port=$2 dir=$3 jvm=($JVM_OPTS ${EXTRA_JVM[$1]:-})
    if [[ $JFR == 1 ]]; then
        jvm+=("-XX:StartFlightRecording=settings=profile,filename=$RESULTS/$name.jfr,dumponexit=true")
    fi
    case $name in
        server) CMD=(java "${jvm[@]}" -jar "$SERVER_JAR" --port "$port" --data-dir "$dir") ;;
        server-nofp) CMD=(java "${jvm[@]}" -jar "$SERVER_JAR" --port "$port" --data-dir "$dir" --no-fast-path) ;;
        server-pg|server-pg2|server-pg2.b)
            # user and password come from MESSAGING_DATABASE_USER / MESSAGING_DATABASE_PASSWORD in the environment;
            # server-pg2 is two instances on the same database (server-pg2.b the second), each loaded by its own wrk
            CMD=(java "${jvm[@]}" -jar "$SERVER_JAR" --port "$port" --database-url "$BENCH_DATABASE_URL") ;;
        server-mem-nofp) CMD=(java "${jvm[@]}" -jar "$SERVER_JAR" --port "$port" --in-memory --no-fast-path) ;;
        server-mem)
            CMD=(java "${jvm[@]}" -jar "$SERVER_JAR" --port "$port")
            server_has --in-memory && CMD+=(--in-memory)
            ;;
        server-mem-nojournal)
            # the request journal (on by default, GET /emulator/requests) turned off: what it costs is the difference
            CMD=(java "${jvm[@]}" -jar "$SERVER_JAR" --port "$port" --in-memory --journal-size 0)
            ;;
        baseline) CMD=(java "${jvm[@]}" -jar "$BASELINE_JAR" --port "$port") ;;
        wiremock)
            # the options WireMock recommends for load: no request journal (it would keep every request), no logging
            CMD=(java "${jvm[@]}" -jar "$WIREMOCK_JAR" --port "$port" --bind-address 127.0.0.1
                 --root-dir "$BENCH_DIR/wiremock" --no-request-journal --disable-request-logging --disable-banner)
            ;;
        prism) CMD=("$PRISM" mock -h 127.0.0.1 -p "$port" -v warn "$SPEC") ;;
        x_*)
            # an ad-hoc contender for experiments: its command line is in the variable of the same name, with {jvm}
            # standing for the JVM flags, {port} for the port and {dir} for a data directory of its own, e.g.
            #   x_nolog='java {jvm} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar server.jar --port {port}'
            [[ -n ${!name:-} ]] || die "contender $name: set $name to its command line"
            local line=${!name}
            line=${line//\{port\}/$port}
            line=${line//\{jvm\}/${jvm[*]}}
            line=${line//\{dir\}/$dir}
            read -r -a CMD <<<"$line"
            ;;
        *) die "unknown contender $name" ;;
    esac
}

default_contenders() {
    if [[ $SCENARIO == realistic ]]; then
        echo "server ${BENCH_DATABASE_URL:+server-pg server-pg2 }server-mem baseline"
    elif server_has --journal-size; then
        echo "server ${BENCH_DATABASE_URL:+server-pg }server-mem server-mem-nojournal baseline wiremock prism"
    elif server_has --data-dir; then
        echo "server ${BENCH_DATABASE_URL:+server-pg }server-mem baseline wiremock prism"
    else
        echo "server-mem baseline wiremock prism"
    fi
}

# ---------------------------------------------------------------------------------------------------------------------
# Starting, probing, loading.

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts contender $1 (start number $2); sets STARTED_PID and STARTED_MS (process start to the first 200 of create).
start_contender() {
    local name=$1 n=$2 port=${PORT[$1]} dir=$RESULTS/data/$1.$2 t0 code deadline
    mkdir -p "$dir"
    command_of "$name" "$port" "$dir"
    port_busy "$port" && die "port $port is already in use"
    t0=$(date +%s%N)
    "${SERVER_PIN[@]}" "${CMD[@]}" >"$RESULTS/logs/$name.$n.log" 2>&1 &
    STARTED_PID=$!
    STARTED_PIDS+=("$STARTED_PID")
    deadline=$(($(date +%s) + START_TIMEOUT))
    while (($(date +%s) < deadline)); do
        kill -0 "$STARTED_PID" 2>/dev/null || die "$name exited at start (see $RESULTS/logs/$name.$n.log)"
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${HEADERS[@]}" -d '{}' \
            "http://127.0.0.1:$port$CREATE_PATH" 2>/dev/null)
        if [[ $code == 200 ]]; then
            STARTED_MS=$((($(date +%s%N) - t0) / 1000000))
            STARTED_CPU_MS=$(($(cpu_ticks "$STARTED_PID") * 1000 / TICK))
            return 0
        fi
        sleep 0.01
    done
    die "$name answered no 200 within ${START_TIMEOUT}s (see $RESULTS/logs/$name.$n.log)"
}

# Creates the conversation the load goes to, and checks that the load's request gets a documented answer.
prepare_conversation() {
    local name=$1 port=${PORT[$1]} cid body answer
    cid=$(curl -s --max-time 5 "${HEADERS[@]}" -d '{}' "http://127.0.0.1:$port$CREATE_PATH" | jq -r .conversationId)
    [[ $cid =~ ^[0-9a-f-]{36}$ ]] || die "$name: create returned no conversationId"
    CONV[$name]=$cid
    body=$(sed "s/CONVERSATION_ID/$cid/" "$BODY_FILE")
    answer=$(curl -s --max-time 5 "${HEADERS[@]}" -d "$body" "http://127.0.0.1:$port/api/v1.0/consumer/conversation/$cid")
    jq -e '(.messageId | type == "string" and test("^[0-9]{13}$")) and has("message")' <<<"$answer" >/dev/null \
        || die "$name: the load's request got $answer"
}

# The realistic scenario's conversations: CONVERSATIONS creates over one keep-alive connection (curl's --next), their
# ids one a line in conversations-<name>.txt; then one send of the load's body to the first of them.
prepare_conversations() {
    local name=$1 port=${PORT[$1]} file=$RESULTS/conversations-$1.txt config=$RESULTS/create-$1.curl i n h section
    section="url = \"http://127.0.0.1:$port$CREATE_PATH\""$'\n'"data = \"{}\""$'\n'"write-out = \"\\n\""$'\n'
    for h in "channel-id: $CHANNEL_ID" "organization-id: $ORGANIZATION_ID" "Authorization: Bearer emulator-dev-token" \
             "Content-Type: application/json"; do
        section+="header = \"$h\""$'\n'
    done
    : >"$config"
    for ((i = 0; i < CONVERSATIONS; i++)); do
        ((i > 0)) && echo next >>"$config"
        printf '%s' "$section" >>"$config"
    done
    curl -s --max-time 300 -K "$config" | jq -r .conversationId >"$file" 2>/dev/null
    n=$(grep -cE '^[0-9a-f-]{36}$' "$file")
    ((n == CONVERSATIONS)) || die "$name: $n of $CONVERSATIONS creates returned a conversationId"
    log "$name: $CONVERSATIONS conversations created"
    CONV[$name]=$(head -n 1 "$file")
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime + stime of a pid
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }         # of the whole machine
TICK=$(getconf CLK_TCK)
NCPU=$(nproc)

vm_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# One wrk run against contender $1: phase (warmup|round), round number, seconds. Appends a JSON line to raw.jsonl.
load() {
    local name=$1 phase=$2 round=$3 seconds=$4 out rss peak=0 i=0 hwm=0 alive=true p k
    local busy0 cpu0=0 t0 wrk_cpu=0 tick busy cpu=0 t other threads=$THREADS connections=$CONNECTIONS
    local pids=("${PID[$1]}") ports=("${PORT[$1]}") wrk_pids=() parts=()
    # a contender of two instances (server-pg2): one wrk per instance, each with half the threads and connections
    if [[ -n ${TWIN[$name]:-} ]]; then
        pids+=("${PID[${TWIN[$name]}]}")
        ports+=("${PORT[${TWIN[$name]}]}")
        threads=$(((THREADS + 1) / 2))
        connections=$((CONNECTIONS / 2))
    fi
    out=$RESULTS/wrk/$name.$phase.$round
    busy0=$(busy_ticks)
    for p in "${pids[@]}"; do cpu0=$((cpu0 + $(cpu_ticks "$p"))); done
    t0=$(date +%s%N)
    for k in "${!ports[@]}"; do
        RESULT_FILE=$out.$k.json CONV_ID=${CONV[$name]} BODY_FILE=$BODY_FILE CREATE_FILE=$CREATE_FILE \
            CONVERSATIONS_FILE=$RESULTS/conversations-$name.txt SEND_PCT=$SEND_PCT READ_PCT=$READ_PCT \
            timeout $((seconds + 30)) "${LOAD_PIN[@]}" wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency \
            -s "$LUA" "http://127.0.0.1:${ports[$k]}/" >"$out.$k.txt" 2>&1 &
        wrk_pids+=($!)
        HELPER_PIDS+=($!)
    done
    while kill -0 "${wrk_pids[0]}" 2>/dev/null && ((i < seconds + 40)); do
        for p in "${pids[@]}"; do  # the highest RSS of one instance
            rss=$(vm_kb "$p" VmRSS)
            ((${rss:-0} > peak)) && peak=$rss
        done
        tick=0
        for p in "${wrk_pids[@]}"; do tick=$((tick + $(cpu_ticks "$p"))); done
        ((${tick:-0} > wrk_cpu)) && wrk_cpu=$tick
        sleep 1
        i=$((i + 1))
    done
    for p in "${wrk_pids[@]}"; do wait "$p" 2>/dev/null; done
    busy=$(($(busy_ticks) - busy0))
    for p in "${pids[@]}"; do cpu=$((cpu + $(cpu_ticks "$p"))); done
    cpu=$((cpu - cpu0))
    t=$((($(date +%s%N) - t0) / 1000000))
    # CPU that neither the contender nor wrk used (other processes on the machine): the noise of this round, in %
    other=$(awk -v b="$busy" -v c="$cpu" -v w="$wrk_cpu" -v ms="$t" -v hz="$TICK" -v n="$NCPU" \
        'BEGIN { o = (b - c - w) / hz / (ms / 1000 * n) * 100; printf "%.1f", (o < 0 ? 0 : o) }')
    for p in "${pids[@]}"; do
        rss=$(vm_kb "$p" VmHWM)
        ((${rss:-0} > hwm)) && hwm=$rss
        kill -0 "$p" 2>/dev/null || alive=false
    done
    for k in "${!ports[@]}"; do
        if [[ ! -s $out.$k.json ]]; then
            echo '{"requests":0,"seconds":0,"rps":0,"p50_ms":null,"p90_ms":null,"p99_ms":null,"max_ms":null,"errors":1}' >"$out.$k.json"
        fi
        parts+=("$out.$k.json")
    done
    # two instances: requests, req/s and errors add up; the latencies are those of the slower instance
    jq -s 'if length == 1 then .[0] else
             (reduce .[] as $x ({}; . as $a | $x | to_entries | map({key, value: (if ($a[.key] | type) == "number" and
               (.key | test("^(p50|p90|p99|max)_ms$")) then ([$a[.key], .value] | max) elif ($a[.key] | type) == "number"
               and (.key | test("^(requests|rps|errors|connect|read|write|status|timeout)$")) then $a[.key] + .value
               else .value end)}) | from_entries | $a + .))
           end' "${parts[@]}" >"$out.json"
    jq -c --arg c "$name" --arg p "$phase" --argjson r "$round" --argjson rss "${peak:-0}" --argjson hwm "${hwm:-0}" \
        --argjson alive "$alive" --argjson cpu "$(awk -v c="$cpu" -v hz="$TICK" 'BEGIN { print c / hz }')" \
        --argjson other "$other" \
        '. + {contender: $c, phase: $p, round: $r, rss_kb: $rss, hwm_kb: $hwm, alive: $alive, cpu_s: $cpu, other_cpu_pct: $other}' \
        "$out.json" >>"$RESULTS/raw.jsonl"
    log "  $name $phase $round: $(jq -r '"\(.rps | floor) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, errors \(.errors)"' "$out.json"), RSS $((peak / 1024)) MB, other processes ${other}% CPU"
    [[ $alive == true ]] || die "$name died under load (see $RESULTS/logs/$name.*.log)"
}

# ---------------------------------------------------------------------------------------------------------------------
# Report.

report() {
    local names_json
    names_json=$(printf '%s\n' "${NAMES[@]}" | jq -R . | jq -sc .)
    jq -rs --argjson names "$names_json" --arg scenario "$SCENARIO" --slurpfile starts "$RESULTS/starts.jsonl" --slurpfile labels "$RESULTS/labels.json" '
      def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
                         else (.[length / 2 - 1] + .[length / 2]) / 2 end;
      def r1: if . == null then "–" else (. * 10 | round / 10 | tostring) end;
      def r2: if . == null then "–" else (. * 100 | round / 100 | tostring) end;
      def r0: if . == null then "–" else (round | tostring) end;
      [ .[] | select(.phase == "round") ] as $rounds
      | ($labels[0]) as $labs
      | [ $names[] as $n
          | ($rounds | map(select(.contender == $n))) as $rs
          | { name: $n, label: $labs[$n],
              rps: ($rs | map(.rps) | median), p50: ($rs | map(.p50_ms) | median), p99: ($rs | map(.p99_ms) | median),
              errors: ($rs | map(.errors) | add), rss: ($rs | map(.rss_kb / 1024) | median),
              hwm: ($rs | map(.hwm_kb / 1024) | max),
              start: ($starts | map(select(.contender == $n) | .ms) | median),
              start_cpu: ($starts | map(select(.contender == $n) | .cpu_ms) | median),
              other: ($rs | map(.other_cpu_pct // empty) | median),
              cpu_us: ($rs | map(select(.cpu_s != null and .requests > 0) | .cpu_s / .requests * 1e6) | median),
              per_round: ($rs | sort_by(.round) | map(.rps | floor)) } ] as $rows
      | ($rows | map({key: .name, value: .}) | from_entries) as $by
      | ($by.baseline.rps) as $base
      | ($by.baseline.p99) as $basep99
      | "| contender | req/s | p50 ms | p99 ms | errors | × bare Jersey | RSS MB under load | VmHWM MB | start→first 200 ms (CPU ms) | CPU µs per request | CPU of other processes % |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ( $rows[] | "| \(.label) | \(.rps | r0) | \(.p50 | r2) | \(.p99 | r2) | \(.errors) | " +
                    "\(if $base then (.rps / $base | r2) else "–" end) | \(.rss | r0) | \(.hwm | r0) | \(.start | r0) (\(.start_cpu | r0)) | \(.cpu_us | r0) | \(.other | r1) |" ),
        "",
        "Measured req/s per round (interleaved): " + ([ $rows[] | "\(.name) \(.per_round | map(tostring) | join(" / "))" ] | join("; ")),
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        ( def ratio(a; b): if ($by[a].rps and $by[b].rps) then $by[a].rps / $by[b].rps else null end;
          def row(what; value; ok): "| \(what) | \(value) | \(if ok == null then "pending" elif ok then "met" else "MISSED" end) |";
          def ours: [ "server", "server-nofp", "server-pg", "server-pg2", "server-mem", "server-mem-nofp", "server-mem-nojournal" ] | map(select($by[.] != null));
          def goal(n; what; min): if $by[n] then row("\($labs[n]) \(what)"; ratio(n; "baseline") | r2; (ratio(n; "baseline") // -1) >= min) else empty end;
          # the goals of issue 19, as ratios to bare Jersey in the same run
          goal("server"; "≥ 0.6 × bare Jersey"; 0.6),
          ( if $scenario == "realistic" then goal("server-pg"; "≥ 0.3 × bare Jersey"; 0.3), goal("server-pg2"; "≥ 0.3 × bare Jersey"; 0.3)
            else ( ["server-pg", "server-pg2"][] as $o | select($by[$o] != null)
                   | row("\($labs[$o]) ≥ 2,000 activities/s on one conversation"; "\($by[$o].rps | r0)"; $by[$o].rps >= 2000) ) end ),
          goal("server-mem"; "≥ 0.85 × bare Jersey"; 0.85),
          ( ["server-mem"][] as $o | select($by[$o] != null)
            | row("\($labs[$o]) p99 ≤ 2 × bare Jersey p99 (\($basep99 | r2) ms)"; "\($by[$o].p99 | r2) ms = \(if $basep99 then ($by[$o].p99 / $basep99 | r2) else "–" end) ×";
                ($basep99 != null and $by[$o].p99 != null and $by[$o].p99 <= 2 * $basep99)) ),
          ( ["server"][] as $o | select($by[$o] != null and $by.baseline.rss != null)
            | row("\($labs[$o]) RSS under load ≤ 1.1 × bare Jersey (\($by.baseline.rss | r0) MB)"; "\($by[$o].rss | r0) MB = \($by[$o].rss / $by.baseline.rss | r2) ×";
                $by[$o].rss <= 1.1 * $by.baseline.rss) ),
          ( ours[] as $o | select($by.baseline.start != null and $by[$o].start != null)
            | row("\($labs[$o]) start→first 200 ≤ 1.3 × bare Jersey (\($by.baseline.start | r0) ms)"; "\($by[$o].start | r0) ms = \($by[$o].start / $by.baseline.start | r2) ×";
                $by[$o].start <= 1.3 * $by.baseline.start) ),
          ( if $by.wiremock then goal("server"; "≥ 1.0 × WireMock"; 1.0 * $by.wiremock.rps / $by.baseline.rps) else empty end ),
          ( if $by.prism then (ours[] as $o | row("\($labs[$o]) ≥ 15 × Prism"; ratio($o; "prism") | r1; (ratio($o; "prism") // -1) >= 15)) else empty end ) )
    ' "$RESULTS/raw.jsonl"
}

jmh_report() {
    jq -r '
      def r: . * 100 | round / 100 | tostring;
      (map({type: (.params.type // "endOfConversation"), bench: (.benchmark | split(".") | last), score: .primaryMetric.score,
            alloc: ((.secondaryMetrics // {}) | to_entries | map(select(.key | endswith("gc.alloc.rate.norm"))) | .[0].value.score)})) as $all
      | "Each cell: average time per operation in µs (wall clock: it grows with other load) / bytes allocated per operation.",
        "",
        "| activity type | deserialize | validate (as Jersey) | validate body only | rules | store | whole hot path |",
        "|---|---:|---:|---:|---:|---:|---:|",
        ( ["message", "typing", "customEvent", "readEvent", "endOfConversation"][] as $t
          | ($all | map(select(.type == $t))) as $b
          | def s(n): ($b | map(select(.bench == n)) | if length == 0 then "–"
                        else "\(.[0].score | r) / \(if .[0].alloc == null then "–" else (.[0].alloc | round | tostring) end)" end);
            "| \($t) | \(s("deserialize")) | \(s("validate")) | \(s("validateBody")) | \(s("rules")) | \(s("store")) | " +
            "\(if $t == "endOfConversation" then s("hotPathEndOfConversation") else s("hotPath") end) |" )
    ' "$1"
}

jfr_report() { # name: the hottest top frames of the execution samples
    local file=$RESULTS/$1.jfr
    [[ -s $file ]] || return 0
    jfr print --events jdk.ExecutionSample "$file" 2>/dev/null \
        | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); top[$0]++; n++ }
               END { for (f in top) printf "%6.2f%%  %s\n", 100 * top[f] / n, f }' \
        | sort -rn | head -n 25 >"$RESULTS/profile-$1.txt"
}

# ---------------------------------------------------------------------------------------------------------------------
# The console scenario: the API's throughput and p99 without and with STREAMS open event streams, and the time from a
# request to its event on every stream.

# A fresh start for the next phase (WATCH=other only: the harness's own channel keeps its conversation): the load's
# channel forgets its messages, so that every phase finds the in-memory store (and the heap) as small as the first one did.
fresh_state() {
    local name=$1
    [[ $WATCH == other ]] || return 0
    curl -s --max-time 10 -X DELETE "${HEADERS[@]}" "http://127.0.0.1:${PORT[$name]}/emulator/state" >/dev/null \
        || die "$name: DELETE /emulator/state failed"
    prepare_conversation "$name"
    # and a full collection now, in no measured phase: otherwise the store's garbage fills the old generation every
    # few minutes and a full GC (with the slower minute after it) lands in whichever phase it happens to
    jcmd "${PID[$name]}" GC.run >/dev/null 2>&1 || log "  $name: jcmd GC.run failed; the phase starts without it"
}

# One phase with STREAMS open: the harness opens them, SETTLE seconds of load, then DURATION measured as $2.
with_streams() {
    local name=$1 phase=$2 r=$3 out=$RESULTS/console.$3 harness deadline
    "${LOAD_PIN[@]}" java -Xmx256m -jar "$CONSOLE_JAR" --base "http://127.0.0.1:${PORT[$name]}" \
        --streams "$STREAMS" --seconds "$((SETTLE + DURATION + 2))" --rate "$PROBE_RATE" --watch "$WATCH" >"$out.txt" 2>"$out.err" &
    harness=$!
    HELPER_PIDS+=("$harness")
    deadline=$(($(date +%s) + 60))
    until grep -q READY "$out.txt" 2>/dev/null; do
        kill -0 "$harness" 2>/dev/null || die "the stream harness ended before its streams were open (see $out.err)"
        (($(date +%s) < deadline)) || die "the stream harness opened no $STREAMS streams within 60 s"
        sleep 0.1
    done
    ((SETTLE > 0)) && load "$name" "settle-$STREAMS" "$r" "$SETTLE"
    load "$name" "$phase" "$r" "$DURATION"
    wait "$harness" || die "the stream harness failed (see $out.err)"
    log "  probes: $(jq -r '"\(.received) of \(.expected) events, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, max \(.max_ms) ms"' <<<"$(tail -n 1 "$out.txt")")"
}

console_scenario() {
    local name=$CONSOLE_CONTENDER r
    NAMES=("$name")
    PORT[$name]=$PORT_BASE
    LABEL[$name]=$(label_of "$name")
    start_contender "$name" 1
    PID[$name]=$STARTED_PID
    prepare_conversation "$name"
    log "warming up $name for ${WARMUP}s, then once more with $STREAMS streams open"
    if ((WARMUP > 0)); then
        load "$name" warmup 0 "$WARMUP"
        with_streams "$name" warmup-streams 0
    fi
    for ((r = 1; r <= ROUNDS; r++)); do
        log "round $r of $ROUNDS: without streams"
        fresh_state "$name"
        ((SETTLE > 0)) && load "$name" settle-0 "$r" "$SETTLE"
        load "$name" streams-0 "$r" "$DURATION"
        log "round $r of $ROUNDS: with $STREAMS streams ($WATCH channel), $PROBE_RATE probes/s"
        fresh_state "$name"
        with_streams "$name" "streams-$STREAMS" "$r"
        tail -n 1 "$RESULTS/console.$r.txt" | jq -c --argjson r "$r" '. + {round: $r}' >>"$RESULTS/console.jsonl"
    done
    stop_pid "${PID[$name]}"
    jq -rs --arg pin "$PIN" --arg with "streams-$STREAMS" --arg lab "${LABEL[$name]}" --arg watch "$WATCH" --slurpfile probes "$RESULTS/console.jsonl" '
      def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
                         else (.[length / 2 - 1] + .[length / 2]) / 2 end;
      def r2: if . == null then "–" else (. * 100 | round / 100 | tostring) end;
      (map(select(.phase == "streams-0"))) as $off | (map(select(.phase == $with))) as $on
      | ($off | map(.rps) | median) as $rps0 | ($on | map(.rps) | median) as $rps1
      | ($off | map(.p99_ms) | median) as $p990 | ($on | map(.p99_ms) | median) as $p991
      | ($probes | map(.p99_ms) | median) as $lat99
      | ((1 - $rps1 / $rps0) * 100) as $loss_of_medians
      | ($off | map(.cpu_s * 1e6 / .requests) | median) as $cpu0 | ($on | map(.cpu_s * 1e6 / .requests) | median) as $cpu1
      | ([range(0; [($off | length), ($on | length)] | min) as $i
          | ($on[$i].cpu_s / $on[$i].requests) / ($off[$i].cpu_s / $off[$i].requests) * 100 - 100] | median) as $cpu_more
      | ([range(0; [($off | length), ($on | length)] | min) as $i | (1 - $on[$i].rps / $off[$i].rps) * 100] | median) as $loss
      | "\($lab), wrk load on the development channel; streams on the \($watch) channel",
        "",
        "| | req/s | p99 ms | errors | server CPU µs per request |",
        "|---|---:|---:|---:|---:|",
        "| no stream open | \($rps0 | floor) | \($p990 | r2) | \($off | map(.errors) | add) | \($cpu0 | r2) |",
        "| \($with | ltrimstr("streams-")) streams open | \($rps1 | floor) | \($p991 | r2) | \($on | map(.errors) | add) | \($cpu1 | r2) |",
        "",
        "Per round (req/s without / with, loss): " + ([range(0; $off | length) as $i | "\($off[$i].rps | floor) / \($on[$i].rps // 0 | floor) (\((1 - ($on[$i].rps // 0) / $off[$i].rps) * 100 | r2) %)"] | join("; ")),
        "",
        "Loss, median of the per-round losses: \($loss | r2) %; of the medians above: \($loss_of_medians | r2) %. The server'"'"'s CPU per request with the streams open, median of the rounds: \($cpu_more | r2) % more (what the streams cost the server itself)." + (if $pin == "" then " The req/s also pay for the harness, which shares the cores with wrk and the server." else " The server ran alone on CPU \($pin | split(":")[0]), wrk and the harness on CPU \($pin | split(":")[1]) (PIN)." end),
        "",
        "Probe events (request to each stream): " + ($probes | map("\(.received)/\(.expected) received, p50 \(.p50_ms | r2) ms, p99 \(.p99_ms | r2) ms, max \(.max_ms | r2) ms") | join("; ")),
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        "| throughput loss with the streams open ≤ 5 % (median of the rounds) | \($loss | r2) % | \(if $loss <= 5 then "met" else "MISSED" end) |",
        "| an event reaches every open stream within 50 ms (p99) | \($lat99 | r2) ms | \(if $lat99 <= 50 and ($probes | all(.received == .expected)) then "met" else "MISSED" end) |"
    ' "$RESULTS/raw.jsonl" | tee "$RESULTS/table.md"
}

describe_machine() { # what the figures were measured on, into machine.txt
{
    echo "date:     $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "machine:  $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p')), $(free -h | awk '/^Mem:/ {print $2}') memory"
    echo "kernel:   $(uname -r)"
    echo "java:     $(java -version 2>&1 | sed -n 2p)"
    echo "node:     $(node --version 2>/dev/null)"
    echo "wrk:      $(wrk -v 2>&1 | head -n 1 | cut -c1-40)"
    echo "jvm opts: $JVM_OPTS$([[ $CDS == 1 ]] && echo ' + an AppCDS archive per contender (CDS=1)')"
    echo "load:     wrk -t$THREADS -c$CONNECTIONS, warm-up ${WARMUP}s per contender, $ROUNDS interleaved rounds of ${DURATION}s$([[ $SCENARIO == console ]] && echo ", each after ${SETTLE}s not measured")"
    [[ -n $PIN ]] && echo "pinned:   contenders on CPU $SERVER_CPUS, wrk and the stream harness on CPU $LOAD_CPUS (taskset)"
    echo "scenario: $SCENARIO$([[ $SCENARIO == realistic ]] && echo ": $CONVERSATIONS conversations, $SEND_PCT % sends, $READ_PCT % message-list reads, $((100 - SEND_PCT - READ_PCT)) % creates")$([[ $SCENARIO == console ]] && echo ": $STREAMS streams on the $WATCH channel, $PROBE_RATE probes/s")"
    echo "server:   jar built $(date -u -r "$SERVER_SOURCE_JAR" +%Y-%m-%dT%H:%MZ), sha256 $(sha256sum "$SERVER_JAR" | cut -c1-12), $([[ $SERVER_SOURCE_JAR != "$ROOT/server/target/messaging-server.jar" ]] && echo "given as SERVER_JAR" || echo "tree $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$([[ -n $(git -C "$ROOT" status --porcelain -- server api-spec 2>/dev/null) ]] && echo ' + uncommitted changes')")"
} | tee "$RESULTS/machine.txt" >&2
}

# ---------------------------------------------------------------------------------------------------------------------
# Main.

mkdir -p "$RESULTS/logs" "$RESULTS/wrk" "$RESULTS/data"
: >"$RESULTS/raw.jsonl"
: >"$RESULTS/starts.jsonl"
log "results in $RESULTS"
if [[ $SCENARIO == console ]]; then
    build_console
    cp "$SERVER_JAR" "$RESULTS/messaging-server.jar" || die "no server jar at $SERVER_JAR"
    SERVER_JAR=$RESULTS/messaging-server.jar
    SERVER_HELP=$(java -jar "$SERVER_JAR" --help 2>&1)
    describe_machine
    : >"$RESULTS/console.jsonl"
    console_scenario
    log "done: $RESULTS/table.md"
    exit 0
fi
build
# run a snapshot of the jar: other builds may replace server/target/messaging-server.jar while the run goes on
cp "$SERVER_JAR" "$RESULTS/messaging-server.jar" || die "no server jar at $SERVER_JAR"
SERVER_JAR=$RESULTS/messaging-server.jar
SERVER_HELP=$(java -jar "$SERVER_JAR" --help 2>&1)
[[ $CONTENDERS == auto ]] && CONTENDERS=$(default_contenders)
read -r -a NAMES <<<"$CONTENDERS"
printf '%s\n' "${NAMES[@]}" | grep -qx baseline || die "the baseline contender is needed for the ratios"

i=0
for name in "${NAMES[@]}"; do
    PORT[$name]=$((PORT_BASE + i))
    LABEL[$name]=$(label_of "$name")
    i=$((i + 1))
done
for name in "${NAMES[@]}"; do  # the second instance of a two-instance contender, on a port after all the others
    if [[ $name == server-pg2 ]]; then
        TWIN[$name]=$name.b
        PORT[$name.b]=$((PORT_BASE + i))
        i=$((i + 1))
    fi
done
for name in "${NAMES[@]}"; do printf '%s\t%s\n' "$name" "${LABEL[$name]}"; done \
    | jq -R 'split("\t") | {(.[0]): .[1]}' | jq -s add >"$RESULTS/labels.json"

describe_machine

if [[ $LOAD == 1 ]]; then
# 0. with CDS=1, a training start of each JVM contender writes its class-data archive when it exits; the timed starts
#    then map it (-Xshare:on: a start fails rather than silently running without it)
if [[ $CDS == 1 ]]; then
    mkdir -p "$RESULTS/cds"
    for name in "${NAMES[@]}"; do
        is_jvm "$name" || continue
        EXTRA_JVM[$name]="-XX:ArchiveClassesAtExit=$RESULTS/cds/$name.jsa"
        start_contender "$name" 0
        prepare_conversation "$name"
        stop_pid "$STARTED_PID" 120
        [[ -s $RESULTS/cds/$name.jsa ]] || die "$name wrote no class-data archive (see $RESULTS/logs/$name.0.log)"
        log "$name: class-data archive of $(($(stat -c %s "$RESULTS/cds/$name.jsa") / 1048576)) MB"
        EXTRA_JVM[$name]="-XX:SharedArchiveFile=$RESULTS/cds/$name.jsa -Xshare:on"
    done
fi

# 1. start each contender STARTS times, timing process start to the first 200 of create; keep the last one running
for name in "${NAMES[@]}"; do
    for ((n = 1; n <= STARTS; n++)); do
        start_contender "$name" "$n"
        echo "{\"contender\":\"$name\",\"start\":$n,\"ms\":$STARTED_MS,\"cpu_ms\":$STARTED_CPU_MS}" >>"$RESULTS/starts.jsonl"
        log "$name start $n: first 200 after $STARTED_MS ms ($STARTED_CPU_MS ms of CPU)"
        if ((n < STARTS)); then
            stop_pid "$STARTED_PID"
        fi
    done
    PID[$name]=$STARTED_PID
    if [[ -n ${TWIN[$name]:-} ]]; then
        start_contender "${TWIN[$name]}" 1
        PID[${TWIN[$name]}]=$STARTED_PID
        log "${TWIN[$name]}: first 200 after $STARTED_MS ms"
    fi
    prepare_conversation "$name"
    [[ $SCENARIO == realistic ]] && prepare_conversations "$name"
done

# 2. warm each one up, one at a time
for name in "${NAMES[@]}"; do
    log "warming up $name for ${WARMUP}s"
    ((WARMUP > 0)) && load "$name" warmup 0 "$WARMUP"
done

# 3. measured rounds, interleaved
for ((r = 1; r <= ROUNDS; r++)); do
    log "round $r of $ROUNDS"
    for name in "${NAMES[@]}"; do
        load "$name" round "$r" "$DURATION"
    done
done

# 4. stop the contenders (JFR recordings are written at exit)
for name in "${NAMES[@]}"; do
    stop_pid "${PID[$name]}"
    [[ -n ${TWIN[$name]:-} ]] && stop_pid "${PID[${TWIN[$name]}]}"
done
if [[ $JFR == 1 ]]; then
    for name in "${NAMES[@]}"; do
        is_jvm "$name" && jfr_report "$name"
    done
fi

{
    echo
    report
} | tee "$RESULTS/table.md"
fi

# 5. the hot path in-process
if [[ $JMH == 1 ]]; then
    log "JMH: $JMH_OPTS"
    busy0=$(busy_ticks)
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    java -jar "$JMH_JAR" $JMH_OPTS -rf json -rff "$RESULTS/jmh.json" >"$RESULTS/jmh.txt" 2>&1 &
    jmh_pid=$!
    HELPER_PIDS+=("$jmh_pid")
    jmh_cpu=0
    for ((i = 0; i < 3600; i++)); do  # the JMH process and its forks (children's times count once they are reaped)
        kill -0 "$jmh_pid" 2>/dev/null || break
        tick=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$jmh_pid/stat" 2>/dev/null || echo 0)
        fork_ticks=0
        for child in $(pgrep -P "$jmh_pid" 2>/dev/null); do
            fork_ticks=$((fork_ticks + $(cpu_ticks "$child")))
        done
        ((tick + fork_ticks > jmh_cpu)) && jmh_cpu=$((tick + fork_ticks))
        sleep 1
    done
    wait "$jmh_pid" || { tail -n 20 "$RESULTS/jmh.txt" >&2; die "JMH failed"; }
    jmh_other=$(awk -v b="$(($(busy_ticks) - busy0))" -v c="$jmh_cpu" -v ms="$((($(date +%s%N) - t0) / 1000000))" \
        -v hz="$TICK" -v n="$NCPU" 'BEGIN { o = (b - c) / hz / (ms / 1000 * n) * 100; printf "%.0f", (o < 0 ? 0 : o) }')
    {
        echo
        echo "JMH, in-process, average time per activity (JMH $JMH_OPTS; other processes used ${jmh_other}% of the CPU meanwhile):"
        echo
        jmh_report "$RESULTS/jmh.json"
    } | tee -a "$RESULTS/table.md"
fi
# 6. the in-process cost a test pays: start, second start and reset, beside a bare Jersey start (bench/start-cost.sh)
if [[ $STARTCOST == 1 ]]; then
    log "in-process start and reset: $START_RUNS fresh JVMs per contender"
    {
        echo
        echo "In-process start and reset (bench/start-cost.sh, $START_RUNS JVMs per contender):"
        echo
        SERVER_JAR=$SERVER_JAR BASELINE_JAR=$BASELINE_JAR BUILD=never RUNS=$START_RUNS RESULTS=$RESULTS/start \
            "$BENCH_DIR/start-cost.sh"
    } | tee -a "$RESULTS/table.md"
fi
if [[ $JFR == 1 ]]; then
    log "JFR recordings and their hottest frames: $RESULTS/*.jfr, $RESULTS/profile-*.txt"
fi
log "done: $RESULTS/table.md"
