package io.lockctl.server.auth;

import io.grpc.Metadata;
import io.lockctl.core.error.Rejection;
import javax.net.ssl.SSLSession;

/** Decides who is making a call, from its headers and its connection, or refuses it. */
public interface Authenticator {

  /**
   * @param session the call's TLS session, or null on plaintext and in-process connections
   */
  Verdict authenticate(Metadata headers, SSLSession session);

  /** Who, or why not. */
  sealed interface Verdict {}

  /** The call is made by {@code principal}. */
  record Caller(String principal) implements Verdict {}

  /**
   * The call is refused with {@code rejection} before any service code runs.
   *
   * @param logKind non-null when the refusal is worth a (rate-limited) warning: a fixed name of
   *     what was wrong, never anything the caller sent
   */
  record Refused(Rejection rejection, String logKind) implements Verdict {}
}
