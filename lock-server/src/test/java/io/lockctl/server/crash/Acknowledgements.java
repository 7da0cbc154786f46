package io.lockctl.server.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAccumulator;

/** What every client was told, gathered across threads and server lives. */
final class Acknowledgements {
  private final ConcurrentLinkedQueue<AckedTokenCall<?, ?>> tokenCalls =
      new ConcurrentLinkedQueue<>();
  private final LongAccumulator latestLockCreationMillis =
      new LongAccumulator(Math::max, Long.MIN_VALUE);
  private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

  void tokenCall(AckedTokenCall<?, ?> call) {
    tokenCalls.add(call);
  }

  void lockCreated(long creationMillis) {
    latestLockCreationMillis.accumulate(creationMillis);
  }

  /** An answer no crash explains: the test's model or the server is wrong. */
  void unexpected(String what) {
    unexpected.add(what);
  }

  List<AckedTokenCall<?, ?>> tokenCalls() {
    return new ArrayList<>(tokenCalls);
  }

  long latestLockCreationMillis() {
    return latestLockCreationMillis.get();
  }

  List<String> unexpected() {
    return new ArrayList<>(unexpected);
  }
}
