#!/usr/bin/env bash
# The performance issue's table, measured in one run: Latch's hot paths against a trivial JAX-RS
# endpoint deployed beside it on the same WildFly (the practical limit) and against Keycloak
# (keycloak-quarkus-dist from Maven Central, start-dev on the same PostgreSQL), with wrk.
#
#   docs/bench.sh              20 s per row after a 15 s warm-up of the same request (the JIT needs it:
#                              with 5 s the first rows ran at 0.4 of what they reach later);
#                              DURATION=10s WARMUP=5s docs/bench.sh for less
#
# Needs root for the first run (apt-get install wrk) and the machine's PostgreSQL on 127.0.0.1:5432
# (Keycloak's database); Latch runs on its embedded PostgreSQL in a throwaway data directory.
# Prints the table in Markdown; docs/benchmarks.md keeps each run's table with its date.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
duration=${DURATION:-20s}
warmup=${WARMUP:-15s}
connections=${CONNECTIONS:-32}
kc_version=26.7.3
work=$root/target/bench
mkdir -p "$work"

if ! command -v wrk >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

# --- Latch on a fresh embedded database, and the trivial endpoint beside it ---------------------
rm -rf "$work/data"
LATCH_DATA_DIR=$work/data bin/latch-server >"$work/latch.log" 2>&1 &
latch_pid=$!
kc_pid=
cleanup() {
  kill -TERM "$latch_pid" 2>/dev/null || true
  [[ -n "$kc_pid" ]] && kill -TERM "$kc_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
until grep -q 'Latch listens' "$work/latch.log" 2>/dev/null; do
  kill -0 "$latch_pid" 2>/dev/null || { echo "bench: Latch did not start; see $work/latch.log" >&2; exit 1; }
  sleep 1
done

# ping.war: one JAX-RS GET answering "pong", compiled against the same Jakarta EE API
api_jar=$(find ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0 -name '*.jar' | head -1)
mkdir -p "$work/ping/src" "$work/ping/war/WEB-INF/classes"
cat >"$work/ping/src/Ping.java" <<'EOF'
package bench;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

@ApplicationPath("/")
public class Ping extends Application {
    @Path("/")
    public static class Resource {
        @GET
        public String ping() {
            return "pong";
        }
    }
}
EOF
javac -q -cp "$api_jar" -d "$work/ping/war/WEB-INF/classes" "$work/ping/src/Ping.java" 2>/dev/null \
  || javac -cp "$api_jar" -d "$work/ping/war/WEB-INF/classes" "$work/ping/src/Ping.java"
(cd "$work/ping/war" && jar cf "$work/ping.war" .)
cp "$work/ping.war" "$root/target/instances/8080/deployments/ping.war"
until curl -sf localhost:8080/ping/ >/dev/null; do sleep 1; done

T=$(cat "$work/data/bootstrap.token")
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
opaque=$(curl -sf -X POST localhost:8080/api/v1/tokens -H "Authorization: Bearer $T" \
  -H 'Content-Type: application/json' -d '{"name":"bench-reader","permissions":["tokens.read"]}' | json "['token']")
jwt=$(curl -sf -X POST localhost:8080/api/v1/jwt/mint -H "Authorization: Bearer $T" \
  -H 'Content-Type: application/json' -d '{"scope":"tokens.read","aud":"latch","ttl":"1h"}' | json "['token']")

# --- Keycloak: start-dev on the machine's PostgreSQL, a client-credentials client ----------------
kc_zip=~/.m2/repository/org/keycloak/keycloak-quarkus-dist/$kc_version/keycloak-quarkus-dist-$kc_version.zip
[[ -f "$kc_zip" ]] || mvn -q -B dependency:get -Dtransitive=false -Dartifact=org.keycloak:keycloak-quarkus-dist:$kc_version:zip
if [[ ! -d "$work/keycloak-$kc_version" ]]; then
  (cd "$work" && jar xf "$kc_zip" && chmod +x keycloak-$kc_version/bin/*.sh)
fi
runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS keycloak_bench WITH (FORCE)" \
  -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='keycloak_bench') THEN CREATE ROLE keycloak_bench LOGIN PASSWORD 'keycloak_bench'; END IF; END\$\$;" \
  -c "CREATE DATABASE keycloak_bench OWNER keycloak_bench"
# Keycloak 26 needs Java 21 or later: the machine's Temurin 25 when the default java is older
kc_java_home=${KC_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-2[1-9]* 2>/dev/null | tail -1)}
JAVA_HOME=${kc_java_home:-${JAVA_HOME:-}} KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=bench-admin \
  "$work/keycloak-$kc_version/bin/kc.sh" start-dev --http-port=8280 --db=postgres \
  --db-url=jdbc:postgresql://127.0.0.1:5432/keycloak_bench --db-username=keycloak_bench \
  --db-password=keycloak_bench >"$work/keycloak.log" 2>&1 &
kc_pid=$!
until curl -sf localhost:8280/realms/master >/dev/null 2>&1; do
  kill -0 "$kc_pid" 2>/dev/null || { echo "bench: Keycloak did not start; see $work/keycloak.log" >&2; exit 1; }
  sleep 2
done
kcadm=$work/keycloak-$kc_version/bin/kcadm.sh
export JAVA_HOME=${kc_java_home:-${JAVA_HOME:-}}
"$kcadm" config credentials --server http://localhost:8280 --realm master --user admin \
  --password bench-admin --config "$work/kcadm.config" >/dev/null
"$kcadm" create clients -r master --config "$work/kcadm.config" -s clientId=bench -s enabled=true \
  -s publicClient=false -s serviceAccountsEnabled=true -s secret=bench-secret \
  -s standardFlowEnabled=false >/dev/null
kc_token=$(curl -sf -X POST localhost:8280/realms/master/protocol/openid-connect/token \
  -d grant_type=client_credentials -d client_id=bench -d client_secret=bench-secret | json "['access_token']")

# --- wrk ------------------------------------------------------------------------------------------
cat >"$work/issue.lua" <<'EOF'
-- POST /api/v1/tokens with a name no other request used: thread number, start time, counter
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  counter = 0
  started = os.time()
end
request = function()
  counter = counter + 1
  local body = string.format('{"name":"b-%d-%d-%d","permissions":["tokens.read"],"ttl":"1h"}',
    tid, started, counter)
  return wrk.format("POST", "/api/v1/tokens", nil, body)
end
EOF
cat >"$work/post.lua" <<'EOF'
-- a form POST whose body is in the BODY environment variable
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
EOF

# run NAME URL [wrk args…]: warm-up, then the measured run; prints "req/s p50_ms p99_ms"
measure() {
  local url=$1; shift
  wrk -t2 -c"$connections" -d"$warmup" "$@" "$url" >/dev/null 2>&1 || true
  wrk -t2 -c"$connections" -d"$duration" --latency "$@" "$url" >"$work/wrk.out" 2>&1
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.out")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk.out")
  echo "${rps:-0} ${p50:-?} ${p99:-?} ${non2xx:-0}"
}
ms() { # wrk's 1.23ms / 456.00us / 1.2s as milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}

# One minute and a half of the measured requests first: WildFly's request path needs far longer than
# a row's own warm-up before the JIT has compiled it (whoami ran at 1.3k, 2.6k, then 3.5-4.6k req/s
# in consecutive 10 s runs); Keycloak's two requests get the same.
warm() { wrk -t2 -c"$connections" -d15s "$@" >/dev/null 2>&1 || true; }
warm -H "Authorization: Bearer $opaque" http://localhost:8080/api/v1/whoami
warm -H "Authorization: Bearer $jwt" http://localhost:8080/api/v1/whoami
BODY="token=$opaque" warm -s "$work/post.lua" -H "Authorization: Bearer $opaque" http://localhost:8080/api/v1/introspect
warm -s "$work/issue.lua" -H "Authorization: Bearer $T" -H 'Content-Type: application/json' http://localhost:8080/api/v1/tokens
BODY="token=$kc_token&client_id=bench&client_secret=bench-secret" warm -s "$work/post.lua" \
  http://localhost:8280/realms/master/protocol/openid-connect/token/introspect
BODY="grant_type=client_credentials&client_id=bench&client_secret=bench-secret" warm -s "$work/post.lua" \
  http://localhost:8280/realms/master/protocol/openid-connect/token

declare -A R
R[bare]=$(measure http://localhost:8080/ping/)
R[opaque]=$(measure http://localhost:8080/api/v1/whoami -H "Authorization: Bearer $opaque")
R[jwt]=$(measure http://localhost:8080/api/v1/whoami -H "Authorization: Bearer $jwt")
R[introspect]=$(BODY="token=$opaque" measure http://localhost:8080/api/v1/introspect -s "$work/post.lua" \
  -H "Authorization: Bearer $opaque")
R[issue]=$(measure http://localhost:8080/api/v1/tokens -s "$work/issue.lua" \
  -H "Authorization: Bearer $T" -H 'Content-Type: application/json')
R[jwks]=$(measure http://localhost:8080/.well-known/jwks.json)
R[kc_introspect]=$(BODY="token=$kc_token&client_id=bench&client_secret=bench-secret" \
  measure http://localhost:8280/realms/master/protocol/openid-connect/token/introspect -s "$work/post.lua")
R[kc_grant]=$(BODY="grant_type=client_credentials&client_id=bench&client_secret=bench-secret" \
  measure http://localhost:8280/realms/master/protocol/openid-connect/token -s "$work/post.lua")
R[kc_certs]=$(measure http://localhost:8280/realms/master/protocol/openid-connect/certs)

# P3: the authenticated path again with 1,000,000 more tokens stored (inserted directly, each with its
# own secret hash), against its p99 above with the few thousand the rows before left behind
stored_before=$(PGPASSWORD=$(cat "$work/data/postgres.password") psql -h 127.0.0.1 -p 15432 -U latch -d postgres \
  -Atc "select count(*) from token")
PGPASSWORD=$(cat "$work/data/postgres.password") psql -q -h 127.0.0.1 -p 15432 -U latch -d postgres -c "
  insert into token (id, kind, name, secret_hash, hint, permissions, issued_at, expires_at, created_by)
  select gen_random_uuid(), 'operator', 'bulk-' || g, encode(sha256(('bulk' || g)::text::bytea), 'hex'),
         'bulk', 'tokens.read', now(), now() + interval '30 days', 'bench'
  from generate_series(1, 1000000) g" -c "analyze token"
R[opaque_1m]=$(measure http://localhost:8080/api/v1/whoami -H "Authorization: Bearer $opaque")
R[introspect_1m]=$(BODY="token=$opaque" measure http://localhost:8080/api/v1/introspect -s "$work/post.lua" \
  -H "Authorization: Bearer $opaque")

# The first rows ran on a JVM still compiling; the same three requests once more, warm, after all
# the above: the ratio P1 asks for, in one run
R[bare_again]=$(measure http://localhost:8080/ping/)
R[opaque_again]=$(measure http://localhost:8080/api/v1/whoami -H "Authorization: Bearer $opaque")
R[jwt_again]=$(measure http://localhost:8080/api/v1/whoami -H "Authorization: Bearer $jwt")

# the largest resident set among the java processes whose command line holds $1
rss() {
  local p
  for p in $(pgrep -f "$1"); do
    [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == java ]] && awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$p/status"
  done | sort -n | tail -1
}
latch_rss=$(rss "jboss.server.base.dir=$root/target/instances/8080")
kc_rss=$(rss "keycloak-$kc_version")

field() { echo "${R[$1]}" | cut -d' ' -f"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
row() { # label key peer-key peer-label
  local rps p99 prps
  rps=$(field "$2" 1); p99=$(ms "$(field "$2" 3)"); prps=$(field "$3" 1)
  printf '| %s | %.0f | %s | %.0f %s | %s | %s |\n' "$1" "$rps" "$p99" "$prps" "$4" "$(ratio "$rps" "$prps")" \
    "$(field "$2" 4)"
}
echo
echo "wrk -t2 -c$connections -d$duration after a $warmup warm-up of the same request; $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo
echo "| path | Latch req/s | Latch p99 ms | limit / peer req/s | ratio | non-2xx |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
printf '| trivial JAX-RS GET, same server | %.0f | %s | — | 1 | %s |\n' "$(field bare 1)" "$(ms "$(field bare 3)")" "$(field bare 4)"
row '`GET /whoami`, opaque token' opaque bare "(bare)"
row '`GET /whoami`, RS256 JWT' jwt bare "(bare)"
row '`POST /introspect` (opaque)' introspect bare "(bare)"
row '`POST /introspect` vs Keycloak introspection' introspect kc_introspect "(Keycloak)"
row '`POST /tokens` (issue) vs client-credentials grant' issue kc_grant "(Keycloak)"
row 'JWKS vs Keycloak certs' jwks kc_certs "(Keycloak)"
echo "| RSS after load (MiB) | ${latch_rss:-?} | | ${kc_rss:-?} (Keycloak) | $(ratio "${latch_rss:-0}" "${kc_rss:-0}") | |"
echo
echo "p99 of the bare endpoint: $(ms "$(field bare 3)") ms; Keycloak grant p99 $(ms "$(field kc_grant 3)") ms, introspection p99 $(ms "$(field kc_introspect 3)") ms"
echo "P3, 1,000,000 more tokens stored (${stored_before} before): \`GET /whoami\` opaque $(printf '%.0f' "$(field opaque_1m 1)") req/s, p99 $(ms "$(field opaque_1m 3)") ms (was $(ms "$(field opaque 3)") ms, $(ratio "$(ms "$(field opaque_1m 3)")" "$(ms "$(field opaque 3)")") ×); \`POST /introspect\` p99 $(ms "$(field introspect_1m 3)") ms (was $(ms "$(field introspect 3)") ms, $(ratio "$(ms "$(field introspect_1m 3)")" "$(ms "$(field introspect 3)")") ×)"
echo "Warm, at the end of the run (1,000,000 more tokens stored): trivial GET $(printf '%.0f' "$(field bare_again 1)") req/s (p99 $(ms "$(field bare_again 3)") ms); \`GET /whoami\` opaque $(printf '%.0f' "$(field opaque_again 1)") ($(ratio "$(field opaque_again 1)" "$(field bare_again 1)") of it, p99 $(ms "$(field opaque_again 3)") ms), RS256 JWT $(printf '%.0f' "$(field jwt_again 1)") ($(ratio "$(field jwt_again 1)" "$(field bare_again 1)"), p99 $(ms "$(field jwt_again 3)") ms)"
