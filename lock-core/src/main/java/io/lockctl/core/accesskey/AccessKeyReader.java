package io.lockctl.core.accesskey;

import java.util.List;
import java.util.Optional;

/** Reading access keys; the store implements it. */
public interface AccessKeyReader {

  Optional<AccessKey> find(String id);

  /**
   * Up to {@code limit} keys in id order after {@code afterId} ({@code null} for the first), of
   * {@code principal} only unless it is empty.
   */
  List<AccessKey> list(String principal, String afterId, int limit);
}
