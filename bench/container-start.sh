#!/usr/bin/env bash
# Start-up of the container image against the jar: from the start command to the first 200 on GET /health, each
# with a new embedded store, alternating, RUNS times each (default 5); prints every pair and the medians.
# Needs `mvn -B -DskipTests package` first and podman (on this project's machines CONTAINERS_CONF=.ci/containers.conf).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
jar=server/target/messaging-server.jar
image=messaging-emulator:$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml)
podman load -q -i container/target/jib-image.tar >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
until_healthy() { until curl -sf -o /dev/null "http://127.0.0.1:$1/health"; do sleep 0.02; done; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
jar_times=() container_times=()
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d) port=$(free_port) start=$(now_ms)
  java -jar "$jar" --port "$port" --data-dir "$data" >/dev/null 2>&1 &
  pid=$!
  until_healthy "$port"
  jar_times+=($(( $(now_ms) - start )))
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$data"

  port=$(free_port) start=$(now_ms)
  podman run -d --name "start-$$-$i" -p "127.0.0.1:$port:8080" "$image" >/dev/null 2>&1
  until_healthy "$port"
  container_times+=($(( $(now_ms) - start )))
  podman rm -f -v "start-$$-$i" >/dev/null 2>&1
  echo "run $i: jar ${jar_times[-1]} ms, container ${container_times[-1]} ms"
done
echo "median: jar $(printf '%s\n' "${jar_times[@]}" | median) ms, container $(printf '%s\n' "${container_times[@]}" | median) ms (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
