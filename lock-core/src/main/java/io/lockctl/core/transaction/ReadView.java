package io.lockctl.core.transaction;

import java.time.Instant;

/** What every transaction view offers: the one compliance-clock instant it runs at. */
public interface ReadView {

  /** The compliance time of this transaction, fixed when it started. */
  Instant now();
}
