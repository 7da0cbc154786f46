package io.lockctl.core.snapshotlock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.auth.ConditionKey;
import io.lockctl.core.snapshot.LockMode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The policy condition {@code lockctl:LockMode} names the lock modes itself, so that authorization
 * does not depend on the snapshot package: a mode added to one list must be added to the other.
 */
class LockModeConditionTest {

  @Test
  void theConditionAcceptsExactlyTheLockModes() {
    assertEquals(
        Arrays.stream(LockMode.values()).map(Enum::name).toList(),
        ConditionKey.LOCK_MODE.allowedValues());
  }
}
