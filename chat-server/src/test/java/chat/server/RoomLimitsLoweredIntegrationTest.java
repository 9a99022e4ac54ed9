package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.GroupAction;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupReply;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals of a full room and of an invitee with too many invitations say how many there are,
 * also where the operator lowered the limit below that since (the relay restarted with a lower
 * one), and count one in the singular.
 */
class RoomLimitsLoweredIntegrationTest {
  @TempDir Path dataDir;

  @Test
  void limitsLoweredBelowWhatIsThere_refusalsSayTheCountAndTheLimit() throws Exception {
    try (Relay relay = start(new RoomLimits(10, 3, 2))) {
      try (TestClient setup = RelayFixture.connect(relay, dataDir)) {
        for (String name : List.of("rita", "sam", "tess", "vic")) {
          register(setup, RelayFixture.identity(name));
        }
      }
      for (String name : List.of("rita", "sam", "tess")) {
        try (TestClient member = as(relay, name)) {
          member.ok(new JoinRequest(member.nextId(), "#crowded"), JoinReply.class);
        }
      }
      try (TestClient vic = as(relay, "vic")) {
        for (String group : List.of("#g0", "#g1")) {
          vic.ok(new GroupCreateRequest(vic.nextId(), group), JoinReply.class);
          invite(vic, group, "rita", GroupReply.class);
        }
      }
    }

    try (Relay relay = start(new RoomLimits(10, 2, 1));
        TestClient vic = as(relay, "vic")) {
      assertThat(refused(vic.call(new JoinRequest(vic.nextId(), "#crowded"))))
          .isEqualTo("#crowded is full: it has 3 members, past this relay's limit of 2");
      vic.ok(new GroupCreateRequest(vic.nextId(), "#g2"), JoinReply.class);
      assertThat(refused(invite(vic, "#g2", "rita", Reply.class)))
          .isEqualTo(
              "rita already holds 2 pending group invitations, past this relay's limit of 1: they"
                  + " must accept or decline some first");
      invite(vic, "#g2", "sam", GroupReply.class);
      vic.ok(new GroupCreateRequest(vic.nextId(), "#g3"), JoinReply.class);
      assertThat(refused(invite(vic, "#g3", "sam", Reply.class)))
          .isEqualTo(
              "sam already holds 1 pending group invitation, this relay's limit: they must accept"
                  + " or decline some first");
    }
  }

  private Relay start(RoomLimits limits) throws Exception {
    RelayConfig config =
        RelayFixture.builder(dataDir)
            .requestsPerSecond(1_000_000)
            .requestBurst(1_000_000)
            .rooms(limits)
            .build();
    return Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM);
  }

  private TestClient as(Relay relay, String name) throws Exception {
    TestClient client = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED);
    login(client, name);
    return client;
  }

  private static <T extends Reply> T invite(
      TestClient owner, String group, String user, Class<T> expected) throws Exception {
    Reply reply =
        owner.call(new GroupMemberRequest(owner.nextId(), group, GroupAction.INVITE, user));
    assertThat(reply).isInstanceOf(expected);
    return expected.cast(reply);
  }

  /** The message of a {@code LIMIT_REACHED} refusal. */
  private static String refused(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    ErrorReply error = (ErrorReply) reply;
    assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
    return error.message();
  }
}
