package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.GetKeyBackupRequest;
import chat.protocol.KeyBackupReply;
import chat.protocol.LoginReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.PutKeyBackupReply;
import chat.protocol.PutKeyBackupRequest;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted key backup: stored per account, returned only to that account, sealed at rest. */
class KeyBackupTest {
  @TempDir static Path dataDir;
  static Relay relay;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    try (TestClient client = connect(relay, dataDir)) {
      register(client, RelayFixture.identity("dora"));
      register(client, RelayFixture.identity("erin"));
      register(client, RelayFixture.identity("finn"));
      register(client, RelayFixture.identity("gwen"));
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static byte[] marker(int fill) {
    byte[] backup = new byte[3000];
    Arrays.fill(backup, (byte) fill);
    byte[] marker = "BACKUP-MARKER".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(marker, 0, backup, 0, marker.length);
    return backup;
  }

  @Test
  void putThenGet_sameAccount_returnsExactBytes_otherAccountHasNone() throws Exception {
    byte[] first = marker(1);
    byte[] second = marker(2);
    try (TestClient dora = connect(relay, dataDir)) {
      login(dora, "dora");
      dora.ok(
          new PutKeyBackupRequest(dora.nextId(), Secret.of(RelayFixture.PASSWORD), Bytes.of(first)),
          PutKeyBackupReply.class);
      dora.ok(
          new PutKeyBackupRequest(
              dora.nextId(), Secret.of(RelayFixture.PASSWORD), Bytes.of(second)),
          PutKeyBackupReply.class);
      KeyBackupReply reply = dora.ok(new GetKeyBackupRequest(dora.nextId()), KeyBackupReply.class);
      assertThat(reply.backup().toByteArray()).isEqualTo(second);
    }
    // audited once a minute per account and outcome: two backups stored, one entry so far
    await().atMost(Duration.ofSeconds(10)).until(() -> keyBackupEvents("dora").contains("stored"));
    try (TestClient dora = connect(relay, dataDir)) {
      login(dora, "dora");
      dora.ok(new GetKeyBackupRequest(dora.nextId()), KeyBackupReply.class); // after the events
    }
    assertThat(keyBackupEvents("dora")).containsExactly("stored");
    try (TestClient erin = connect(relay, dataDir)) {
      login(erin, "erin");
      ErrorReply error = erin.ok(new GetKeyBackupRequest(erin.nextId()), ErrorReply.class);
      assertThat(error.code()).isEqualTo(ErrorCode.NO_KEY_BACKUP);
    }
  }

  @Test
  void put_wrongPassword_authFailed_backupStays_andCountsAsLoginFailure() throws Exception {
    byte[] kept = marker(4);
    try (TestClient finn = connect(relay, dataDir)) {
      login(finn, "finn");
      finn.ok(
          new PutKeyBackupRequest(finn.nextId(), Secret.of(RelayFixture.PASSWORD), Bytes.of(kept)),
          PutKeyBackupReply.class);
      // a stolen session token alone: every guess is refused and counted
      for (int i = 0; i < 5; i++) {
        ErrorReply refused =
            finn.ok(
                new PutKeyBackupRequest(
                    finn.nextId(), Secret.of("a guess " + i), Bytes.of(marker(5))),
                ErrorReply.class);
        assertThat(refused.code()).isEqualTo(ErrorCode.AUTH_FAILED);
      }
      ErrorReply locked =
          finn.ok(
              new PutKeyBackupRequest(
                  finn.nextId(), Secret.of(RelayFixture.PASSWORD), Bytes.of(marker(5))),
              ErrorReply.class);
      assertThat(locked.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      KeyBackupReply reply = finn.ok(new GetKeyBackupRequest(finn.nextId()), KeyBackupReply.class);
      assertThat(reply.backup().toByteArray()).isEqualTo(kept);
    }
  }

  /**
   * A client from before the password was asked (wire version 3) sends none. Its backup is taken
   * where it logged in with the password, as it does at registration; not on a connection a token
   * resumed, nor from a client that offers version 4 or later, which sends one.
   */
  @Test
  void put_withoutPassword_onlyFromAnOlderClientThatLoggedInWithThePassword() throws Exception {
    byte[] old = marker(6);
    LoginReply session;
    try (TestClient oldClient = connect(relay, dataDir, ProtocolVersions.BINARY)) {
      session = login(oldClient, "gwen");
      oldClient.ok(
          new PutKeyBackupRequest(oldClient.nextId(), null, Bytes.of(old)),
          PutKeyBackupReply.class);
    }
    try (TestClient resumed = connect(relay, dataDir, ProtocolVersions.BINARY)) {
      resumed.ok(new ResumeRequest(resumed.nextId(), session.token()), ResumeReply.class);
      ErrorReply refused =
          resumed.ok(
              new PutKeyBackupRequest(resumed.nextId(), null, Bytes.of(marker(7))),
              ErrorReply.class);
      assertThat(refused.code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(refused.message()).contains("resumed a session");
    }
    try (TestClient current = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
      login(current, "gwen");
      ErrorReply refused =
          current.ok(
              new PutKeyBackupRequest(current.nextId(), null, Bytes.of(marker(8))),
              ErrorReply.class);
      assertThat(refused.code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(refused.message()).isEqualTo("put_key_backup needs the account password");
      KeyBackupReply reply =
          current.ok(new GetKeyBackupRequest(current.nextId()), KeyBackupReply.class);
      assertThat(reply.backup().toByteArray()).isEqualTo(old);
    }
    // the operator sees the one taken and both refused, naming the version the client offered
    await().atMost(Duration.ofSeconds(10)).until(() -> keyBackupEvents("gwen").size() == 3);
    assertThat(keyBackupEvents("gwen"))
        .containsExactlyInAnyOrder(
            "stored without a password (wire version " + ProtocolVersions.BINARY + ")",
            "refused: no password on a resumed session (wire version "
                + ProtocolVersions.BINARY
                + ")",
            "refused: no password (wire version " + ProtocolVersions.CURRENT + ")");
  }

  /** The details of {@code username}'s {@link AuditType#KEY_BACKUP} events. */
  private static List<String> keyBackupEvents(String username) throws Exception {
    try (Connection c = Database.openReadOnly(dataDir)) {
      return new AuditRepository()
              .find(
                  c,
                  new AuditQuery(
                      Optional.of(username), 0, Optional.of(AuditType.KEY_BACKUP), 10_000))
              .stream()
              .map(AuditEvent::detail)
              .toList();
    }
  }

  @Test
  void get_beforeLogin_isAuthRequired() throws Exception {
    try (TestClient anonymous = connect(relay, dataDir)) {
      ErrorReply error =
          anonymous.ok(new GetKeyBackupRequest(anonymous.nextId()), ErrorReply.class);
      assertThat(error.code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
    }
  }

  @Test
  void storedBackup_isSealedAtRest_notInTheDatabaseInTheClear() throws Exception {
    try (TestClient dora = connect(relay, dataDir)) {
      login(dora, "dora");
      dora.ok(
          new PutKeyBackupRequest(
              dora.nextId(), Secret.of(RelayFixture.PASSWORD), Bytes.of(marker(3))),
          PutKeyBackupReply.class);
    }
    byte[] needle = "BACKUP-MARKER".getBytes(StandardCharsets.US_ASCII);
    for (String name : new String[] {"relay.db", "relay.db-wal"}) {
      Path file = dataDir.resolve(name);
      if (Files.exists(file)) {
        assertThat(indexOf(Files.readAllBytes(file), needle)).as(name).isEqualTo(-1);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
