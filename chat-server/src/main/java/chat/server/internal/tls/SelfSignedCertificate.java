package chat.server.internal.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A freshly made self-signed ECDSA P-256 certificate (10 years, CN and DNS name = the hostname,
 * plus {@code localhost} and {@code 127.0.0.1}) and its private key, both as PEM.
 */
public final class SelfSignedCertificate {
  /** Validity of a generated certificate. */
  public static final Duration VALIDITY = Duration.ofDays(3650);

  private final String certificatePem;
  private final String privateKeyPem;

  private SelfSignedCertificate(String certificatePem, String privateKeyPem) {
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
  }

  /** The certificate as PEM. */
  public String certificatePem() {
    return certificatePem;
  }

  /** The PKCS#8 private key as PEM; a secret. */
  public String privateKeyPem() {
    return privateKeyPem;
  }

  @Override
  public String toString() {
    return "SelfSignedCertificate[redacted]";
  }

  /**
   * Generates a key pair and certificate for {@code hostname}.
   *
   * @throws GeneralSecurityException if the JDK lacks P-256 or ECDSA
   */
  public static SelfSignedCertificate generate(String hostname, SecureRandom random)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + hostname.replaceAll("[^A-Za-z0-9.-]", "-"));
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(127, random).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(VALIDITY)),
              name,
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, hostname.replaceAll("[^A-Za-z0-9.-]", "-")),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new SelfSignedCertificate(
          pem("CERTIFICATE", cert.getEncoded()),
          pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    } catch (OperatorCreationException | java.io.IOException e) {
      throw new GeneralSecurityException("certificate generation failed", e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
