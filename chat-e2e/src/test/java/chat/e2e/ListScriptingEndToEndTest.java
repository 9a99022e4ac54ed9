package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.Secret;
import chat.server.Relay;
import chat.server.RelayConfig;
import chat.server.RelayFixture;
import chat.server.RoomLimits;
import chat.server.TestClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat rooms} on a relay whose room list is larger than one frame (the client walks every
 * page), and {@code chat group decline}, against a real relay.
 */
class ListScriptingEndToEndTest {
  private static final int FRAME_BYTES = 64 * 1024;
  private static final int ROOMS = 600;

  @TempDir Path dataDir;
  @TempDir Path home;
  private Relay relay;
  private ScriptRunner chat;

  @BeforeEach
  void start() throws Exception {
    RelayConfig config =
        RelayFixture.config(dataDir)
            .withBufferLimits(FRAME_BYTES, 16L << 20)
            .withRequestRate(1_000_000, 1_000_000)
            .withRooms(new RoomLimits(ROOMS, 1000, 50));
    relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM);
    chat = new ScriptRunner(relay.port(), home);
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  private ScriptRunner.Result ok(String... args) {
    ScriptRunner.Result result = chat.run(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
    return result;
  }

  @Test
  void rooms_listLargerThanAFrame_printsEveryRoom() throws Exception {
    ok("register", "--user", "alice");
    List<String> expected = new ArrayList<>(List.of("#lobby"));
    try (TestClient client = new TestClient(relay.port(), dataDir.resolve("tls.crt"))) {
      client.hello();
      client.ok(
          new LoginRequest(client.nextId(), "alice", Secret.of(new String(Clients.PASSWORD))),
          LoginReply.class);
      // Half by another user: one user may be in only as many conversations as a login reply can
      // list (RoomLimits.conversationsFitting: 504 on this frame).
      try (TestClient other = new TestClient(relay.port(), dataDir.resolve("tls.crt"))) {
        other.hello();
        RelayFixture.register(other, RelayFixture.identity("bert"));
        RelayFixture.login(other, "bert");
        for (int i = 0; i < ROOMS; i++) {
          String room = String.format("#room-%04d-", i) + "x".repeat(53);
          expected.add(room);
          TestClient by = i < ROOMS / 2 ? client : other;
          by.ok(new JoinRequest(by.nextId(), room), JoinReply.class);
        }
      }
    }
    String[] lines = ok("rooms", "--user", "alice").out().split("\n");
    List<String> listed =
        Arrays.stream(lines).map(line -> line.substring(2).split(" ")[0]).sorted().toList();
    assertThat(listed).containsExactlyElementsOf(expected.stream().sorted().toList());
  }

  @Test
  void groupDecline_invitee_declinesAndCannotJoinAnyMore() throws Exception {
    ok("register", "--user", "alice");
    ok("register", "--user", "bob");
    ok("group", "create", "team", "--user", "alice");
    ok("group", "invite", "team", "bob", "--user", "alice");
    assertThat(ok("rooms", "--user", "bob").out()).contains("#team").contains("(invited)");
    assertThat(ok("group", "decline", "team", "--user", "bob").out())
        .isEqualTo("declined the invitation to #team\n");
    assertThat(ok("rooms", "--user", "bob").out()).doesNotContain("#team");
    ScriptRunner.Result join = chat.run("join", "team", "--user", "bob");
    assertThat(join.exitCode()).isEqualTo(1);
    assertThat(join.err()).contains("invite-only");
    ScriptRunner.Result again = chat.run("group", "decline", "team", "--user", "bob");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("no invitation to #team to decline");
    ScriptRunner.Result nowhere = chat.run("group", "decline", "nosuchroom", "--user", "bob");
    assertThat(nowhere.exitCode()).isEqualTo(1);
    assertThat(nowhere.err()).contains("no invitation to #nosuchroom to decline");
    ScriptRunner.Result member = chat.run("group", "decline", "team", "--user", "alice");
    assertThat(member.exitCode()).isEqualTo(1);
    assertThat(member.err())
        .contains("you are a member of #team, not invited to it: chat leave team leaves it");
    assertThat(ok("rooms", "--user", "alice").out()).contains("#team");
  }
}
