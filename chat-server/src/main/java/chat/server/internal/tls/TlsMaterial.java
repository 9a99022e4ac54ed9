package chat.server.internal.tls;

import chat.server.internal.storage.FilePermissions;
import chat.server.internal.storage.SmallFiles;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's TLS certificate and key: an operator's PEM files, or a self-signed ECDSA P-256
 * certificate made on first start as {@code tls.crt} and {@code tls.key} (PKCS#8, owner-only) in
 * the data directory.
 */
public record TlsMaterial(Path certificate, Path privateKey, String fingerprint) {
  private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);

  /** Self-signed certificate file name. */
  public static final String CERT_FILE = "tls.crt";

  /** Self-signed key file name. */
  public static final String KEY_FILE = "tls.key";

  /**
   * The operator's files if both are given, else the data directory's self-signed pair, made if
   * missing.
   *
   * @throws IOException if files cannot be read or written
   * @throws GeneralSecurityException if the certificate is invalid
   */
  public static TlsMaterial resolve(
      Path dataDir, Path operatorCert, Path operatorKey, String hostname, SecureRandom random)
      throws IOException, GeneralSecurityException {
    if ((operatorCert == null) != (operatorKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (operatorCert != null) {
      return new TlsMaterial(operatorCert, operatorKey, fingerprintOf(operatorCert));
    }
    Path cert = dataDir.resolve(CERT_FILE);
    Path key = dataDir.resolve(KEY_FILE);
    if (!Files.exists(cert) || !Files.exists(key)) {
      SelfSignedCertificate made = SelfSignedCertificate.generate(hostname, random);
      FilePermissions.writeOwnerOnly(key, made.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
      FilePermissions.writeOwnerOnly(
          cert, made.certificatePem().getBytes(StandardCharsets.US_ASCII));
    }
    FilePermissions.restrictLoose(key)
        .ifPresent(
            mode ->
                LOG.warn(
                    "{} was {}; made it owner-only (rw-------). Other users of this machine may"
                        + " have read the relay's TLS key: if so, make a new pair (stop the relay,"
                        + " remove {} and {}, start it) and give users the new fingerprint",
                    key,
                    mode,
                    KEY_FILE,
                    CERT_FILE));
    OperatorCertificate.checkMadeHere(cert, key);
    return new TlsMaterial(cert, key, fingerprintOf(cert));
  }

  /** {@code AB:CD:...}: SHA-256 of the certificate's DER encoding, colon-separated hex. */
  public static String fingerprintOf(Path certificatePem)
      throws IOException, GeneralSecurityException {
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        SmallFiles.read(certificatePem, 1 << 20, "a PEM certificate")));
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
  }

  /** The name of the TLS implementation {@link #serverContext()} uses. */
  public static String providerName() {
    return OpenSsl.isAvailable() ? "OpenSSL (netty-tcnative BoringSSL)" : "JDK";
  }

  /**
   * A server context allowing TLS 1.3 only.
   *
   * @throws IOException if the files cannot be read as PEM
   */
  public SslContext serverContext() throws IOException {
    SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile())
        .sslProvider(provider)
        .protocols("TLSv1.3")
        .build();
  }
}
