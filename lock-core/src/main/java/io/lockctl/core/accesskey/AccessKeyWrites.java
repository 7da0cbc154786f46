package io.lockctl.core.accesskey;

import io.lockctl.core.operation.MutationWrites;

/** What changing access keys needs from a write transaction. */
public interface AccessKeyWrites extends AccessKeyReads, MutationWrites {

  @Override
  AccessKeyRepository accessKeys();
}
