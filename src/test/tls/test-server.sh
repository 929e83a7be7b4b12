#!/usr/bin/env bash
# Run by the build before the integration tests (pom.xml, pre-integration-test): a throwaway PKI made
# for this run only, and the test server's configuration standalone-it.xml, which serves HTTPS with
# its server certificate and accepts client certificates of its CA (server-config/wildfly/tls.sh).
#
#   test-server.sh <WildFly home> <directory for the PKI>
#
# In the directory: ca.pem (the server's and the nodes' CA), node-a.p12 and node-b.p12 (clients of
# ca), node-c.p12 (a client of spare-ca, the bundle's second CA), stranger.p12 (a client of a CA the
# server does not trust), each with its thumbprint in <name>.x5t; the .p12 stores' password is "test".
set -euo pipefail
home=$1 dir=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$dir"
(umask 077; mkdir -p "$dir")
cd "$dir"

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
ca() { # name subject
  key "$1"
  openssl req -x509 -new -key "$1.key" -out "$1.pem" -days 2 -subj "/CN=$2" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}
signed() { # name issuer subject extensions…
  local name=$1 issuer=$2 subject=$3
  shift 3
  key "$name"
  openssl req -new -key "$name.key" -subj "/CN=$subject" -out "$name.csr"
  openssl x509 -req -in "$name.csr" -CA "$issuer.pem" -CAkey "$issuer.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days 2 -out "$name.pem" -extfile <(printf '%s\n' basicConstraints=critical,CA:FALSE "$@") 2>/dev/null
  rm "$name.csr"
}
client() { # name issuer
  signed "$1" "$2" "$1" keyUsage=critical,digitalSignature extendedKeyUsage=clientAuth
  openssl pkcs12 -export -in "$1.pem" -inkey "$1.key" -name "$1" -passout pass:test -out "$1.p12"
  # its x5t#S256 as RFC 8705 defines it, computed apart from Latch's code for the tests to compare
  openssl x509 -in "$1.pem" -outform DER | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n' > "$1.x5t"
}

ca ca "Latch test CA"
ca other-ca "Another CA"
ca spare-ca "A second trusted CA"
signed server ca localhost keyUsage=critical,digitalSignature extendedKeyUsage=serverAuth \
  subjectAltName=DNS:localhost,IP:127.0.0.1
client node-a ca
client node-b ca
client node-c spare-ca
client stranger other-ca
# a bundle of two CAs, as an operator may give one
cat ca.pem spare-ca.pem > client-cas.pem

cp "$home/standalone/configuration/standalone.xml" "$home/standalone/configuration/standalone-it.xml"
LATCH_TLS_CERT_FILE=$dir/server.pem LATCH_TLS_KEY_FILE=$dir/server.key LATCH_TLS_CLIENT_CA_FILE=$dir/client-cas.pem \
  LATCH_HTTP=on bash "$here/../../../server-config/wildfly/tls.sh" "$home" "$home/standalone" standalone-it.xml
echo "Test server standalone-it.xml: HTTPS with $dir/server.pem, client certificates of $dir/ca.pem"
