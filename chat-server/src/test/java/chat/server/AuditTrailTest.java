package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.GroupAction;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupReply;
import chat.protocol.JoinReply;
import chat.protocol.LoginRequest;
import chat.protocol.LogoutReply;
import chat.protocol.LogoutRequest;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay audits what happens on real connections (connects, registrations, logins and their
 * failures with a reason, resumes, logouts, disconnects, start and stop), never a password or
 * token, and the log can be read while the relay runs.
 */
class AuditTrailTest {
  private static final String WRONG_PASSWORD = "not-the-password-123";
  private static final String BAD_TOKEN = "t".repeat(43);

  @TempDir Path dataDir;

  private static List<AuditEvent> read(Path dataDir, AuditType type) throws Exception {
    try (Connection c = Database.openReadOnly(dataDir)) {
      return new AuditRepository()
          .find(c, new AuditQuery(Optional.empty(), 0, Optional.ofNullable(type), 10_000));
    }
  }

  /** A clean shutdown writes the DISCONNECT of every connection it closes, before it stops. */
  @Test
  void shutdown_withClientsConnected_auditsTheirDisconnectBeforeTheStop() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    TestClient client;
    try (Relay relay = RelayFixture.start(dataDir)) {
      client = connect(relay, dataDir);
      register(client, alice);
      login(client, "alice");
    }
    client.close();

    List<AuditEvent> all = read(dataDir, null);
    assertThat(all)
        .extracting(AuditEvent::type)
        .containsSubsequence(AuditType.CONNECT, AuditType.DISCONNECT, AuditType.RELAY_STOP);
    assertThat(read(dataDir, AuditType.DISCONNECT))
        .extracting(AuditEvent::username, AuditEvent::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", "closed by the relay: SHUTTING_DOWN"));
  }

  @Test
  void session_isAuditedWithReasons_readableWhileRunning_andHoldsNoSecrets() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    try (Relay relay = RelayFixture.start(dataDir)) {
      try (TestClient client = connect(relay, dataDir)) {
        register(client, alice);
        ErrorReply wrong =
            (ErrorReply)
                client.call(new LoginRequest(client.nextId(), "Alice", Secret.of(WRONG_PASSWORD)));
        assertThat(wrong.code()).isEqualTo(ErrorCode.AUTH_FAILED);
        client.call(new LoginRequest(client.nextId(), "nobody", Secret.of(WRONG_PASSWORD)));
        client.call(new ResumeRequest(client.nextId(), Secret.of(BAD_TOKEN)));
        login(client, "alice");
        client.ok(new LogoutRequest(client.nextId()), LogoutReply.class);
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !read(dataDir, AuditType.DISCONNECT).isEmpty());
    }

    List<AuditEvent> all = read(dataDir, null);
    assertThat(all)
        .extracting(AuditEvent::type)
        .containsSubsequence(
            AuditType.RELAY_START,
            AuditType.CONNECT,
            AuditType.REGISTER,
            AuditType.LOGIN_FAILED,
            AuditType.LOGIN_FAILED,
            AuditType.RESUME_FAILED,
            AuditType.LOGIN,
            AuditType.LOGOUT,
            AuditType.DISCONNECT,
            AuditType.RELAY_STOP);
    List<AuditEvent> failures = read(dataDir, AuditType.LOGIN_FAILED);
    assertThat(failures)
        .extracting(AuditEvent::username, AuditEvent::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Alice", "wrong password"),
            org.assertj.core.groups.Tuple.tuple("nobody", "unknown user"));
    assertThat(failures.get(0).address()).isEqualTo("127.0.0.1");
    assertThat(failures.get(0).connection()).startsWith("c");
    assertThat(read(dataDir, AuditType.RESUME_FAILED).get(0).detail())
        .isEqualTo("unknown or revoked token");
    assertThat(read(dataDir, AuditType.DISCONNECT).get(0).username()).isEmpty();
    assertThat(read(dataDir, AuditType.DISCONNECT).get(0).detail())
        .isEqualTo("closed by the client");
    for (String suffix : new String[] {"", "-wal"}) {
      Path file = dataDir.resolve(Database.FILE_NAME + suffix);
      if (Files.exists(file)) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(WRONG_PASSWORD).doesNotContain(BAD_TOKEN);
        assertThat(bytes).doesNotContain(RelayFixture.PASSWORD);
      }
    }
  }

  @Test
  void groupAdministration_isAuditedAsAdmin_withItsActor() throws Exception {
    try (Relay relay = RelayFixture.start(dataDir)) {
      try (TestClient client = connect(relay, dataDir, 2)) {
        register(client, RelayFixture.identity("olga"));
        register(client, RelayFixture.identity("pete"));
        login(client, "olga");
        client.ok(new GroupCreateRequest(client.nextId(), "#crew"), JoinReply.class);
        client.ok(
            new GroupMemberRequest(client.nextId(), "#crew", GroupAction.INVITE, "pete"),
            GroupReply.class);
        client.ok(new GroupDisbandRequest(client.nextId(), "#crew"), GroupReply.class);
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> read(dataDir, AuditType.ADMIN).size() >= 3);
    }
    assertThat(read(dataDir, AuditType.ADMIN))
        .extracting(AuditEvent::detail)
        .containsSubsequence(
            "created group #crew", "invite pete in #crew", "disbanded group #crew");
    assertThat(read(dataDir, AuditType.ADMIN)).extracting(AuditEvent::username).contains("olga");
  }

  @Test
  void connectionIds_ofTwoStarts_differ_andEachStartNamesItsTag() throws Exception {
    for (int start = 0; start < 2; start++) {
      try (Relay relay = RelayFixture.start(dataDir);
          TestClient client = connect(relay, dataDir)) {
        register(client, RelayFixture.identity("user" + start));
      }
    }

    List<AuditEvent> starts = read(dataDir, AuditType.RELAY_START);
    List<AuditEvent> registrations = read(dataDir, AuditType.REGISTER);
    assertThat(registrations).hasSize(2);
    for (int start = 0; start < 2; start++) {
      String id = registrations.get(start).connection();
      assertThat(id).matches("c1-[a-z2-7]{4}");
      assertThat(starts.get(start).detail())
          .startsWith("listening on 127.0.0.1:")
          .endsWith("; connection ids end in " + id.substring(id.indexOf('-')));
    }
    assertThat(registrations.get(1).connection())
        .as("the first connection of each start")
        .isNotEqualTo(registrations.get(0).connection());
  }

  @Test
  void relayStart_onAnIpv6Address_namesItInBrackets_andItsClientsInCompactForm() throws Exception {
    assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
    int port;
    try (Relay relay =
        Relay.start(
            RelayConfig.builder("::1", 0, dataDir).bcryptCost(4).build(),
            Clock.systemUTC(),
            RelayFixture.RANDOM)) {
      port = relay.port();
      try (Socket client = new Socket("::1", port)) {
        assertThat(client.isConnected()).isTrue();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> !read(dataDir, AuditType.CONNECT).isEmpty());
      }
    }

    assertThat(read(dataDir, AuditType.RELAY_START).get(0).detail())
        .startsWith("listening on [::1]:" + port + "; connection ids end in -");
    assertThat(read(dataDir, AuditType.CONNECT))
        .extracting(AuditEvent::address)
        .containsOnly("::1");
  }

  private static boolean ipv6Loopback() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("::1", 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
