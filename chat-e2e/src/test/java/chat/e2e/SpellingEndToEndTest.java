package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.FriendAction;
import chat.cli.client.Friendship;
import chat.cli.client.GroupAction;
import chat.cli.client.TrustState;
import chat.cli.client.internal.RelayChatClient;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private conversation's id holds the other party's lowercase key; the client names it with the
 * name as registered, learned from the key the relay serves, pinned or not yet.
 */
class SpellingEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;
  private Relay relay;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dataDir);
    for (String name : new String[] {"alice", "Maximilian"}) {
      try (RelayChatClient client = Clients.oneShot(relay.port(), homes)) {
        client.register(name, PASSWORD.clone(), PASSPHRASE.clone());
      }
    }
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void conversationOpenedBeforeItsFirstMessage_namedAsRegistered_withoutPinningTheKey() {
    try (RelayChatClient alice = Clients.live(relay.port(), homes)) {
      alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      String direct = alice.directWith("maximilian");
      assertThat(alice.label(direct)).isEqualTo("@maximilian");

      assertThat(alice.hasAccount("MAXIMILIAN")).isTrue(); // as /pm and /switch ask

      assertThat(alice.label(direct)).isEqualTo("@Maximilian");
      assertThat(alice.spelling("maximilian")).isEqualTo("Maximilian");
      assertThat(alice.trustState("maximilian")).isEqualTo(TrustState.UNVERIFIED);
      assertThat(homes.resolve("alice").resolve("contacts.json")).doesNotExist();
    }
  }

  /** As the full screen lists the members of #lobby at the start. */
  @Test
  void conversationOpenedBeforeItsFirstMessage_namedAsItsMembersAreListed() {
    try (RelayChatClient alice = Clients.live(relay.port(), homes)) {
      alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      String direct = alice.directWith("maximilian");

      assertThat(alice.members("#lobby")).extracting(m -> m.username()).contains("Maximilian");

      assertThat(alice.label(direct))
          .as("named as any member list names him")
          .isEqualTo("@Maximilian");
    }
  }

  /**
   * As {@code chat friend add MAXIMILIAN} then says: the relay's answer names him as registered.
   */
  @Test
  void friendRequest_typedInAnotherCase_namedAsRegistered() {
    try (RelayChatClient alice = Clients.oneShot(relay.port(), homes)) {
      alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      assertThat(alice.spelling("MAXIMILIAN")).isEqualTo("MAXIMILIAN");

      assertThat(alice.friend(FriendAction.ADD, "MAXIMILIAN")).isEqualTo(Friendship.REQUEST_SENT);

      assertThat(alice.spelling("MAXIMILIAN")).isEqualTo("Maximilian");
    }
  }

  /**
   * As {@code chat group invite team MAXIMILIAN} then says: the relay's event, read before its
   * reply, names him as registered.
   */
  @Test
  void groupInvitation_typedInAnotherCase_namedAsRegisteredOnceAnswered() {
    try (RelayChatClient alice = Clients.oneShot(relay.port(), homes)) {
      alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      alice.createGroup("team");

      alice.administer("#team", GroupAction.INVITE, "MAXIMILIAN");

      assertThat(alice.spelling("MAXIMILIAN")).isEqualTo("Maximilian");
    }
  }

  /** Refused before any password or passphrase is asked, as a key change cut short is. */
  @Test
  void registeringAnotherSpellingOfANameThisDeviceHolds_refusedBeforeAsking() {
    try (RelayChatClient client = Clients.oneShot(relay.port(), homes)) {
      assertThatThrownBy(() -> client.checkRegistrable("maximilian"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageStartingWith("this device already has a profile for Maximilian (")
          .hasMessageEndingWith(
              "and usernames ignore case: log in as Maximilian if that account exists, or"
                  + " register another name");
    }
  }
}
