#!/usr/bin/env bash
# Makes the certificates `loadtest security-cost` uses, with the same openssl commands as
# README.md's "Making certificates": a CA, a server certificate for 127.0.0.1 and localhost, and a
# client certificate naming spiffe://lockctl.bench/loadtest.
#   bash loadtest/make-pki.sh DIR
set -euo pipefail
dir=${1:?usage: make-pki.sh DIR}
mkdir -p "$dir"
cd "$dir"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
  -keyout ca.key -out ca.pem -subj "/CN=lockctl bench CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout server.key -out server.csr -subj "/CN=lockctl" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
  -extfile server.ext -out server.pem 2>/dev/null

openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout client.key -out client.csr -subj "/CN=loadtest" 2>/dev/null
printf 'subjectAltName=URI:spiffe://lockctl.bench/loadtest\nextendedKeyUsage=clientAuth\n' > client.ext
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
  -extfile client.ext -out client.pem 2>/dev/null

echo "certificates in $dir: ca.pem, server.pem + server.key, client.pem + client.key"
