package io.lockctl.server.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by the tests: CAs, server certificates for 127.0.0.1 and localhost, client
 * certificates naming their principal by URI SAN, DNS SAN or CN only, expired ones. EC P-256 keys,
 * which are quick to make.
 */
public final class TestPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPki() {}

  /** A certificate with its key pair. */
  public record Issued(X509Certificate certificate, KeyPair keys) {
    /** Writes the certificate as PEM to {@code certFile} and the PKCS#8 key to {@code keyFile}. */
    public void write(Path certFile, Path keyFile) throws IOException {
      writeCertificates(certFile, certificate);
      Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }
  }

  public static Issued ca(String commonName) {
    return builder("CN=" + commonName + ",O=lockctl tests").ca().selfSigned();
  }

  /** For 127.0.0.1 and localhost, valid for a day. */
  public static Issued server(Issued ca) {
    return builder("CN=lockctl test server").dns("localhost").ip("127.0.0.1").server().issuedBy(ca);
  }

  public static Builder builder(String subject) {
    return new Builder(subject);
  }

  public static void writeCertificates(Path file, X509Certificate... certificates)
      throws IOException {
    StringBuilder text = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        text.append(pem("CERTIFICATE", certificate.getEncoded()));
      } catch (GeneralSecurityException unencodable) {
        throw new IllegalStateException(unencodable);
      }
    }
    Files.writeString(file, text);
  }

  public static String pem(String label, byte[] der) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
  }

  /** What the next certificate says. */
  public static final class Builder {
    private final String subject;
    private final List<GeneralName> sans = new ArrayList<>();
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(1));
    private boolean ca;
    private KeyPurposeId purpose = KeyPurposeId.id_kp_clientAuth;

    private Builder(String subject) {
      this.subject = subject;
    }

    public Builder uri(String uri) {
      sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
      return this;
    }

    public Builder dns(String name) {
      sans.add(new GeneralName(GeneralName.dNSName, name));
      return this;
    }

    public Builder ip(String address) {
      sans.add(new GeneralName(GeneralName.iPAddress, address));
      return this;
    }

    public Builder valid(Instant from, Instant until) {
      this.notBefore = from;
      this.notAfter = until;
      return this;
    }

    Builder ca() {
      this.ca = true;
      return this;
    }

    public Builder server() {
      this.purpose = KeyPurposeId.id_kp_serverAuth;
      return this;
    }

    public Issued selfSigned() {
      KeyPair keys = newKeys();
      return sign(keys, new X500Name(subject), keys);
    }

    public Issued issuedBy(Issued issuer) {
      return sign(
          newKeys(),
          X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
          issuer.keys());
    }

    private Issued sign(KeyPair keys, X500Name issuer, KeyPair issuerKeys) {
      try {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Name(subject),
                    keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                .addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        if (ca) {
          builder.addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
          builder
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (!sans.isEmpty()) {
          builder.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(sans.toArray(GeneralName[]::new)));
        }
        X509Certificate certificate =
            new JcaX509CertificateConverter()
                .getCertificate(
                    builder.build(
                        new JcaContentSignerBuilder("SHA256withECDSA")
                            .build(issuerKeys.getPrivate())));
        return new Issued(certificate, keys);
      } catch (GeneralSecurityException | CertIOException | OperatorCreationException failed) {
        throw new IllegalStateException(failed);
      }
    }
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException unavailable) {
      throw new IllegalStateException(unavailable);
    }
  }
}
