#!/bin/bash
# ms per login: 30 sequential logins after 5 warm-ups, for a right password, a wrong one and an unknown user
# Run against a server started with LATCH_ADMIN_PASSWORD set: LATCH_ADMIN_PASSWORD=… bash docs/login-cost.sh
B=http://localhost:8080/api/v1/auth/login
run() { local body=$1 n=$2; local start=$(date +%s%N); for i in $(seq $n); do curl -s -o /dev/null -X POST $B -H 'Content-Type: application/json' -d "$body"; done; echo $(( ($(date +%s%N) - start) / 1000000 / n )); }
run "{\"username\":\"admin\",\"password\":\"$LATCH_ADMIN_PASSWORD\"}" 5 >/dev/null
echo "right password: $(run "{\"username\":\"admin\",\"password\":\"$LATCH_ADMIN_PASSWORD\"}" 30) ms/login"
echo "wrong password: $(run '{"username":"admin","password":"wrong-password-x"}' 4) ms/login"
echo "unknown user:   $(run "{\"username\":\"nobody-$RANDOM\",\"password\":\"wrong-password-x\"}" 4) ms/login"
