package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.Secret;
import chat.server.RelayFixture;
import chat.server.RoomLimits;
import chat.server.TestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat rooms} on a relay whose room list is larger than one frame (the client walks every
 * page), and {@code chat group decline}, against a real relay.
 */
class ListScriptingEndToEndTest {
  private static final int FRAME_BYTES = 64 * 1024;
  private static final int ROOMS = 600;

  @RegisterExtension
  final RelayExtension relay =
      new RelayExtension(
          config ->
              config
                  .maxFrameBytes(FRAME_BYTES)
                  .maxPendingBytes(16L << 20)
                  .requestsPerSecond(1_000_000)
                  .requestBurst(1_000_000)
                  .rooms(new RoomLimits(ROOMS, 1000, 50)));

  @TempDir Path home;
  private ScriptRunner chat;

  @BeforeEach
  void runner() {
    chat = relay.scripts(home);
  }

  @Test
  void rooms_listLargerThanAFrame_printsEveryRoom() throws Exception {
    chat.ok("register", "--user", "alice");
    List<String> expected = new ArrayList<>(List.of("#lobby"));
    try (TestClient client = new TestClient(relay.port(), relay.certificate())) {
      client.hello();
      client.ok(
          new LoginRequest(client.nextId(), "alice", Secret.of(new String(Clients.PASSWORD))),
          LoginReply.class);
      // Half by another user: one user may be in only as many conversations as a login reply can
      // list (RoomLimits.conversationsFitting: 504 on this frame).
      try (TestClient other = new TestClient(relay.port(), relay.certificate())) {
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
    String[] lines = chat.ok("rooms", "--user", "alice").out().split("\n");
    List<String> listed =
        Arrays.stream(lines).map(line -> line.substring(2).split(" ")[0]).sorted().toList();
    assertThat(listed).containsExactlyElementsOf(expected.stream().sorted().toList());
  }

  /** A message larger than the relay's frames is refused unread: said not sent, at once. */
  @Test
  void send_messageLargerThanTheRelaysFrames_isSaidNotSent() {
    chat.ok("register", "--user", "alice");

    ScriptRunner.Result result = chat.run("send", "--user", "alice", "lobby", "x".repeat(65_000));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("not sent: the message is too large for this relay")
        .doesNotContain("may still have been delivered");
    // Within a frame but past what a send may carry: refused as it was read
    ScriptRunner.Result smaller = chat.run("send", "--user", "alice", "lobby", "x".repeat(50_000));
    assertThat(smaller.exitCode()).isEqualTo(1);
    assertThat(smaller.err())
        .contains("not sent: the relay refused the message (envelope larger than a send may carry;")
        .contains("send it in shorter parts");
    assertThat(chat.ok("history", "--user", "alice", "lobby").out()).doesNotContain("xxxx");
  }

  @Test
  void groupDecline_invitee_declinesAndCannotJoinAnyMore() throws Exception {
    chat.ok("register", "--user", "alice");
    chat.ok("register", "--user", "bob");
    chat.ok("group", "create", "team", "--user", "alice");
    chat.ok("group", "invite", "team", "bob", "--user", "alice");
    assertThat(chat.ok("rooms", "--user", "bob").out()).contains("#team").contains("(invited)");
    assertThat(chat.ok("group", "decline", "team", "--user", "bob").out())
        .isEqualTo("declined the invitation to #team\n");
    assertThat(chat.ok("rooms", "--user", "bob").out()).doesNotContain("#team");
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
    assertThat(chat.ok("rooms", "--user", "alice").out()).contains("#team");
  }
}
