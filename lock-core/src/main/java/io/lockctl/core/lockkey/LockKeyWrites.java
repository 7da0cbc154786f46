package io.lockctl.core.lockkey;

import io.lockctl.core.operation.MutationWrites;

/** What changing lock keys needs: the keys, and the relationships a key change detaches. */
public interface LockKeyWrites extends LockKeyReads, MutationWrites {

  @Override
  LockKeyRepository lockKeys();

  @Override
  KeyHolders keyHolders();
}
