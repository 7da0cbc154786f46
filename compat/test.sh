#!/usr/bin/env bash
# Runs the anchors' own SDKs (compat/, node's test runner) against an already-built server jar:
#   LOCKCTL_SERVER_JAR=lock-server/target/lock-server.jar bash compat/test.sh
# Installs compat/'s locked dependencies first (npm ci). Exits non-zero if a suite fails.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=${LOCKCTL_SERVER_JAR:-lock-server/target/lock-server.jar}
if [[ ! -f "$jar" ]]; then
  echo "compat/test.sh: no server jar at $jar (build it: mvn -B -q -DskipTests package)" >&2
  exit 1
fi
export LOCKCTL_SERVER_JAR
LOCKCTL_SERVER_JAR=$(realpath "$jar")

npm ci --prefix compat --no-audit --no-fund --loglevel=error >/dev/null
echo "== The anchors' SDKs against the HTTP edge (compat)"
cd compat && node --test
