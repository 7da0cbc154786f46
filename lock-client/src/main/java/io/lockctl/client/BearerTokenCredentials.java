package io.lockctl.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Sends {@code authorization: Bearer <token>} with every call, the token asked of a supplier each
 * time (off the network threads), so a token that is renewed is sent renewed. A supplier that fails
 * or has no token fails the call UNAUTHENTICATED without sending it.
 *
 * <p>{@link LockctlClient.Builder#bearerToken} uses it, and sends it only over TLS unless told
 * otherwise.
 */
public final class BearerTokenCredentials extends CallCredentials {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Supplier<String> token;

  public BearerTokenCredentials(Supplier<String> token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  /**
   * The token in {@code file}, read again for every call: a Kubernetes projected service-account
   * token, which the kubelet rewrites before it expires.
   */
  public static BearerTokenCredentials fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    return new BearerTokenCredentials(
        () -> {
          try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
          } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the bearer token in " + file, unreadable);
          }
        });
  }

  @Override
  public void applyRequestMetadata(
      RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
    appExecutor.execute(
        () -> {
          String value;
          try {
            value = token.get();
          } catch (RuntimeException failed) {
            applier.fail(
                Status.UNAUTHENTICATED
                    .withDescription("could not get a bearer token: " + failed.getMessage())
                    .withCause(failed));
            return;
          }
          if (value == null || value.isBlank()) {
            applier.fail(Status.UNAUTHENTICATED.withDescription("no bearer token to send"));
            return;
          }
          Metadata headers = new Metadata();
          headers.put(AUTHORIZATION, "Bearer " + value.trim());
          applier.apply(headers);
        });
  }
}
