#!/usr/bin/env bash
# Runs every ```sh block of README.md that directly follows a "<!-- readme-recipe -->" line, as it
# is written there, against a lockctl server started from the built jars by bin/lockctl-server, so
# that no recipe, and not the launcher either, can rot.
# Build first (mvn -B -DskipTests package). Each block runs in its own bash with -euo pipefail, in
# a directory of its own, with bin/ on PATH and LOCKCTL_TARGET naming the server; blocks run in
# README order against the same server. Exits 1 at the first block that fails, printing it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
server_jar=$root/lock-server/target/lock-server.jar
for jar in "$server_jar" "$root/lock-cli/target/lock-cli.jar"; do
  if [ ! -f "$jar" ]; then
    echo "readme-recipes: $jar is missing; build with: mvn -B -DskipTests package" >&2
    exit 2
  fi
done

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$root/bin/lockctl-server" --port 0 --data-dir "$work/data" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 1 240); do
  grep -q '^lockctl listening on ' "$work/server.out" && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "readme-recipes: the server exited before it was ready:" >&2
    cat "$work/server.err" >&2
    exit 1
  fi
  sleep 0.25
done
port=$(sed -n 's/^lockctl listening on [^ ]*:\([0-9][0-9]*\) .*/\1/p' "$work/server.out")
if [ -z "$port" ]; then
  echo "readme-recipes: the server did not get ready" >&2
  exit 1
fi
export LOCKCTL_TARGET="127.0.0.1:$port"
export PATH="$root/bin:$PATH"

# Each recipe becomes NN.sh; NN.line holds the README line its block starts on.
mkdir "$work/recipes"
awk -v dir="$work/recipes" '
  /^<!-- readme-recipe -->$/ { armed = 1; next }
  armed && /^```sh$/ { n++; file = sprintf("%s/%02d.sh", dir, n); print NR + 1 > (file ".line"); close(file ".line"); inside = 1; armed = 0; next }
  inside && /^```$/ { inside = 0; close(file); next }
  inside { print > file; next }
  { armed = 0 }
' "$root/README.md"

count=0
for recipe in "$work"/recipes/*.sh; do
  [ -e "$recipe" ] || break
  count=$((count + 1))
  line=$(cat "$recipe.line")
  run="$work/run-$count"
  mkdir "$run"
  echo "== README.md line $line"
  if ! (cd "$run" && bash -euo pipefail "$recipe"); then
    echo "readme-recipes: the recipe at README.md line $line failed:" >&2
    cat "$recipe" >&2
    exit 1
  fi
done
if [ "$count" -eq 0 ]; then
  echo "readme-recipes: README.md has no recipe marked <!-- readme-recipe -->" >&2
  exit 1
fi
echo "readme-recipes: all $count recipes passed"
