package io.lockctl.core.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The policy from a file, kept in force until a valid new version replaces it. Reads are a single
 * volatile load, so authorising a call never waits for a reload; a reload that fails for any reason
 * (missing, unreadable, too large, not JSON, invalid) keeps the old policy and logs one WARNING
 * line saying why.
 */
public final class ReloadingPolicy implements Authorizer {
  private static final Logger LOG = Logger.getLogger(ReloadingPolicy.class.getName());

  private final Path file;
  private volatile Policy current;

  /** What the last read saw, success or not, so a watcher reports each change once. */
  private volatile PolicyFile.Fingerprint lastRead;

  private ReloadingPolicy(Path file, Policy initial, PolicyFile.Fingerprint fingerprint) {
    this.file = file;
    this.current = initial;
    this.lastRead = fingerprint;
  }

  /**
   * Loads {@code file} at start-up; a missing or invalid file is an exception whose message says
   * what is wrong and where (the server exits with it).
   */
  public static ReloadingPolicy load(Path file) throws InvalidPolicyException {
    Objects.requireNonNull(file, "file");
    PolicyFile.Contents contents = PolicyFile.read(file);
    Policy policy = Policy.parse(contents.bytes(), PolicyFile.describe(file));
    return new ReloadingPolicy(file, policy, contents.fingerprint());
  }

  @Override
  public AccessDecision authorize(AccessRequest request) {
    return current.authorize(request);
  }

  /** The policy in force now. */
  public Policy current() {
    return current;
  }

  public Path file() {
    return file;
  }

  /**
   * Reads the file again and puts it in force if it is valid (for SIGHUP and the watcher). Returns
   * whether the new file is now in force; when not, the previous policy still is.
   */
  public synchronized boolean reload() {
    try {
      PolicyFile.Contents contents;
      try {
        contents = PolicyFile.read(file);
      } catch (InvalidPolicyException e) {
        lastRead = PolicyFile.Fingerprint.UNREADABLE;
        throw e;
      }
      lastRead = contents.fingerprint();
      Policy policy = Policy.parse(contents.bytes(), PolicyFile.describe(file));
      current = policy;
      LOG.info(
          () ->
              "policy reloaded from " + file + " (" + policy.statements().size() + " statements)");
      return true;
    } catch (InvalidPolicyException e) {
      warnKept(e.getMessage());
      return false;
    } catch (RuntimeException e) {
      warnKept("reading " + PolicyFile.describe(file) + " failed: " + e);
      return false;
    }
  }

  /**
   * Starts a daemon thread that reloads whenever the file's content, size or time changes, checking
   * every {@code interval}.
   */
  public PolicyWatcher watch(Duration interval) {
    return PolicyWatcher.start(this, interval);
  }

  /** As {@link #watch(Duration)}, checking every second. */
  public PolicyWatcher watch() {
    return watch(PolicyWatcher.DEFAULT_INTERVAL);
  }

  /** Whether the file differs from what the last read saw (an unreadable file included). */
  boolean fileChanged() {
    return !PolicyFile.fingerprint(file).equals(lastRead);
  }

  private static void warnKept(String reason) {
    LOG.warning(
        "policy not reloaded, the previous policy stays in force: "
            + reason.replace('\n', ' ').replace('\r', ' '));
  }
}
