package io.lockctl.core.lockkey;

import io.lockctl.core.transaction.ReadView;

/** What reading lock keys and their usages needs from a transaction. */
public interface LockKeyReads extends ReadView {

  LockKeyReader lockKeys();

  KeyHolderReader keyHolders();

  KeyLockedSnapshots keyLockedSnapshots();
}
