package io.lockctl.core.store.memory;

/** Where a transaction's changes go: the undo log of a write; a read has none and cannot write. */
final class Writes {
  static final Writes NONE = new Writes(null);

  private final UndoLog log;

  Writes(UndoLog log) {
    this.log = log;
  }

  UndoLog log() {
    if (log == null) {
      throw new IllegalStateException("a read transaction cannot write");
    }
    return log;
  }
}
