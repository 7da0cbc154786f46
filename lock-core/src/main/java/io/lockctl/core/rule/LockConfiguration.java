package io.lockctl.core.rule;

import java.time.Duration;

/** How a rule is locked: the delay between UnlockRule and the rule being UNLOCKED (7-30 days). */
public record LockConfiguration(int unlockDelayDays) {

  public Duration unlockDelay() {
    return Duration.ofDays(unlockDelayDays);
  }
}
