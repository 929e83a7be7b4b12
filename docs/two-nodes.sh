#!/usr/bin/env bash
# Two Latch nodes on one PostgreSQL: how fast a revocation on one node is refused on the other, under
# load; whether every timer job ran once across the nodes; throughput of two nodes against one.
#
#   docs/two-nodes.sh            1,000 revocations; REVOCATIONS=3000 docs/two-nodes.sh for more
#
# Node A (port 8080) runs on its embedded PostgreSQL in a throwaway data directory, node B (8180) on
# the same database with the same chain and key-encryption keys. Needs wrk (apt-get install wrk).
set -euo pipefail
trap 'echo "two-nodes: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
revocations=${REVOCATIONS:-1000}
duration=${DURATION:-20s}
work=$root/target/two-nodes
rm -rf "$work"
mkdir -p "$work"

if ! command -v wrk >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
await() { # LOG: until the node printed where it listens
  until grep -q 'Latch listens' "$1" 2>/dev/null; do
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "two-nodes: a node died; see $1" >&2; exit 1; }; done
    sleep 1
  done
}
# Timers run fast, so several rounds of each happen during the run (once across nodes, each).
export LATCH_AUDIT_CHECKPOINT_INTERVAL=2s LATCH_JWT_KEY_CHECK_INTERVAL=2s \
  LATCH_JWT_KEY_ROTATION_AGE=20s LATCH_JWT_KEY_PUBLISH_LEAD=5s

LATCH_DATA_DIR=$work/a LATCH_HTTP_PORT=8080 bin/latch-server >"$work/a.log" 2>&1 &
pids+=($!)
await "$work/a.log"
LATCH_DATA_DIR=$work/b LATCH_HTTP_PORT=8180 \
  LATCH_DB_URL=jdbc:postgresql://127.0.0.1:15432/postgres \
  LATCH_DB_USER=latch_app LATCH_DB_PASSWORD="$(cat "$work/a/postgres.app.password")" \
  LATCH_DB_OWNER_USER=latch LATCH_DB_OWNER_PASSWORD="$(cat "$work/a/postgres.password")" \
  LATCH_AUDIT_CHAIN_KEY_FILE=$work/a/audit-chain.key \
  LATCH_JWT_KEY_ENCRYPTION_KEY_FILE=$work/a/key-encryption.key \
  bin/latch-server >"$work/b.log" 2>&1 &
pids+=($!)
await "$work/b.log"
started=$(date -u +%FT%TZ)
# the instances' logs outlive a run: only what this run wrote counts
declare -A mark
for port in 8080 8180; do mark[$port]=$(wc -l <"$root/target/instances/$port/log/server.log"); done

T=$(cat "$work/a/bootstrap.token")
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
reader=$(curl -sf -X POST localhost:8080/api/v1/tokens -H "Authorization: Bearer $T" \
  -H 'Content-Type: application/json' -d '{"name":"two-nodes-load","permissions":["tokens.read"]}' | json "['token']")

# --- throughput: one node, then both at once (two wrk processes, half the connections each) ------
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
# both nodes warmed up first: the JIT needs it
for port in 8080 8180; do
  wrk -t2 -c32 -d15s -H "Authorization: Bearer $reader" http://localhost:$port/api/v1/whoami >/dev/null
done
wrk -t2 -c32 -d"$duration" -H "Authorization: Bearer $reader" http://localhost:8080/api/v1/whoami >"$work/one.out"
wrk -t1 -c16 -d"$duration" -H "Authorization: Bearer $reader" http://localhost:8080/api/v1/whoami >"$work/two-a.out" &
on_a=$!
wrk -t1 -c16 -d"$duration" -H "Authorization: Bearer $reader" http://localhost:8180/api/v1/whoami >"$work/two-b.out"
wait "$on_a"
one=$(rps "$work/one.out")
two=$(awk -v a="$(rps "$work/two-a.out")" -v b="$(rps "$work/two-b.out")" 'BEGIN { printf "%.0f", a + b }')

# --- revocation propagation under load -----------------------------------------------------------
wrk -t1 -c8 -d600s -H "Authorization: Bearer $reader" http://localhost:8180/api/v1/whoami >/dev/null 2>&1 &
load_b=$!
wrk -t1 -c8 -d600s -H "Authorization: Bearer $reader" http://localhost:8080/api/v1/whoami >/dev/null 2>&1 &
load_a=$!
cat >"$work/Propagation.java" <<'EOF'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issues a token on node A, uses it on node B (so B has verified it), revokes it on A, then asks B
 * every millisecond until B refuses it: the time from A's answer to B's first refusal.
 */
public class Propagation {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String a = args[0], b = args[1], admin = args[2];
        int n = Integer.parseInt(args[3]);
        double[] ms = new double[n];
        Pattern field = Pattern.compile("\"(token|token_id)\"\\s*:\\s*\"([^\"]+)\"");
        for (int i = 0; i < n; i++) {
            String issued = send(a + "/api/v1/tokens", admin,
                    "{\"name\":\"p-" + ProcessHandle.current().pid() + "-" + i
                            + "\",\"permissions\":[\"tokens.read\"],\"ttl\":\"1h\"}").body();
            String token = null, id = null;
            for (Matcher m = field.matcher(issued); m.find(); ) {
                if (m.group(1).equals("token")) token = m.group(2); else id = m.group(2);
            }
            for (int warm = 0; warm < 3; warm++) {
                if (send(b + "/api/v1/whoami", token, null).statusCode() != 200) {
                    throw new IllegalStateException("node B does not accept a fresh token");
                }
            }
            if (delete(a + "/api/v1/tokens/" + id, admin).statusCode() / 100 != 2) {
                throw new IllegalStateException("revocation on node A failed");
            }
            long revoked = System.nanoTime();
            while (send(b + "/api/v1/whoami", token, null).statusCode() == 200) {
                if (System.nanoTime() - revoked > 30_000_000_000L) {
                    throw new IllegalStateException("node B still accepts a token revoked 30 s ago");
                }
                Thread.sleep(1);
            }
            ms[i] = (System.nanoTime() - revoked) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%d %.1f %.1f %.1f%n", n, ms[n / 2], ms[(int) Math.ceil(n * 0.99) - 1], ms[n - 1]);
    }

    static HttpResponse<String> delete(String url, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String url, String bearer, String json) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer);
        if (json != null) {
            r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
EOF
java "$work/Propagation.java" http://localhost:8080 http://localhost:8180 "$T" "$revocations" \
  >"$work/propagation.out" 2>"$work/propagation.err" \
  || { echo "two-nodes: the propagation run failed:" >&2; cat "$work/propagation.err" >&2; exit 1; }
read -r count p50 p99 worst <"$work/propagation.out"
kill "$load_a" "$load_b" 2>/dev/null || true

# --- every timer job once across the nodes -------------------------------------------------------
sleep 3 # the last sealing and checkpoint rounds
psql_a() { PGPASSWORD=$(cat "$work/a/postgres.password") psql -h 127.0.0.1 -p 15432 -U latch -d postgres -Atc "$1"; }
checkpoints=$(psql_a "select count(*) from audit_checkpoint")
dup_checkpoints=$(psql_a "select count(*) from (select event_count from audit_checkpoint group by event_count having count(*) > 1) d")
# keys are removed again once retired, so the rotations are read from both nodes' logs
rotations() {
  tail -n +"$((mark[$1] + 1))" "$root/target/instances/$1/log/server.log" | { grep -h 'Next signing key' || true; } \
    | cut -c12-23
}
rotations_a=$(rotations 8080 | wc -l)
rotations_b=$(rotations 8180 | wc -l)
closest=$( { rotations 8080; rotations 8180; } | sort | awk -F'[:,]' '
  { t = $1 * 3600 + $2 * 60 + $3 + $4 / 1000; if (NR > 1 && (min == "" || t - p < min)) min = t - p; p = t }
  END { if (min == "") print "-"; else printf "%.1f", min }')
seals=$(psql_a "select count(*) from audit_seal")
verify=$(curl -sf localhost:8180/api/v1/audit/verify -H "Authorization: Bearer $T")

echo
echo "Two nodes on one PostgreSQL, $(date -u +%Y-%m-%d), $(nproc) cores for both nodes, PostgreSQL and wrk; run from $started"
echo
echo "| measure | result |"
echo "| --- | --- |"
echo "| revocation on A refused on B, $count revocations under load on both nodes | p50 $p50 ms, p99 $p99 ms, worst $worst ms |"
echo "| \`GET /whoami\` (opaque): one node, -c32 | $(printf '%.0f' "$one") req/s |"
echo "| \`GET /whoami\` (opaque): both nodes, -c16 each | $two req/s ($(awk -v a="$two" -v b="$one" 'BEGIN { printf "%.2f", a / b }') × one node) |"
echo "| checkpoints published (every 2 s on each node) | $checkpoints, $dup_checkpoints for the same head twice |"
echo "| signing keys (rotation every 20 s, checked every 2 s on each node) | $((rotations_a + rotations_b)) rotations (node A $rotations_a, node B $rotations_b), the closest two $closest s apart |"
echo "| events sealed (1 s on each node) | $seals; verify: $(echo "$verify" | json "['ok']"), unsealed $(echo "$verify" | json "['unsealed']") |"
