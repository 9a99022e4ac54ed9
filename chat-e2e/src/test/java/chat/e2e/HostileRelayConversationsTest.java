package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ClientListener;
import chat.cli.client.GroupAction;
import chat.cli.client.PushedNotice;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.Frame;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.MessageEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay that pushes messages and joins in conversations it invents: the client lists a
 * conversation only on the relay's word that the user is in it, and at most {@link
 * PushedNotice#MAX_LISTED}, so that neither its list nor the read positions of {@code state.json}
 * grow without end; the honest ways into a conversation still list it.
 */
class HostileRelayConversationsTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob");

  private static final int ROOMS = 8;
  private static final int OTHERS_PRIVATE = 32;

  @TempDir Path phoneHome;

  /** Records every message event the relay sends bob. */
  private static List<MessageEvent> toBob() {
    List<MessageEvent> seen = new CopyOnWriteArrayList<>();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (frame instanceof MessageEvent event && link.username().orElse("").equals("bob")) {
              seen.add(event);
            }
            return List.of(frame);
          }
        });
    return seen;
  }

  @Test
  void messagesInRoomsAndOthersPrivateConversations_theRelayInvents_notListedShownOrKept()
      throws Exception {
    List<MessageEvent> toBob = toBob();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      String direct = alice.directWith("bob");
      alice.send(direct, "ready");
      bobEvents.awaitText("ready");
      MessageEvent genuine = toBob.get(toBob.size() - 1);
      Link link = relay.proxy().linkOf("bob");

      // a room not listed is checked against the relay's member list, a request each: a few
      for (int i = 1; i <= ROOMS; i++) {
        link.sendToClient(
            new MessageEvent("#invented" + i, 1, genuine.storedAtMillis(), genuine.envelope()));
      }
      for (int i = 1; i <= OTHERS_PRIVATE; i++) {
        link.sendToClient(
            new MessageEvent("@carol+dave" + i, 1, genuine.storedAtMillis(), genuine.envelope()));
      }
      alice.send(direct, "after them");
      bobEvents.awaitText("after them");

      assertThat(bobEvents.notices)
          .filteredOn(n -> n.contains("a conversation you are not in; ignored"))
          .hasSize(ROOMS + OTHERS_PRIVATE)
          .contains(
              ": the relay pushed a message in #invented1, a conversation you are not in; ignored",
              ": the relay pushed a message in @carol+dave1, a conversation you are not in;"
                  + " ignored");
      assertThat(bobEvents.notices).noneMatch(n -> n.contains("belongs to another conversation"));
      assertThat(bob.conversations()).containsExactlyInAnyOrder("#lobby", direct);
    }
    assertThat(Files.readString(relay.homes().resolve("bob").resolve("state.json")))
        .doesNotContain("#invented")
        .doesNotContain("carol");
  }

  /**
   * The honest ways into a conversation from elsewhere: a group created on another device (a join
   * event of alice's; from a relay that sends none, its first message lists it, on the relay's
   * member list), an invitation accepted on another device (a join event), and a private
   * conversation someone opens (its first message, as nothing else announces it).
   */
  @Test
  void groupCreatedAndInvitationAcceptedElsewhere_privateConversationOpened_areListedAndShown() {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob");
        RelayChatClient phone = Clients.live(relay.port(), phoneHome)) {
      phone.login("alice", PASSWORD.clone(), PASSPHRASE.clone());

      phone.createGroup("team");
      phone.send("#team", "made on the phone");
      aliceEvents.awaitText("made on the phone");

      bob.createGroup("crew");
      bob.administer("#crew", GroupAction.INVITE, "alice");
      phone.join("#crew");
      await().atMost(Duration.ofSeconds(15)).until(() -> alice.conversations().contains("#crew"));
      bob.send("#crew", "welcome");
      aliceEvents.awaitText("welcome");

      String direct = bob.directWith("alice");
      bob.send(direct, "hi alice");
      aliceEvents.awaitText("hi alice");

      assertThat(alice.conversations()).contains("#team", "#crew", direct);
      assertThat(aliceEvents.notices).noneMatch(n -> n.contains("not in"));
    }
  }

  @Test
  void joinsAndLeavesOfOthers_inConversationsTheRelayInvents_areNotTold() {
    List<String> told = new CopyOnWriteArrayList<>();
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob", joinsAndLeavesInto(told))) {
      bob.join("#ops");
      Link link = relay.proxy().linkOf("bob");
      for (int i = 1; i <= ROOMS; i++) {
        link.sendToClient(new MembershipEvent("#invented" + i, "carol", MembershipChange.JOINED));
        link.sendToClient(new MembershipEvent("@carol+dave" + i, "carol", MembershipChange.LEFT));
      }
      alice.join("#ops");
      await().atMost(Duration.ofSeconds(15)).until(() -> told.contains("alice joined #ops"));

      assertThat(told)
          .as("bob's own join is said by the join itself, not again by its echo")
          .containsExactly("alice joined #ops");
      assertThat(bob.conversations()).containsExactlyInAnyOrder("#lobby", "#ops");
    }
  }

  @Test
  void groupCreatedOnAnotherDevice_isListedAtOnce_asAJoinOfTheUsers() {
    List<String> told = new CopyOnWriteArrayList<>();
    try (RelayChatClient alice = relay.registered("alice", joinsAndLeavesInto(told));
        RelayChatClient phone = Clients.live(relay.port(), phoneHome)) {
      phone.login("alice", PASSWORD.clone(), PASSPHRASE.clone());

      phone.createGroup("crew");

      await().atMost(Duration.ofSeconds(15)).until(() -> told.contains("alice joined #crew"));
      assertThat(alice.conversations()).contains("#crew");
    }
  }

  /** A listener that writes each join and leave it is told of into {@code told}. */
  private static ClientListener joinsAndLeavesInto(List<String> told) {
    return new ClientListener() {
      @Override
      public void onMembership(String conversation, String username, boolean joined) {
        told.add(username + (joined ? " joined " : " left ") + conversation);
      }
    };
  }

  @Test
  void joinsTheRelayAnnouncesPastTheMostListed_areNotListed_theOthersCounted() {
    List<String> notices = new CopyOnWriteArrayList<>();
    AtomicInteger joins = new AtomicInteger();
    ClientListener listener =
        new ClientListener() {
          @Override
          public void onNotice(String conversation, String text) {
            notices.add(text);
          }

          @Override
          public void onMembership(String conversation, String username, boolean joined) {
            joins.incrementAndGet();
          }
        };
    try (RelayChatClient bob = relay.registered("bob", listener)) {
      Link link = relay.proxy().linkOf("bob");
      int listed = bob.conversations().size();
      int past = 3;
      for (int i = 1; i <= PushedNotice.MAX_LISTED - listed + past; i++) {
        link.sendToClient(new MembershipEvent("#r" + i, "bob", MembershipChange.JOINED));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> notices.stream().filter(n -> n.contains("past the")).count() == past);

      assertThat(bob.conversations()).hasSize(PushedNotice.MAX_LISTED);
      assertThat(joins).hasValue(PushedNotice.MAX_LISTED - listed);
      assertThat(notices)
          .contains(
              "the relay put you in #r"
                  + (PushedNotice.MAX_LISTED - listed + 1)
                  + ", past the "
                  + PushedNotice.MAX_LISTED
                  + " conversations this client lists; ignored");
    }
  }
}
