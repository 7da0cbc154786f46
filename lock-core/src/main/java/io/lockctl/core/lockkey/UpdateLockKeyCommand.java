package io.lockctl.core.lockkey;

import java.util.List;

/**
 * UpdateLockKey's input; only the fields named in {@code updatePaths} are read.
 *
 * @param updatePaths the field mask's paths, among "comment" and "disabled"
 */
public record UpdateLockKeyCommand(
    String lockKeyRef, String comment, boolean disabled, List<String> updatePaths) {

  public UpdateLockKeyCommand {
    updatePaths = List.copyOf(updatePaths);
  }
}
