package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.internal.RelayChatClient;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stolen relay disk, its logs or a dump of its memory would reveal: the relay runs as its
 * own process at DEBUG, real clients register, log in again, talk in a room and privately, and then
 * the relay's database files, its log and a heap dump of its process (with {@code jcmd}) are
 * searched for every secret the clients know. None may be there. The clients' own files are
 * owner-only.
 */
class RelaySecretsTest {
  @TempDir Path root;

  @Test
  void relayDatabaseLogAndHeapDump_holdNoPlaintextPasswordPassphraseTokenOrPrivateKey()
      throws Exception {
    String tag = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    String plaintext = "plaintext-marker-" + tag;
    String password = "password-marker-" + tag;
    String passphrase = "passphrase-marker-" + tag;
    Path data = root.resolve("data");
    Path homes = root.resolve("homes");
    Path heapDump = root.resolve("relay.hprof");
    try (RelayProcess relay = RelayProcess.start(data, 0, "DEBUG")) {
      try (RelayChatClient alice = Clients.live(relay.port(), homes);
          RelayChatClient bob = Clients.live(relay.port(), homes)) {
        RecordingListener bobEvents = new RecordingListener();
        bob.addListener(bobEvents);
        alice.register("alice", password.toCharArray(), passphrase.toCharArray());
        bob.register("bob", password.toCharArray(), passphrase.toCharArray());
        alice.logout();
        alice.login("alice", password.toCharArray(), passphrase.toCharArray());
        alice.join("#secret");
        bob.join("#secret");
        alice.send("#secret", plaintext + " in a room");
        alice.send(alice.directWith("bob"), plaintext + " in private");
        bobEvents.awaitText(plaintext + " in private");
        relay.dumpHeap(heapDump);
      }
    }
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    secrets.put("message text", utf8(plaintext));
    secrets.put("password", utf8(password));
    secrets.put("key passphrase", utf8(passphrase));
    secrets.put("session token", utf8(sessionToken(homes.resolve("alice").resolve("state.json"))));
    IdentityKeyPair keys =
        KeyFile.open(
            Files.readAllBytes(homes.resolve("alice").resolve("identity.key")),
            passphrase.toCharArray());
    secrets.put("Ed25519 seed", keys.ed25519Seed());
    secrets.put("RSA private exponent", middle(keys.rsaPrivateKey().getPrivateExponent()));
    secrets.put("RSA prime", middle(keys.rsaPrivateKey().getPrimeP()));

    Map<String, byte[]> places = new LinkedHashMap<>();
    places.put("relay.db + wal", concat(data.resolve("relay.db"), data.resolve("relay.db-wal")));
    places.put("relay log", Files.readAllBytes(RelayProcess.logOf(data)));
    places.put("relay heap dump", Files.readAllBytes(heapDump));
    assertThat(places.get("relay log")).isNotEmpty();
    assertThat(new String(places.get("relay log"), StandardCharsets.UTF_8)).contains("DEBUG");
    for (Map.Entry<String, byte[]> place : places.entrySet()) {
      String haystack = new String(place.getValue(), StandardCharsets.ISO_8859_1);
      for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
        for (byte[] form : encodings(secret.getValue())) {
          assertThat(haystack.contains(new String(form, StandardCharsets.ISO_8859_1)))
              .as(secret.getKey() + " found in " + place.getKey())
              .isFalse();
        }
      }
    }
  }

  @Test
  void clientProfile_isOwnerOnly_andItsKeyFileHoldsNoClearPrivateKey() throws Exception {
    Path data = root.resolve("data");
    Path homes = root.resolve("homes");
    String passphrase = "a long key passphrase";
    try (Relay relay = RelayFixture.start(data);
        RelayChatClient alice = Clients.live(relay.port(), homes)) {
      alice.register("alice", "correct horse battery".toCharArray(), passphrase.toCharArray());
      alice.send("#lobby", "hello");
    }
    Path profile = homes.resolve("alice");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile)))
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(profile)) {
      for (Path file : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(file.getFileName().toString())
            .isEqualTo("rw-------");
      }
    }
    byte[] keyFile = Files.readAllBytes(profile.resolve("identity.key"));
    IdentityKeyPair keys = KeyFile.open(keyFile, passphrase.toCharArray());
    assertThat(contains(keyFile, keys.ed25519Seed())).isFalse();
    assertThat(contains(keyFile, middle(keys.rsaPrivateKey().getPrivateExponent()))).isFalse();
    assertThat(contains(Files.readAllBytes(profile.resolve("state.json")), utf8(passphrase)))
        .isFalse();
  }

  private static String sessionToken(Path stateJson) throws Exception {
    Matcher token =
        Pattern.compile("\"token\"\\s*:\\s*\"([A-Za-z0-9_-]{43})\"")
            .matcher(Files.readString(stateJson));
    assertThat(token.find()).as("a session token in state.json").isTrue();
    return token.group(1);
  }

  /**
   * 32 bytes from the middle of a big number: unique to this key, whatever the encoding's header.
   */
  private static byte[] middle(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int from = bytes.length / 2 - 16;
    return Arrays.copyOfRange(bytes, from, from + 32);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes as stored, and for text also as UTF-16 in either byte order (a Java char[]). */
  private static List<byte[]> encodings(byte[] secret) {
    String text = new String(secret, StandardCharsets.ISO_8859_1);
    if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return List.of(secret);
    }
    return List.of(
        secret, text.getBytes(StandardCharsets.UTF_16BE), text.getBytes(StandardCharsets.UTF_16LE));
  }

  private static byte[] concat(Path... files) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Path file : files) {
      if (Files.exists(file)) {
        out.write(Files.readAllBytes(file));
      }
    }
    return out.toByteArray();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    String hay = new String(haystack, StandardCharsets.ISO_8859_1);
    return hay.contains(new String(needle, StandardCharsets.ISO_8859_1));
  }
}
