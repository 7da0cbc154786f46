package io.lockctl.server.auth;

import io.grpc.Metadata;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.stream.StreamSupport;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Every call must prove who makes it, with a client certificate (verified by the TLS handshake
 * against the client CA), a bearer token, or both. The {@code lockctl-caller} header is ignored.
 *
 * <p>When a call carries both, the token decides: a valid token's subject is the caller, and an
 * invalid token refuses the call even though the certificate is good. A client that sends a token
 * means to act as its subject; quietly falling back to the certificate would run the call as
 * someone else than the client asked. Without OIDC configured, an {@code authorization} header is
 * not ours to judge and is ignored.
 */
public final class CredentialAuthenticator implements Authenticator {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** Longer principals would not fit the places that key on them (idempotency records, logs). */
  static final int MAX_PRINCIPAL_LENGTH = 512;

  private static final String BEARER = "bearer ";

  private final boolean clientCertificates;
  private final BearerTokens tokens;

  /**
   * @param clientCertificates whether the TLS layer asks for client certificates
   * @param tokens the token checks, or null when bearer tokens are not accepted
   */
  public CredentialAuthenticator(boolean clientCertificates, BearerTokens tokens) {
    if (!clientCertificates && tokens == null) {
      throw new IllegalArgumentException("nothing to authenticate with");
    }
    this.clientCertificates = clientCertificates;
    this.tokens = tokens;
  }

  @Override
  public Verdict authenticate(Metadata headers, SSLSession session) {
    if (tokens != null && headers.containsKey(AUTHORIZATION)) {
      return fromToken(headers);
    }
    X509Certificate certificate = clientCertificates ? peerCertificate(session) : null;
    if (certificate == null) {
      return refused(
          "no-credentials",
          "this server requires "
              + (clientCertificates && tokens != null
                  ? "a client certificate or a bearer token"
                  : clientCertificates ? "a client certificate" : "a bearer token"));
    }
    String principal = CertificatePrincipal.of(certificate);
    if (!usable(principal)) {
      return refused(
          "certificate-principal",
          "the client certificate names no usable principal (URI or DNS SAN, or CN)");
    }
    return new Caller(principal);
  }

  private Verdict fromToken(Metadata headers) {
    long count = StreamSupport.stream(headers.getAll(AUTHORIZATION).spliterator(), false).count();
    if (count != 1) {
      return refused("malformed", "send one authorization header, not " + count);
    }
    String value = headers.get(AUTHORIZATION);
    if (value.length() <= BEARER.length()
        || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return refused("malformed", "the authorization header must be 'Bearer <JWT>'");
    }
    BearerTokens.Outcome outcome = tokens.verify(value.substring(BEARER.length()).trim());
    if (outcome instanceof BearerTokens.Invalid invalid) {
      return refused("token-" + invalid.kind(), invalid.message());
    }
    String subject = ((BearerTokens.Valid) outcome).subject();
    if (!usable(subject)) {
      return refused("token-subject", "the bearer token's subject is not a usable principal");
    }
    return new Caller(subject);
  }

  private static X509Certificate peerCertificate(SSLSession session) {
    if (session == null) {
      return null;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf : null;
    } catch (SSLPeerUnverifiedException noCertificate) {
      return null;
    }
  }

  private static boolean usable(String principal) {
    return principal != null
        && !principal.isBlank()
        && principal.length() <= MAX_PRINCIPAL_LENGTH
        && principal.chars().noneMatch(Character::isISOControl);
  }

  private static Refused refused(String kind, String message) {
    return new Refused(Rejection.of(Reason.UNAUTHENTICATED, message), kind);
  }
}
