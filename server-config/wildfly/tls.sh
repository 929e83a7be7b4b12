#!/usr/bin/env bash
# Turns one WildFly server configuration into Latch's HTTPS server (tls.cli, offline): the PEM
# certificate and key become a PKCS12 store, the client CAs a trust store, both owner-only beside
# the configuration. Used by bin/latch-server for each instance and by the build for the test server.
#
#   tls.sh <WildFly home> <server base dir> <server config, e.g. standalone.xml>
#
#   LATCH_TLS_CERT_FILE       the server's certificate (PEM; intermediates after it)
#   LATCH_TLS_KEY_FILE        its private key (PEM, not encrypted)
#   LATCH_TLS_CLIENT_CA_FILE  optional: the CA certificate(s) (PEM) whose client certificates are accepted
#   LATCH_HTTP                "off": HTTPS only
set -euo pipefail
home=$1 base=$2 config=$3
here=$(cd "$(dirname "$0")" && pwd)
umask 077
fail() { echo "latch TLS: $*" >&2; exit 2; }

command -v openssl >/dev/null || fail "TLS needs openssl (apt-get install openssl)"
[[ -n "${LATCH_TLS_CERT_FILE:-}" && -n "${LATCH_TLS_KEY_FILE:-}" ]] \
  || fail "TLS needs both LATCH_TLS_CERT_FILE and LATCH_TLS_KEY_FILE"
for file in "$LATCH_TLS_CERT_FILE" "$LATCH_TLS_KEY_FILE" ${LATCH_TLS_CLIENT_CA_FILE:+"$LATCH_TLS_CLIENT_CA_FILE"}; do
  [[ -r "$file" ]] || fail "cannot read $file"
done
case "${LATCH_HTTP:-on}" in on|off) ;; *) fail "LATCH_HTTP must be on or off" ;; esac

stores=$base/configuration/tls
rm -rf "$stores"
mkdir -p "$stores"
# The stores' password guards nothing the owner-only directory does not; PKCS12 needs one.
password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')
export LATCH_TLS_STORE_PASSWORD=$password # to openssl and keytool through the environment, not argv
openssl pkcs12 -export -in "$LATCH_TLS_CERT_FILE" -inkey "$LATCH_TLS_KEY_FILE" -name latch \
  -passin pass: -passout env:LATCH_TLS_STORE_PASSWORD -out "$stores/${config%.xml}-server.p12" 2>"$stores/openssl.log" \
  || fail "$LATCH_TLS_CERT_FILE and $LATCH_TLS_KEY_FILE are not a PEM certificate and its key: $(cat "$stores/openssl.log")"

client_ca=none
if [[ -n "${LATCH_TLS_CLIENT_CA_FILE:-}" ]]; then
  # keytool takes one certificate a call: the PEM bundle is split first
  client_ca=$stores/${config%.xml}-client-ca.p12
  awk -v dir="$stores" '/-----BEGIN CERTIFICATE-----/ { n++ } n { print > (dir "/client-ca-" n ".pem") }' \
    "$LATCH_TLS_CLIENT_CA_FILE"
  compgen -G "$stores/client-ca-*.pem" >/dev/null || fail "$LATCH_TLS_CLIENT_CA_FILE holds no PEM certificate"
  for pem in "$stores"/client-ca-*.pem; do
    keytool -importcert -noprompt -storetype PKCS12 -keystore "$client_ca" -storepass:env LATCH_TLS_STORE_PASSWORD \
      -alias "$(basename "$pem" .pem)" -file "$pem" >"$stores/keytool.log" 2>&1 \
      || fail "$LATCH_TLS_CLIENT_CA_FILE: $(cat "$stores/keytool.log")"
  done
  rm -f "$stores"/client-ca-*.pem
fi
rm -f "$stores/openssl.log" "$stores/keytool.log"

properties=$stores/tls.properties
cat > "$properties" <<EOF
latch.tls.server-config=$config
latch.tls.key-store=$stores/${config%.xml}-server.p12
latch.tls.client-ca-store=$client_ca
latch.tls.store-password=$password
latch.tls.http=${LATCH_HTTP:-on}
EOF
JAVA_OPTS="-Djboss.server.base.dir=$base" "$home/bin/jboss-cli.sh" --resolve-parameter-values \
  --properties="$properties" --file="$here/tls.cli" >"$stores/tls-cli.log" 2>&1 \
  || { rm -f "$properties"; cat "$stores/tls-cli.log" >&2; fail "configuring TLS failed"; }
rm -f "$properties"
