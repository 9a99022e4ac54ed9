package chat.server.internal.tls;

import chat.server.internal.storage.SmallFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Checks an operator's {@code --tls-cert} and {@code --tls-key} before the relay creates anything:
 * each file must be readable and hold a certificate chain or an unencrypted private key (PKCS#8, or
 * the older RSA and EC forms Netty also reads), and the key must belong to the first certificate. A
 * key of another certificate used to start a relay whose every TLS handshake failed.
 */
public final class OperatorCertificate {
  private static final byte[] PROBE =
      "chat-server: does this key belong to this certificate?".getBytes(StandardCharsets.US_ASCII);

  /** The largest certificate or key file read: a long chain of certificates fits many times. */
  private static final int MAX_PEM_BYTES = 1 << 20;

  private OperatorCertificate() {}

  /**
   * Reads both files and checks that {@code key} belongs to the first certificate of {@code
   * certificate}.
   *
   * @throws IOException naming the option, the file and what is wrong with it
   */
  public static void check(Path certificate, Path key) throws IOException {
    check("--tls-cert", certificate, "--tls-key", key, "; give the key that was made with it", "");
  }

  /**
   * As {@link #check(Path, Path)}, for the pair the relay made in its data directory ({@code
   * tls.crt}, {@code tls.key}): a file damaged there stops the start naming it, where Netty's own
   * error named the key as an argument (exit 2) and the JDK's the certificate not at all.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static void checkMadeHere(Path certificate, Path key) throws IOException {
    String restore =
        "; restore the pair from a backup, or move both away to make a new one (every client will"
            + " then warn that the relay's certificate changed)";
    check("the relay's certificate", certificate, "the relay's key", key, restore, restore);
  }

  /**
   * Checks the pair, naming each file by its label; {@code mismatched} is said after a key of
   * another certificate, {@code damaged} after a file that holds no certificate or key.
   */
  private static void check(
      String certificateLabel,
      Path certificate,
      String keyLabel,
      Path key,
      String mismatched,
      String damaged)
      throws IOException {
    PublicKey publicKey = firstCertificate(certificateLabel, certificate, damaged).getPublicKey();
    PrivateKey privateKey = privateKey(keyLabel, key, damaged);
    if (!belongTogether(privateKey, publicKey)) {
      throw new IOException(
          keyLabel
              + " "
              + key
              + " is not the key of the certificate in "
              + certificateLabel
              + " "
              + certificate
              + mismatched);
    }
  }

  /**
   * A warning if every user of this machine may read the operator's key {@code key} (the relay
   * leaves the operator's files as they are): whoever reads it can pose as the relay. A key its
   * group may read is a common setup (a group such as ssl-cert that the relay's user is in).
   */
  public static Optional<String> othersMayRead(Path key) {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(key);
      if (mode.contains(PosixFilePermission.OTHERS_READ)) {
        return Optional.of(
            "--tls-key "
                + key
                + " may be read by every user of this machine ("
                + PosixFilePermissions.toString(mode)
                + "), and whoever reads it can pose as this relay: chmod 600 it (or 640, with a"
                + " group only the relay's user is in)");
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system, or not readable here: nothing to say
    }
    return Optional.empty();
  }

  private static Certificate firstCertificate(String label, Path file, String damaged)
      throws IOException {
    try (InputStream in = open(label, file)) {
      Collection<? extends Certificate> chain =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (!chain.isEmpty()) {
        return chain.iterator().next();
      }
    } catch (CertificateException e) {
      // below: not a certificate
    }
    throw new IOException(
        label
            + " "
            + file
            + " holds no PEM certificate (a chain of -----BEGIN CERTIFICATE----- blocks)"
            + damaged);
  }

  private static PrivateKey privateKey(String label, Path file, String damaged) throws IOException {
    boolean encrypted = false;
    InputStream in = open(label, file);
    try (PEMParser pem = new PEMParser(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object block = pem.readObject(); block != null; block = pem.readObject()) {
        if (block instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (block instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
          encrypted = true;
          break;
        }
      }
    } catch (IOException malformed) {
      // below: no key
    }
    throw new IOException(
        label
            + " "
            + file
            + (encrypted
                ? " is encrypted; the relay needs it unencrypted (and owner-only)"
                : " holds no PEM private key (-----BEGIN PRIVATE KEY-----)" + damaged));
  }

  private static InputStream open(String option, Path file) throws IOException {
    try {
      // Bounded: a PEM file is a few kilobytes, and /dev/zero named by mistake has no end.
      return new ByteArrayInputStream(SmallFiles.read(file, MAX_PEM_BYTES, "a PEM file"));
    } catch (NoSuchFileException e) {
      throw new IOException(option + " " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException(option + " " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new IOException(option + " " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code privateKey} signs what {@code publicKey} verifies. A key type this check does
   * not know (RSA-PSS, say) passes: Netty then decides.
   */
  private static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
    String algorithm =
        switch (publicKey.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
          default -> null;
        };
    if (algorithm == null) {
      return true;
    }
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a key of another type, or of other parameters
    }
  }
}
