package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeOpener;
import chat.crypto.IdentityKeyPair;
import chat.crypto.Recipient;
import chat.crypto.RecipientEnvelope;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.Reply;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.StoredMessage;
import chat.server.internal.relay.AccountService;
import chat.server.internal.relay.RegisterService;
import chat.server.internal.storage.AtRestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage across restarts: at-rest sealing, key rotation, durability and file permissions. */
class RelayRestartTest {
  @TempDir Path dataDir;

  @Test
  void restartAndRotation_keepEverythingReadable_andDatabaseHoldsNoPlaintextOrCiphertext()
      throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    String secretText = "the eagle lands at midnight";
    Envelope first = seal(alice, "#ops", List.of(), secretText);
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient client = connect(relay, dataDir)) {
      register(client, alice);
      login(client, "alice");
      client.ok(new JoinRequest("j", "#ops"), JoinReply.class);
      client.ok(new SendRequest("s1", "#ops", Bytes.of(first.encode())), SendReply.class);
      assertNotInDatabase(secretText.getBytes(StandardCharsets.UTF_8));
      assertNotInDatabase(first.payload().toByteArray());
    }
    assertThat(AtRestKeys.rotate(dataDir)).isEqualTo(2);
    Envelope second = seal(alice, "#ops", List.of(), "after rotation");
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient client = connect(relay, dataDir)) {
      login(client, "alice");
      client.ok(new SendRequest("s2", "#ops", Bytes.of(second.encode())), SendReply.class);
      HistoryReply history = client.ok(new HistoryRequest("h", "#ops", 0, 0), HistoryReply.class);
      List<String> texts = new ArrayList<>();
      for (StoredMessage message : history.messages()) {
        RecipientEnvelope form = RecipientEnvelope.parse(message.envelope().toByteArray());
        texts.add(
            new String(
                new EnvelopeOpener(RelayFixture.RANDOM)
                    .open(alice, alice.bundle(), form)
                    .plaintext(),
                StandardCharsets.UTF_8));
      }
      assertThat(texts).containsExactly(secretText, "after rotation");
    }
    assertNotInDatabase(second.payload().toByteArray());
    assertOwnerOnly();
  }

  /**
   * A keyset put back from before a rotation (or another relay's) does not hold the key of the
   * newest stored message: the relay refuses to start, naming the keyset, instead of starting and
   * leaving those messages out of history without a word.
   */
  @Test
  void start_withAKeysetFromBeforeTheLastRotation_isRefused_andStartsWithTheRightOne()
      throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    Path keyset = dataDir.resolve(AtRestKeys.FILE_NAME);
    byte[] before;
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient client = connect(relay, dataDir)) {
      register(client, alice);
      login(client, "alice");
      client.ok(new JoinRequest("j", "#ops"), JoinReply.class);
      Envelope first = seal(alice, "#ops", List.of(), "before the rotation");
      client.ok(new SendRequest("s1", "#ops", Bytes.of(first.encode())), SendReply.class);
    }
    before = Files.readAllBytes(keyset);
    AtRestKeys.rotate(dataDir);
    byte[] rotated = Files.readAllBytes(keyset);
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient client = connect(relay, dataDir)) {
      login(client, "alice");
      Envelope second = seal(alice, "#ops", List.of(), "after the rotation");
      client.ok(new SendRequest("s2", "#ops", Bytes.of(second.encode())), SendReply.class);
    }
    Files.write(keyset, before);

    assertThatThrownBy(() -> RelayFixture.start(dataDir).close())
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            keyset + " does not hold the key that sealed the newest stored message (stored ")
        .hasMessageContaining("a copy from before a chat-server keys rotate");

    Files.write(keyset, rotated);
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient client = connect(relay, dataDir)) {
      login(client, "alice");
      HistoryReply history = client.ok(new HistoryRequest("h", "#ops", 0, 0), HistoryReply.class);
      assertThat(history.messages()).hasSize(2);
    }
  }

  /**
   * Another relay's relay.db put beside this one's envelopes and keyset (a restore that mixed two
   * copies) names places in the envelopes that hold other messages: the relay refuses to start, and
   * cuts off nothing, where it used to cut the envelopes after the last place it names.
   */
  @Test
  void start_withAnotherCopysRelayDb_isRefused_andTheEnvelopesStayWhole(@TempDir Path other)
      throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    IdentityKeyPair erin = RelayFixture.identity("erin");
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient client = connect(relay, dataDir)) {
      register(client, alice);
      login(client, "alice");
      client.ok(new JoinRequest("j", "#ops"), JoinReply.class);
      for (int i = 0; i < 5; i++) {
        Envelope sent = seal(alice, "#ops", List.of(), "message " + i + " ".repeat(2000));
        client.ok(new SendRequest("s" + i, "#ops", Bytes.of(sent.encode())), SendReply.class);
      }
    }
    try (Relay relay = RelayFixture.start(other);
        TestClient client = connect(relay, other)) {
      register(client, erin);
      login(client, "erin");
      client.ok(new JoinRequest("j", "#lab"), JoinReply.class);
      Envelope sent = seal(erin, "#lab", List.of(), "from the other relay");
      client.ok(new SendRequest("s", "#lab", Bytes.of(sent.encode())), SendReply.class);
    }
    Files.copy(
        other.resolve("relay.db"),
        dataDir.resolve("relay.db"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(dataDir.resolve("relay.db-wal"));
    Files.deleteIfExists(dataDir.resolve("relay.db-shm"));
    Path segment = firstSegment();
    byte[] before = Files.readAllBytes(segment);

    assertThatThrownBy(() -> RelayFixture.start(dataDir).close())
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the newest stored message (stored ")
        .hasMessageContaining(
            "does not open where relay.db says it lies in envelopes/: relay.db and envelopes/"
                + " come from different copies of the data directory");
    assertThat(Files.readAllBytes(segment)).isEqualTo(before);
  }

  /**
   * One stored message whose bytes were damaged later, alone in the log: damage, not another copy's
   * relay.db. The relay starts, as it did before the check, and says so when it is read.
   */
  @Test
  void start_withItsOnlyMessageDamaged_starts() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient client = connect(relay, dataDir)) {
      register(client, alice);
      login(client, "alice");
      client.ok(new JoinRequest("j", "#ops"), JoinReply.class);
      Envelope sent = seal(alice, "#ops", List.of(), "the only one" + " ".repeat(500));
      client.ok(new SendRequest("s", "#ops", Bytes.of(sent.encode())), SendReply.class);
    }
    Path segment = firstSegment();
    byte[] bytes = Files.readAllBytes(segment);
    bytes[200] ^= 1;
    Files.write(segment, bytes);

    RelayFixture.start(dataDir).close();
  }

  /** The first envelope segment of the data directory. */
  private Path firstSegment() throws IOException {
    try (var files = Files.list(dataDir.resolve("envelopes"))) {
      return files.filter(p -> p.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
    }
  }

  @Test
  void history_readTwiceAndAfterARestart_sameBytes_eachTheReadersEntryWithItsRegisteredKey()
      throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    // Each message lists bob with a key he had before, too, in the entry before his own: of two
    // keys, the one whose entry sorts first is the one he had before.
    IdentityKeyPair one = RelayFixture.identity("bob");
    IdentityKeyPair two = RelayFixture.identity("bob");
    boolean oneFirst =
        Recipient.CANONICAL_ORDER.compare(Recipient.of(one.bundle()), Recipient.of(two.bundle()))
            < 0;
    IdentityKeyPair bobBefore = oneFirst ? one : two;
    IdentityKeyPair bob = oneFirst ? two : one;
    List<StoredMessage> first;
    List<StoredMessage> kept;
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient aliceClient = connect(relay, dataDir);
        TestClient bobClient = connect(relay, dataDir)) {
      register(aliceClient, alice);
      register(bobClient, bob);
      login(aliceClient, "alice");
      login(bobClient, "bob");
      aliceClient.ok(new JoinRequest("j", "#ops"), JoinReply.class);
      bobClient.ok(new JoinRequest("j", "#ops"), JoinReply.class);
      for (int i = 0; i < 3; i++) {
        Envelope message =
            seal(alice, "#ops", List.of(bobBefore.bundle(), bob.bundle()), "kept " + i);
        aliceClient.ok(
            new SendRequest("s" + i, "#ops", Bytes.of(message.encode())), SendReply.class);
      }
      first = bobClient.ok(new HistoryRequest("h", "#ops", 0, 0), HistoryReply.class).messages();
      // Read again, from the forms the first read kept (PagesTest shows that no envelope is read).
      kept = bobClient.ok(new HistoryRequest("h", "#ops", 0, 0), HistoryReply.class).messages();
    }
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient bobClient = connect(relay, dataDir)) {
      login(bobClient, "bob");
      List<StoredMessage> cut =
          bobClient.ok(new HistoryRequest("h", "#ops", 0, 0), HistoryReply.class).messages();

      assertThat(first).hasSize(3);
      assertThat(kept).isEqualTo(first);
      assertThat(cut).isEqualTo(first);
      List<String> texts = new ArrayList<>();
      for (StoredMessage message : first) {
        RecipientEnvelope form = RecipientEnvelope.parse(message.envelope().toByteArray());
        assertThat(form.entry().recipient()).isEqualTo(Recipient.of(bob.bundle()));
        texts.add(
            new String(
                new EnvelopeOpener(RelayFixture.RANDOM).open(bob, alice.bundle(), form).plaintext(),
                StandardCharsets.UTF_8));
      }
      assertThat(texts).containsExactly("kept 0", "kept 1", "kept 2");
    }
  }

  @Test
  void close_answersEveryPipelinedSendItStored() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    Relay relay = RelayFixture.start(dataDir);
    try (TestClient client = connect(relay, dataDir)) {
      register(client, alice);
      login(client, "alice");
      client.ok(new JoinRequest("j", "#ops"), JoinReply.class);
      for (int i = 0; i < 20; i++) {
        Envelope envelope = seal(alice, "#ops", List.of(), "in flight " + i);
        replies.add(
            client.sendAsync(new SendRequest("s" + i, "#ops", Bytes.of(envelope.encode()))));
      }
      // A request that writes, behind the sends: it must not be run on the thread that commits.
      CompletableFuture<Reply> join = client.sendAsync(new JoinRequest("j2", "#later"));
      // Close while most of them are still being checked or stored.
      replies.get(0).get(20, TimeUnit.SECONDS);
      assertTimeoutPreemptively(Duration.ofSeconds(60), relay::close);
      Reply joined = join.handle((r, failure) -> r).join();
      if (joined != null && !(joined instanceof JoinReply)) {
        assertThat(((ErrorReply) joined).code()).isEqualTo(ErrorCode.SHUTTING_DOWN);
      }
    } finally {
      relay.close();
    }
    Set<String> acknowledged = new HashSet<>();
    for (CompletableFuture<Reply> reply : replies) {
      Reply answer = reply.handle((r, failure) -> r).join();
      if (answer instanceof SendReply ok) {
        acknowledged.add(ok.messageId());
      } else if (answer != null) {
        assertThat(answer).isInstanceOf(ErrorReply.class);
        assertThat(((ErrorReply) answer).code()).isEqualTo(ErrorCode.SHUTTING_DOWN);
      }
    }
    Set<String> stored = new HashSet<>();
    try (Relay again = RelayFixture.start(dataDir);
        TestClient client = connect(again, dataDir)) {
      login(client, "alice");
      HistoryReply history = client.ok(new HistoryRequest("h", "#ops", 0, 0), HistoryReply.class);
      for (StoredMessage message : history.messages()) {
        stored.add(
            RecipientEnvelope.parse(message.envelope().toByteArray()).header().messageIdHex());
      }
    }
    // Acknowledged means durable; and no send was stored without its acknowledgement going out.
    assertThat(acknowledged).isNotEmpty();
    assertThat(stored).isEqualTo(acknowledged);
  }

  private void assertNotInDatabase(byte[] needle) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    List<Path> files = new ArrayList<>();
    for (String name : new String[] {"relay.db", "relay.db-wal"}) {
      files.add(dataDir.resolve(name));
    }
    try (var segments = Files.list(dataDir.resolve("envelopes"))) {
      files.addAll(segments.filter(f -> f.toString().endsWith(".seg")).toList());
    }
    assertThat(files).as("an envelope log segment").anyMatch(f -> f.toString().endsWith(".seg"));
    for (Path file : files) {
      if (Files.exists(file)) {
        all.write(Files.readAllBytes(file));
      }
    }
    assertThat(indexOf(all.toByteArray(), needle))
        .as("found in the database files or the envelope log")
        .isEqualTo(-1);
  }

  @Test
  void logPseudonym_ofAUser_staysAcrossRestarts_differsOnAnotherRelay_andIsNoPlainHash(
      @TempDir Path otherDataDir) throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    List<String> lines;
    try (CapturedLog logged = CapturedLog.of(AccountService.class, RegisterService.class)) {
      try (Relay relay = RelayFixture.start(dataDir);
          TestClient client = connect(relay, dataDir)) {
        register(client, alice);
      }
      try (Relay relay = RelayFixture.start(dataDir);
          TestClient client = connect(relay, dataDir)) {
        login(client, "alice");
      }
      try (Relay relay = RelayFixture.start(otherDataDir);
          TestClient client = connect(relay, otherDataDir)) {
        register(client, alice);
      }
      lines = logged.messages();
    }
    List<String> pseudonyms =
        lines.stream()
            .filter(line -> line.startsWith("registered ") || line.startsWith("login "))
            .map(line -> line.replaceFirst("^\\w+ (u:[0-9a-f]{8}) .*$", "$1"))
            .toList();
    assertThat(pseudonyms).hasSize(3).allMatch(id -> id.matches("u:[0-9a-f]{8}"));
    assertThat(pseudonyms.get(1)).as("after a restart").isEqualTo(pseudonyms.get(0));
    assertThat(pseudonyms.get(2)).as("on another relay").isNotEqualTo(pseudonyms.get(0));
    // SHA-256("alice") cut to 8 hex digits, the same on every relay: not a pseudonym at all.
    assertThat(pseudonyms).doesNotContain("u:2bd806c9");
    assertOwnerOnly();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  private void assertOwnerOnly() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
        .isEqualTo("rwx------");
    try (var files = Files.walk(dataDir)) {
      for (Path file : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(dataDir.relativize(file).toString())
            .isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------");
      }
    }
  }
}
