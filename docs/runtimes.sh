#!/usr/bin/env bash
# The same target/latch.war on WildFly and on Payara Micro, measured the same way in one run: the
# boot time (bin/latch-server started until readiness answers UP, the WAR already built) and the
# throughput of an authenticated request (GET /api/v1/whoami with an operator token, wrk, 32
# connections, after a warm-up of the same request). Each runtime starts on a fresh embedded
# database of its own, one after the other, so they never share the 2 cores.
#
#   docs/runtimes.sh            DURATION=20s WARMUP=15s by default
#
# Needs root for the first run (apt-get install wrk). Prints a Markdown table.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
duration=${DURATION:-20s}
warmup=${WARMUP:-15s}
work=$root/target/runtimes
mkdir -p "$work"
if ! command -v wrk >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
mvn -q -B package -DskipTests

pid=
cleanup() { [[ -z $pid ]] || { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; } || true; }
trap cleanup EXIT

echo "| runtime | boot to ready | whoami req/s | p99 |"
echo "|---|---:|---:|---:|"
for runtime in wildfly payara; do
  data=$work/$runtime
  rm -rf "$data"
  start=$(date +%s.%N)
  LATCH_DATA_DIR=$data bin/latch-server --runtime "$runtime" >"$work/$runtime.log" 2>&1 &
  pid=$!
  until grep -q 'Latch listens' "$work/$runtime.log" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "runtimes: $runtime did not start; see $work/$runtime.log" >&2; exit 1; }
    sleep 0.2
  done
  health=$(sed -n 's/^  Health *//p' "$work/$runtime.log")
  until curl -fsS "$health" 2>/dev/null | grep -q '"status":"UP"'; do sleep 0.2; done
  boot=$(echo "$(date +%s.%N) - $start" | bc)
  token=$(cat "$data/bootstrap.token")
  url=http://127.0.0.1:8080/api/v1/whoami
  wrk -t2 -c32 -d"$warmup" -H "Authorization: Bearer $token" "$url" >/dev/null
  out=$(wrk -t2 -c32 -d"$duration" --latency -H "Authorization: Bearer $token" "$url")
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '| %s | %.1f s | %s | %s |\n' "$runtime" "$boot" "$rps" "$p99"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
