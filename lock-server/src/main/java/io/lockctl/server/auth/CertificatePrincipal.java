package io.lockctl.server.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Who a verified client certificate names: its first URI SAN (a SPIFFE id such as {@code
 * spiffe://corp.example/ns/backup/sa/snapshotter}), else its first DNS SAN, else its subject's
 * common name.
 */
public final class CertificatePrincipal {
  private static final int DNS_NAME = 2;
  private static final int URI = 6;

  private CertificatePrincipal() {}

  /** The principal, or null if the certificate names none of the three. */
  public static String of(X509Certificate certificate) {
    String uri = firstSan(certificate, URI);
    if (uri != null) {
      return uri;
    }
    String dns = firstSan(certificate, DNS_NAME);
    if (dns != null) {
      return dns;
    }
    return commonName(certificate.getSubjectX500Principal());
  }

  private static String firstSan(X509Certificate certificate, int type) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException malformed) {
      return null;
    }
    if (names == null) {
      return null;
    }
    for (List<?> name : names) {
      if (name.size() >= 2
          && name.get(0) instanceof Integer kind
          && kind == type
          && name.get(1) instanceof String value
          && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  private static String commonName(X500Principal subject) {
    try {
      List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
      // LdapName lists the RDNs most significant first (C, O, ...); the subject's own CN is last
      for (int i = rdns.size() - 1; i >= 0; i--) {
        Rdn rdn = rdns.get(i);
        if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String cn) {
          return cn.isEmpty() ? null : cn;
        }
      }
    } catch (InvalidNameException malformed) {
      return null;
    }
    return null;
  }
}
