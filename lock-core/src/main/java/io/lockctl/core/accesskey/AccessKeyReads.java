package io.lockctl.core.accesskey;

import io.lockctl.core.transaction.ReadView;

/** What reading access keys needs from a transaction. */
public interface AccessKeyReads extends ReadView {

  AccessKeyReader accessKeys();
}
