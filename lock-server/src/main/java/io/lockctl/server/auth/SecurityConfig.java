package io.lockctl.server.auth;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the server protects its port and learns who is calling. Without a certificate it serves
 * plaintext (insecure mode); with one it serves TLS, and with a client CA and/or OIDC settings it
 * also authenticates every call.
 *
 * @param tlsCert the server's PEM certificate chain, or null for plaintext
 * @param tlsKey the PEM (PKCS#8) private key of the chain's first certificate, or null
 * @param clientCa a PEM bundle of the CAs client certificates must chain to, or null to ask for no
 *     client certificate
 * @param oidc what a bearer token must satisfy, or null to accept none
 * @param insecure the operator's consent to plaintext on a non-loopback address
 * @param reloadPeriod how often the certificate, key, CA and JWKS files are read again
 * @param policy the policy file that decides what each authenticated caller may do, or null to let
 *     every caller do everything (the flags require one whenever callers are authenticated)
 * @param auditKey the audit log's Ed25519 signing key (PKCS#8 PEM), or null for one the store makes
 *     and keeps
 */
public record SecurityConfig(
    Path tlsCert,
    Path tlsKey,
    Path clientCa,
    Oidc oidc,
    boolean insecure,
    Duration reloadPeriod,
    Path policy,
    Path auditKey) {

  /**
   * Rotated files are picked up within this long. Reading a few small files this often costs
   * nothing measurable, and certificate managers renew days before expiry.
   */
  public static final Duration DEFAULT_RELOAD_PERIOD = Duration.ofSeconds(10);

  /** Plaintext, every caller trusted: the default, for a server on a loopback address. */
  public static final SecurityConfig PLAINTEXT =
      new SecurityConfig(null, null, null, null, false, DEFAULT_RELOAD_PERIOD, null, null);

  /**
   * Bearer tokens are accepted when they are signed by a key of the JWKS file, issued by {@code
   * issuer} and meant for {@code audience}.
   */
  public record Oidc(String issuer, String audience, Path jwks) {
    public Oidc {
      if (issuer == null || issuer.isBlank()) {
        throw new IllegalArgumentException("--oidc-issuer must not be empty");
      }
      if (audience == null || audience.isBlank()) {
        throw new IllegalArgumentException("--oidc-audience must not be empty");
      }
      if (jwks == null) {
        throw new IllegalArgumentException("--oidc-jwks must name a file");
      }
    }
  }

  public SecurityConfig {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException(
          "--tls-cert and --tls-key go together: give both (the certificate chain and its private"
              + " key) or neither");
    }
    if (tlsCert == null && clientCa != null) {
      throw new IllegalArgumentException(
          "--client-ca needs --tls-cert and --tls-key: client certificates are only asked for"
              + " over TLS");
    }
    if (tlsCert == null && oidc != null) {
      throw new IllegalArgumentException(
          "--oidc-issuer, --oidc-audience and --oidc-jwks need --tls-cert and --tls-key: a bearer"
              + " token sent over plaintext can be read and replayed by anyone on the way");
    }
    if (tlsCert != null && insecure) {
      throw new IllegalArgumentException(
          "--insecure contradicts --tls-cert and --tls-key: drop --insecure to serve TLS, or the"
              + " certificate to serve plaintext");
    }
    // the fields are not assigned yet: read the parameters, not authenticates()
    if (policy != null && clientCa == null && oidc == null) {
      throw new IllegalArgumentException(
          "--policy needs authenticated callers (--client-ca and/or --oidc-*): without them every"
              + " caller names itself, and a policy over such names protects nothing");
    }
    if (reloadPeriod.isNegative() || reloadPeriod.isZero()) {
      throw new IllegalArgumentException("the reload period must be positive");
    }
  }

  /** Without a policy or an audit key of its own. */
  public SecurityConfig(
      Path tlsCert,
      Path tlsKey,
      Path clientCa,
      Oidc oidc,
      boolean insecure,
      Duration reloadPeriod) {
    this(tlsCert, tlsKey, clientCa, oidc, insecure, reloadPeriod, null, null);
  }

  public boolean tls() {
    return tlsCert != null;
  }

  /** True when calls must carry credentials: a client certificate, a bearer token, or either. */
  public boolean authenticates() {
    return clientCa != null || oidc != null;
  }

  /**
   * The mode in a few words, for the ready line: "tls, client certificates, oidc", "tls, callers
   * not authenticated", or "insecure: plaintext, every caller trusted".
   */
  public String mode() {
    if (!tls()) {
      return "insecure: plaintext, every caller trusted";
    }
    if (!authenticates()) {
      return "tls, callers not authenticated";
    }
    return "tls"
        + (clientCa != null ? ", client certificates" : "")
        + (oidc != null ? ", oidc" : "");
  }

  /** The same settings, with the files read again every {@code period}. */
  public SecurityConfig withReloadPeriod(Duration period) {
    return new SecurityConfig(tlsCert, tlsKey, clientCa, oidc, insecure, period, policy, auditKey);
  }

  /** The same settings, with {@code policyFile} deciding what callers may do. */
  public SecurityConfig withPolicy(Path policyFile) {
    return new SecurityConfig(
        tlsCert, tlsKey, clientCa, oidc, insecure, reloadPeriod, policyFile, auditKey);
  }
}
