package io.lockctl.core.accesskey;

/** Changing access keys, in a write transaction. */
public interface AccessKeyRepository extends AccessKeyReader {

  void insert(AccessKey key);

  void delete(String id);
}
