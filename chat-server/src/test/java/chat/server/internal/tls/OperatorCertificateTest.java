package chat.server.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorCertificateTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  /** Writes a certificate and its key as {@code name.crt} and {@code name.key}. */
  private Path[] pair(String name) throws Exception {
    SelfSignedCertificate made = SelfSignedCertificate.generate(name, RANDOM);
    return new Path[] {
      Files.writeString(dir.resolve(name + ".crt"), made.certificatePem()),
      Files.writeString(dir.resolve(name + ".key"), made.privateKeyPem())
    };
  }

  @Test
  void check_keyOfTheCertificate_passes() throws Exception {
    Path[] one = pair("one");

    assertThatCode(() -> OperatorCertificate.check(one[0], one[1])).doesNotThrowAnyException();
  }

  @Test
  void othersMayRead_aKeyEveryoneMayRead_isWarnedOf_anOwnerOrGroupOneIsNot() throws Exception {
    Path key = pair("one")[1];
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(OperatorCertificate.othersMayRead(key))
        .contains(
            "--tls-key "
                + key
                + " may be read by every user of this machine (rw-r--r--), and whoever reads it"
                + " can pose as this relay: chmod 600 it (or 640, with a group only the relay's"
                + " user is in)");
    for (String fine : new String[] {"rw-------", "rw-r-----"}) {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(fine));
      assertThat(OperatorCertificate.othersMayRead(key)).as(fine).isEmpty();
    }
  }

  @Test
  void check_keyOfAnotherCertificate_throwsNamingBothFiles() throws Exception {
    Path[] one = pair("one");
    Path[] two = pair("two");

    assertThatThrownBy(() -> OperatorCertificate.check(one[0], two[1]))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "--tls-key "
                + two[1]
                + " is not the key of the certificate in --tls-cert "
                + one[0]
                + "; give the key that was made with it");
  }

  @Test
  void check_keyOfAnotherType_throws() throws Exception {
    Path[] one = pair("one");
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048, RANDOM);
    KeyPair other = rsa.generateKeyPair();
    Path key =
        Files.writeString(
            dir.resolve("rsa.key"),
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(other.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> OperatorCertificate.check(one[0], key))
        .hasMessageStartingWith("--tls-key " + key + " is not the key of the certificate");
  }

  @Test
  void check_missingOrMalformedFiles_throwNamingTheOption() throws Exception {
    Path[] one = pair("one");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "garbage\n");
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(() -> OperatorCertificate.check(missing, one[1]))
        .hasMessage("--tls-cert " + missing + ": no such file");
    assertThatThrownBy(() -> OperatorCertificate.check(garbage, one[1]))
        .hasMessage(
            "--tls-cert "
                + garbage
                + " holds no PEM certificate (a chain of -----BEGIN CERTIFICATE----- blocks)");
    assertThatThrownBy(() -> OperatorCertificate.check(one[0], missing))
        .hasMessage("--tls-key " + missing + ": no such file");
    assertThatThrownBy(() -> OperatorCertificate.check(one[0], garbage))
        .hasMessage(
            "--tls-key " + garbage + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    assertThatThrownBy(() -> OperatorCertificate.check(one[0], one[0]))
        .hasMessageStartingWith("--tls-key " + one[0] + " holds no PEM private key");
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
