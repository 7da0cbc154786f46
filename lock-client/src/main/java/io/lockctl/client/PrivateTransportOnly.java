package io.lockctl.client;

import io.grpc.CallCredentials;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * Applies credentials only to calls on a connection with privacy and integrity (TLS, or the
 * in-process transport); on any other connection the call fails UNAUTHENTICATED and the credentials
 * are not sent. A token sent in plaintext can be read and replayed by anyone on the way.
 */
final class PrivateTransportOnly extends CallCredentials {
  private final CallCredentials credentials;

  PrivateTransportOnly(CallCredentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public void applyRequestMetadata(
      RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
    if (requestInfo.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY) {
      applier.fail(
          Status.UNAUTHENTICATED.withDescription(
              "refusing to send call credentials over a connection without TLS (security level "
                  + requestInfo.getSecurityLevel()
                  + "); connect with TLS, or allow it with"
                  + " LockctlClient.Builder.allowCredentialsOverPlaintext()"));
      return;
    }
    credentials.applyRequestMetadata(requestInfo, appExecutor, applier);
  }
}
