#!/usr/bin/env bash
# Coverage-guided fuzzing of every lockctl gRPC service (docs/fuzzing.md), after `mvn -B verify`:
# each @FuzzTest of lock-server's GrpcFuzzTest runs in fuzzing mode (JAZZER_FUZZ=1) in a JVM of its
# own (Jazzer fuzzes one target per JVM), for LOCKCTL_FUZZ_SECONDS seconds, on the test class path
# that the build wrote to lock-server/target/fuzz-classpath.txt (no Maven start per target).
# Jazzer instruments only lockctl's own classes (io.lockctl.**), not gRPC, Netty or protobuf, and
# not the classes protoc generated from proto/ (io.lockctl.v1: three quarters of the time it spent
# instrumenting).
# Jazzer 0.24 takes libFuzzer flags as JUnit configuration parameters jazzer.internal.arg.<n>
# (arg.0 is libFuzzer's argv[0]); they come after, and so override, the @FuzzTest's own.
# Any finding fails the script; Jazzer writes the input to the target's directory under
# lock-server/src/test/resources/io/lockctl/server/fuzz/GrpcFuzzTestInputs/.
#
# LOCKCTL_FUZZ_JOBS (default 2) targets run at once.
#
#   LOCKCTL_FUZZ_SECONDS=60 bash .ci/fuzz.sh               # the recommended nightly budget, or more
#   LOCKCTL_FUZZ_SECONDS=600 bash .ci/fuzz.sh auditService # one target
set -euo pipefail
cd "$(dirname "$0")/../lock-server"

seconds=${LOCKCTL_FUZZ_SECONDS:-10}
if [ ! -f target/fuzz-classpath.txt ] || [ ! -d target/test-classes/io/lockctl/server/fuzz ]; then
  echo "fuzz.sh: build first (mvn -B verify, or test-compile of lock-server with -am)" >&2
  exit 2
fi
cp="target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)"
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=(snapshotService snapshotLockService retentionRuleService replicationService
    auditService backupService complianceClockService accessKeyService)
fi

jobs=${LOCKCTL_FUZZ_JOBS:-2}
logs=$(mktemp -d)

# One target in its own JVM; its verdict, time and libFuzzer's last line go to $logs/<target>.result.
fuzz_one() {
  local target=$1 began verdict done_line
  began=$(date +%s)
  if JAZZER_FUZZ=1 java \
    -Djava.util.logging.config.file=src/test/resources/logging.properties \
    -Djazzer.instrument='io.lockctl.**' \
    -Djazzer.instrumentation_excludes='io.lockctl.v1.**' -Djazzer.custom_hook_excludes='io.lockctl.v1.**' \
    -Djazzer.reproducer_path="$logs" \
    -Djazzer.internal.arg.0=fuzz.sh -Djazzer.internal.arg.1="-max_total_time=$seconds" \
    -cp "$cp" org.junit.platform.console.ConsoleLauncher execute \
    --disable-banner --details=none --fail-if-no-tests \
    --select-method "io.lockctl.server.fuzz.GrpcFuzzTest#$target(byte[])" >"$logs/$target.log" 2>&1; then
    verdict=ok
  else
    verdict=FAILED
  fi
  # libFuzzer's last line of statistics: "#<executions> DONE cov: ... exec/s: ..."
  done_line=$(grep -aE '^#[0-9]+[[:space:]]+DONE' "$logs/$target.log" | tail -n 1 || true)
  echo "$verdict $target: $verdict after $(($(date +%s) - began)) s; ${done_line:-no DONE line}" \
    >"$logs/$target.result"
}

# LOCKCTL_FUZZ_JOBS targets at a time (2: one per core of CI's machine).
start=$(date +%s)
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n || true
  done
  fuzz_one "$target" &
done
wait

failed=()
for target in "${targets[@]}"; do
  read -r verdict line <"$logs/$target.result"
  echo "$line"
  if [ "$verdict" != ok ]; then
    failed+=("$target")
    grep -av '^INFO: Instrumented ' "$logs/$target.log" | tail -n 80
  fi
done
echo "fuzz step: ${#targets[@]} targets, ${seconds} s each, $jobs at a time," \
  "$(($(date +%s) - start)) s wall; logs in $logs"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in ${failed[*]}" >&2
  exit 1
fi
