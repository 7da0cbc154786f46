#!/usr/bin/env bash
# Runs the Python and Node.js client suites against an already-built server jar:
#   LOCKCTL_SERVER_JAR=lock-server/target/lock-server.jar bash clients/test.sh
# First installs what is missing: Debian's packages for Python (as root, with apt-get) and
# clients/node's locked dependencies (npm ci). Exits non-zero if either suite fails.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=${LOCKCTL_SERVER_JAR:-lock-server/target/lock-server.jar}
if [[ ! -f "$jar" ]]; then
  echo "clients/test.sh: no server jar at $jar (build it: mvn -B -q -DskipTests package)" >&2
  exit 1
fi
export LOCKCTL_SERVER_JAR
LOCKCTL_SERVER_JAR=$(realpath "$jar")

# Python uses Debian's grpcio and protobuf, so it must be Debian's interpreter, not one on PATH.
debs=(python3 python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc libprotobuf-dev)
missing=()
for deb in "${debs[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$deb" 2>/dev/null | grep -qx installed || missing+=("$deb")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "clients/test.sh: missing Debian packages; as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "installing ${missing[*]}"
  log=$(mktemp)
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  rm -f "$log"
fi
npm ci --prefix clients/node --no-audit --no-fund --loglevel=error >/dev/null

status=0

echo "== Python client (clients/python)"
/usr/bin/python3 - <<'PY' || status=1
import sys
import unittest

suite = unittest.defaultTestLoader.discover("clients/python/tests")
result = unittest.TextTestRunner(stream=sys.stdout, verbosity=1).run(suite)
failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
skipped = len(result.skipped)
print(f"python: {result.testsRun - failed - skipped} passed, {failed} failed, {skipped} skipped")
sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
PY

echo "== Node.js client (clients/node)"
(cd clients/node && node --test) || status=1

exit "$status"
