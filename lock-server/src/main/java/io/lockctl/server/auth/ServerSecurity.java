package io.lockctl.server.auth;

import com.nimbusds.jose.jwk.JWKSet;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * The server's transport security and caller authentication, made from a {@link SecurityConfig}:
 * the credentials its port is served with, the {@link Authenticator} every lockctl call goes
 * through, and the reloading of the certificate, key, CA and JWKS files while it runs.
 *
 * <p>gRPC's {@link AdvancedTlsX509KeyManager} and {@link AdvancedTlsX509TrustManager} hold the
 * certificates; each new TLS handshake uses whatever they hold then, so replaced files are in force
 * for new connections within a reload period, without a restart. (Their own file watchers read at
 * most once a minute and only when both modification times changed; ours compares bytes and checks
 * that a new key matches its certificate before using either.)
 *
 * <p>With a client CA the TLS layer asks for a client certificate but does not require one, so that
 * health checks and probes can connect without; a certificate that is presented must chain to the
 * CA, or the handshake fails. Whether a call needs credentials is the {@link Authenticator}'s
 * decision, per call.
 */
public final class ServerSecurity implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ServerSecurity.class.getName());

  private final SecurityConfig config;
  private final ServerCredentials credentials;
  private final Authenticator authenticator;
  private final FileReloader reloader;
  private final AdvancedTlsX509KeyManager keyManager;

  private ServerSecurity(
      SecurityConfig config,
      ServerCredentials credentials,
      Authenticator authenticator,
      FileReloader reloader,
      AdvancedTlsX509KeyManager keyManager) {
    this.config = config;
    this.credentials = credentials;
    this.authenticator = authenticator;
    this.reloader = reloader;
    this.keyManager = keyManager;
  }

  /**
   * Reads every file {@code config} names and starts watching them.
   *
   * @throws InvalidSecurityFileException naming the first file that cannot be read or used
   */
  public static ServerSecurity open(SecurityConfig config, Clock clock) {
    if (!config.tls()) {
      return new ServerSecurity(
          config, InsecureServerCredentials.create(), new HeaderAuthenticator(), null, null);
    }
    FileReloader reloader = new FileReloader(config.reloadPeriod());
    try {
      AdvancedTlsX509KeyManager keyManager = new AdvancedTlsX509KeyManager();
      FileReloader.File cert = new FileReloader.File("--tls-cert", config.tlsCert());
      FileReloader.File key = new FileReloader.File("--tls-key", config.tlsKey());
      reloader.watch(
          "server certificate (--tls-cert, --tls-key)",
          List.of(cert, key),
          contents -> loadIdentity(keyManager, cert, contents.get(0), key, contents.get(1), clock));
      TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder().keyManager(keyManager);

      if (config.clientCa() != null) {
        AdvancedTlsX509TrustManager trustManager = trustManager();
        FileReloader.File ca = new FileReloader.File("--client-ca", config.clientCa());
        reloader.watch(
            "client CA (--client-ca)",
            List.of(ca),
            contents -> loadTrust(trustManager, ca, contents.get(0)));
        tls.trustManager(trustManager).clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL);
      }

      BearerTokens tokens = null;
      if (config.oidc() != null) {
        AtomicReference<JWKSet> jwks = new AtomicReference<>();
        FileReloader.File file = new FileReloader.File("--oidc-jwks", config.oidc().jwks());
        reloader.watch(
            "JWKS (--oidc-jwks)",
            List.of(file),
            contents -> jwks.set(loadJwks(file, contents.get(0))));
        tokens =
            new BearerTokens(config.oidc().issuer(), config.oidc().audience(), jwks::get, clock);
      }

      Authenticator authenticator =
          config.authenticates()
              ? new CredentialAuthenticator(config.clientCa() != null, tokens)
              : new HeaderAuthenticator();
      reloader.start();
      return new ServerSecurity(config, tls.build(), authenticator, reloader, keyManager);
    } catch (RuntimeException failed) {
      reloader.close();
      throw failed;
    }
  }

  /** What the server's port is served with: plaintext, or TLS with the current certificates. */
  public ServerCredentials serverCredentials() {
    return credentials;
  }

  /**
   * The HTTP edge's TLS, with the same certificate as gRPC's (replaced files apply to both), or
   * empty in plaintext. HTTP callers authenticate with access keys, so it asks for no client
   * certificate.
   */
  public Optional<SslContext> httpSslContext() {
    if (keyManager == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          SslContextBuilder.forServer(keyManager)
              .applicationProtocolConfig(
                  new ApplicationProtocolConfig(
                      ApplicationProtocolConfig.Protocol.ALPN,
                      ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                      ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                      ApplicationProtocolNames.HTTP_1_1))
              .build());
    } catch (SSLException cannotBuild) {
      throw new IllegalStateException("cannot set up TLS for HTTP", cannotBuild);
    }
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  /** The mode in a few words, for the ready line. */
  public String mode() {
    return config.mode();
  }

  /** What an operator must be told at start: how this mode leaves callers unauthenticated. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (!config.tls()) {
      warnings.add(
          "insecure mode: plaintext, and every caller is trusted to name itself in lockctl-caller;"
              + " serve TLS with --tls-cert and --tls-key, and authenticate callers with"
              + " --client-ca and/or --oidc-*");
    } else if (!config.authenticates()) {
      warnings.add(
          "TLS without --client-ca or --oidc-*: calls are encrypted, but no caller is"
              + " authenticated and every caller is trusted to name itself in lockctl-caller");
    }
    return warnings;
  }

  /** Stops watching the files. */
  @Override
  public void close() {
    if (reloader != null) {
      reloader.close();
    }
  }

  private static AdvancedTlsX509TrustManager trustManager() {
    try {
      return AdvancedTlsX509TrustManager.newBuilder()
          .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
          .build();
    } catch (GeneralSecurityException unavailable) {
      throw new IllegalStateException("no X.509 trust manager in this JVM", unavailable);
    }
  }

  private static void loadIdentity(
      AdvancedTlsX509KeyManager keyManager,
      FileReloader.File certFile,
      byte[] certPem,
      FileReloader.File keyFile,
      byte[] keyPem,
      Clock clock) {
    X509Certificate[] chain = parse(certFile, () -> Pem.certificates(certPem));
    PrivateKey key = parse(keyFile, () -> Pem.privateKey(keyPem));
    if (!Pem.matches(key, chain[0])) {
      throw new InvalidSecurityFileException(
          keyFile.flag(),
          keyFile.path(),
          "is not the private key of the first certificate in " + certFile.path());
    }
    try {
      chain[0].checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException outside) {
      LOG.warning(
          () ->
              certFile.flag()
                  + " "
                  + certFile.path()
                  + ": the server certificate is not valid now ("
                  + outside.getMessage()
                  + "); clients will refuse it");
    }
    keyManager.updateIdentityCredentials(chain, key);
  }

  private static void loadTrust(
      AdvancedTlsX509TrustManager trustManager, FileReloader.File caFile, byte[] pem) {
    X509Certificate[] roots = parse(caFile, () -> Pem.certificates(pem));
    try {
      trustManager.updateTrustCredentials(roots);
    } catch (IOException | GeneralSecurityException unusable) {
      throw new InvalidSecurityFileException(
          caFile.flag(), caFile.path(), "cannot be used as trust roots: " + unusable.getMessage());
    }
  }

  private static JWKSet loadJwks(FileReloader.File file, byte[] json) {
    return parse(file, () -> BearerTokens.parseJwks(new String(json, StandardCharsets.UTF_8)));
  }

  private static <T> T parse(FileReloader.File file, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException invalid) {
      throw new InvalidSecurityFileException(file.flag(), file.path(), invalid.getMessage());
    }
  }
}
