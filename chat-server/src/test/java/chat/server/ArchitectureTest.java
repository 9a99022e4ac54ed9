package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The relay's main code never touches a user's private key or decrypts user content. */
class ArchitectureTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "EnvelopeOpener",
          "IdentityKeyPair",
          "KeyFile",
          "Ed25519Signer",
          "chat.crypto.internal",
          "chat.cli");

  @Test
  void mainSources_useNoPrivateKeyCrypto() throws IOException {
    List<String> violations;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      violations =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .flatMap(ArchitectureTest::violations)
              .collect(Collectors.toList());
    }
    assertThat(violations).isEmpty();
  }

  private static Stream<String> violations(Path file) {
    try {
      String text = Files.readString(file);
      return FORBIDDEN.stream()
          .filter(name -> text.matches("(?s).*\\b" + name.replace(".", "\\.") + "\\b.*"))
          .map(name -> file + " uses " + name);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
