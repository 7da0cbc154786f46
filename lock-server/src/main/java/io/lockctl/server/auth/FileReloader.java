package io.lockctl.server.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Reads groups of files again every period, on one daemon thread, and hands a group whose bytes
 * changed to its loader. A loader that refuses the new bytes leaves the old credentials in force;
 * that is logged once the bad bytes have stayed for two reads in a row, so that a certificate
 * written a moment before its key is not reported as broken.
 *
 * <p>Bytes, not modification times, are compared: a rewrite within the file system's time
 * resolution still counts, and a Kubernetes secret's symlink swap is followed like any change.
 */
final class FileReloader implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FileReloader.class.getName());

  /** Makes credentials from the bytes of a group's files, in the order they were named. */
  @FunctionalInterface
  interface Loader {
    /**
     * @throws InvalidSecurityFileException when the bytes are not usable
     */
    void load(List<byte[]> contents);
  }

  /** One flag's file. */
  record File(String flag, Path path) {}

  private final Duration period;
  private final List<Group> groups = new ArrayList<>();
  private ScheduledExecutorService executor;
  private ScheduledFuture<?> checks;

  FileReloader(Duration period) {
    this.period = period;
  }

  /**
   * Loads {@code files} now, failing with {@link InvalidSecurityFileException} as start-up should,
   * and again whenever they change once {@link #start()} has run.
   */
  void watch(String what, List<File> files, Loader loader) {
    Group group = new Group(what, files, loader);
    List<byte[]> contents = new ArrayList<>();
    for (File file : files) {
      try {
        contents.add(Files.readAllBytes(file.path()));
      } catch (IOException unreadable) {
        throw new InvalidSecurityFileException(
            file.flag(), file.path(), "cannot read it: " + why(unreadable));
      }
    }
    loader.load(contents);
    group.loaded = contents;
    groups.add(group);
  }

  synchronized void start() {
    if (groups.isEmpty() || executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "lockctl-credential-reload");
              thread.setDaemon(true);
              return thread;
            });
    long millis = period.toMillis();
    checks = executor.scheduleWithFixedDelay(this::checkAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Reads every group once. */
  synchronized void checkAll() {
    for (Group group : groups) {
      try {
        group.check();
      } catch (RuntimeException unexpected) {
        LOG.warning(() -> "reloading " + group.what + " failed: " + unexpected);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      checks.cancel(false);
      executor.shutdownNow();
    }
  }

  private static String why(IOException failure) {
    String message = failure.getMessage();
    String kind = failure.getClass().getSimpleName();
    return message == null || message.isEmpty() ? kind : kind + ": " + message;
  }

  private static final class Group {
    final String what;
    final List<File> files;
    final Loader loader;
    List<byte[]> loaded;
    String lastFailure;
    List<byte[]> failed;
    boolean failureLogged;

    Group(String what, List<File> files, Loader loader) {
      this.what = what;
      this.files = files;
      this.loader = loader;
    }

    void check() {
      List<byte[]> contents = new ArrayList<>();
      String failure = null;
      for (File file : files) {
        try {
          contents.add(Files.readAllBytes(file.path()));
        } catch (IOException unreadable) {
          failure = file.flag() + " " + file.path() + ": cannot read it: " + why(unreadable);
          contents.add(new byte[0]);
        }
      }
      if (failure == null && same(contents, loaded)) {
        forgetFailure();
        return;
      }
      if (failure == null) {
        try {
          loader.load(contents);
          loaded = contents;
          forgetFailure();
          LOG.info(() -> "reloaded " + what);
          return;
        } catch (InvalidSecurityFileException invalid) {
          failure = invalid.getMessage();
        }
      }
      if (same(contents, failed) && failure.equals(lastFailure)) {
        if (!failureLogged) {
          failureLogged = true;
          String message = failure;
          LOG.warning(() -> "keeping the current " + what + ": " + message);
        }
      } else {
        failed = contents;
        lastFailure = failure;
        failureLogged = false;
      }
    }

    private void forgetFailure() {
      failed = null;
      lastFailure = null;
      failureLogged = false;
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
      if (b == null || a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!Arrays.equals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
