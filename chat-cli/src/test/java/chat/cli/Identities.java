package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Armor;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Identities shared by all CLI tests in this JVM, made once each because RSA key generation is
 * slow. Tests that change an identity work on a {@link #copy}.
 */
final class Identities {
  /** A user id with a right-to-left override, which bundles allow but terminals must not see. */
  static final String MALLORY = "mal\u202Eyrol";

  private static final Map<String, Path> HOMES = new HashMap<>();
  private static Path root;

  private Identities() {}

  /** The home of {@code user}, created through {@code chat identity new} on first use. */
  static synchronized Path home(String user) {
    Path existing = HOMES.get(user);
    if (existing != null) {
      return existing;
    }
    Path home = root().resolve(user.equals(MALLORY) ? "mallory" : user);
    if (user.equals(MALLORY)) {
      writeDirectly(home, user);
    } else {
      Cli.Result result =
          Cli.withPassphrase().run("identity", "new", "--home", home.toString(), "--user", user);
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }
    HOMES.put(user, home);
    return home;
  }

  /** {@code user}'s armored identity.pub. */
  static Path pub(String user) {
    return home(user).resolve(IdentityHome.PUBLIC_FILE_NAME);
  }

  /** A fresh copy of {@code user}'s home under {@code target}, for tests that change it. */
  static Path copy(String user, Path target) {
    try {
      Files.createDirectories(target);
      for (String name : new String[] {IdentityHome.KEY_FILE_NAME, IdentityHome.PUBLIC_FILE_NAME}) {
        Files.copy(
            home(user).resolve(name), target.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mallory's id cannot be typed into {@code --user}, so her files are written directly. */
  private static void writeDirectly(Path home, String user) {
    SecureRandom random = new SecureRandom();
    IdentityKeyPair identity =
        IdentityKeyPair.generate(user, random, Clock.fixed(Cli.NOW, ZoneOffset.UTC));
    byte[] keyFile = KeyFile.seal(identity, Cli.PASSPHRASE.toCharArray(), Cli.FAST_KDF, random);
    try {
      Files.createDirectories(home);
      Files.write(home.resolve(IdentityHome.KEY_FILE_NAME), keyFile);
      Files.writeString(
          home.resolve(IdentityHome.PUBLIC_FILE_NAME),
          Armor.encode(Armor.IDENTITY, identity.bundle().encode()),
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("chat-cli-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path dir = root;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    }
    return root;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // best effort at exit
    }
  }
}
