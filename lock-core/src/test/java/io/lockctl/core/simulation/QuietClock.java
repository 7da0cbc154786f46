package io.lockctl.core.simulation;

import io.lockctl.core.clock.ComplianceClock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the compliance clock's warnings off the console while open: the simulation sets the system
 * clock back on purpose, and each time the clock says so, as it should.
 */
final class QuietClock implements AutoCloseable {
  /** Held so that the logger, and its settings, are not collected while quiet. */
  private final Logger logger = Logger.getLogger(ComplianceClock.class.getName());

  private final boolean usedParentHandlers = logger.getUseParentHandlers();
  private final Level level = logger.getLevel();

  QuietClock() {
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.OFF);
  }

  @Override
  public void close() {
    logger.setLevel(level);
    logger.setUseParentHandlers(usedParentHandlers);
  }
}
