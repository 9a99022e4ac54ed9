package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.GroupAction;
import chat.cli.client.internal.RelayChatClient;
import chat.protocol.Frame;
import chat.protocol.GroupMemberRequest;
import chat.protocol.ListBansRequest;
import chat.protocol.ProtocolVersions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client against relays older than its moderation features (a hello rewritten on the way): the
 * list of bans needs wire version 11, a reason for a kick or ban version 10, a mute version 12,
 * deleting messages version 13. Each is refused here with a sentence saying why, and nothing the
 * relay would not understand is sent.
 */
class ModerationOlderRelayTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob");

  /** Offers the relay only the versions below {@code version}; records what the client sends. */
  private static List<Frame> below(int version) {
    List<Frame> sent = new CopyOnWriteArrayList<>();
    relay.tamper(Tampers.olderThan(version, sent));
    return sent;
  }

  @Test
  void bans_relayOlderThanVersion11_refusedHereAndNothingSent() {
    List<Frame> sent = below(ProtocolVersions.BAN_LIST);
    try (RelayChatClient alice = relay.registered("alice")) {
      alice.createGroup("crew");

      assertThatThrownBy(() -> alice.bans("#crew"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageEndingWith("is older (wire version 10): it cannot list bans");

      assertThatThrownBy(() -> alice.ban("#crew", "bob", "", java.time.Duration.ofHours(2)))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage(
              "the relay is older (wire version 10): it cannot end a ban by itself; ban without"
                  + " a time, and unban later");

      assertThat(sent)
          .noneMatch(ListBansRequest.class::isInstance)
          .noneMatch(f -> f instanceof GroupMemberRequest member && member.minutes() != null);
    }
  }

  @Test
  void mute_relayOlderThanVersion12_refusedHereAndNothingSent() {
    List<Frame> sent = below(ProtocolVersions.MUTE);
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob")) {
      alice.createGroup("den");
      alice.administer("#den", GroupAction.INVITE, "bob");
      bob.join("#den");

      assertThatThrownBy(() -> alice.mute("#den", "bob", "", null))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageEndingWith("is older (wire version 11): it cannot mute");
      assertThatThrownBy(() -> alice.administer("#den", GroupAction.UNMUTE, "bob"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageEndingWith("is older (wire version 11): it cannot mute");

      assertThat(sent)
          .noneMatch(
              f ->
                  f instanceof GroupMemberRequest member
                      && (member.action() == chat.protocol.GroupAction.MUTE
                          || member.action() == chat.protocol.GroupAction.UNMUTE));
    }
  }

  @Test
  void kickReason_relayOlderThanVersion10_refusedHereAndNothingSent() {
    List<Frame> sent = below(ProtocolVersions.MODERATION);
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob")) {
      alice.createGroup("deck");
      alice.administer("#deck", GroupAction.INVITE, "bob");
      bob.join("#deck");

      assertThatThrownBy(() -> alice.administer("#deck", GroupAction.KICK, "bob", "rude"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage(
              "the relay is older (wire version 9): it cannot pass on a reason; kick without one");

      assertThat(sent)
          .noneMatch(f -> f instanceof GroupMemberRequest member && member.reason() != null);
      alice.administer("#deck", GroupAction.KICK, "bob");
    }
  }

  @Test
  void delete_relayOlderThanVersion13_refusedHereAndNothingSent() {
    List<Frame> sent = below(ProtocolVersions.DELETE);
    try (RelayChatClient alice = relay.registered("alice")) {
      alice.send("#lobby", "oops");

      assertThatThrownBy(() -> alice.deleteNewest("#lobby", "alice", 1))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageEndingWith("is older (wire version 12): it cannot delete messages");
      assertThatThrownBy(() -> alice.deleteMessages("#lobby", List.of("ab".repeat(16))))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageEndingWith("is older (wire version 12): it cannot delete messages");

      assertThat(sent).noneMatch(chat.protocol.DeleteMessagesRequest.class::isInstance);
    }
  }
}
