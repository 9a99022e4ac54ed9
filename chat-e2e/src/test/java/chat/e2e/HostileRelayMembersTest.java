package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.ExitCode;
import chat.cli.client.ConnectionState;
import chat.cli.client.GroupAction;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.FileFinishReply;
import chat.protocol.Frame;
import chat.protocol.GroupChange;
import chat.protocol.GroupEvent;
import chat.protocol.JoinReply;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real clients behind a relay that misbehaves on purpose ({@link HostileRelay}) about who is a
 * member of a conversation: a member it adds without announcing the join refuses the next send, a
 * message or a file offer, once; the relay's honest races between a join event and a member list do
 * not. SECURITY.md lists these scenarios.
 */
class HostileRelayMembersTest {
  private static final String NOT_SENT_MALLORY =
      "not sent: the relay lists members of #side this client was never told about: mallory";

  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob", "mallory");

  @Test
  void hiddenJoin_isShownToTheSenderBeforeSending_andToRecipientsAsARecipientSetNotice() {
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (frame instanceof MembershipEvent event && event.username().equals("mallory")) {
              return List.of();
            }
            if (frame instanceof MembersReply reply && link.username().orElse("").equals("bob")) {
              List<MemberInfo> visible =
                  reply.members().stream().filter(m -> !m.username().equals("mallory")).toList();
              return List.of(new MembersReply(reply.re(), reply.conversation(), visible));
            }
            return List.of(frame);
          }
        });
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob", bobEvents);
        RelayChatClient mallory = relay.registered("mallory", new RecordingListener())) {
      alice.join("#side");
      bob.join("#side");
      alice.send("#side", "just us two");
      bobEvents.awaitText("just us two");
      mallory.join("#side");
      relay.proxy().dropConnections();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  aliceEvents.states.contains(ConnectionState.RECONNECTING)
                      && alice.connectionState() == ConnectionState.ONLINE
                      && bob.connectionState() == ConnectionState.ONLINE);

      // The TUI fetches the member list on every refresh: looking is not being told.
      assertThat(alice.members("#side")).extracting(m -> m.username()).contains("mallory");
      aliceEvents.awaitNotice("the relay lists mallory as a member of #side");
      alice.members("#side");
      assertThatThrownBy(() -> alice.send("#side", "who is listening?"))
          .isInstanceOf(CommandException.Untrusted.class)
          .hasMessageContaining("never told about: mallory");
      assertThat(aliceEvents.notices).filteredOn(n -> n.contains("the relay lists")).hasSize(1);
      alice.send("#side", "sent knowing mallory reads it");
      bobEvents.awaitText("sent knowing mallory reads it");
      bobEvents.awaitNotice("encrypted their last message to a different set of members");
      // Every further message to the same set is the same news: said once, not once a message.
      alice.send("#side", "and once more");
      bobEvents.awaitText("and once more");
      assertThat(bobEvents.notices).filteredOn(n -> n.contains("different set")).hasSize(1);
    }
  }

  /**
   * A member the relay adds to a private conversation is refused at every send, not once as in a
   * room (only its two people may read it), and the notice and the refusal name the conversation as
   * alice does, @bob, not by its id.
   */
  @Test
  void aThirdMemberOfAPrivateConversation_isRefusedEveryTime_namedByTheOtherParty() {
    AtomicReference<MemberInfo> listedMallory = new AtomicReference<>();
    AtomicBoolean addMallory = new AtomicBoolean();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (!(frame instanceof MembersReply reply)) {
              return List.of(frame);
            }
            reply.members().stream()
                .filter(m -> m.username().equals("mallory"))
                .findFirst()
                .ifPresent(listedMallory::set);
            if (addMallory.get() && reply.conversation().startsWith("@")) {
              List<MemberInfo> more = new ArrayList<>(reply.members());
              more.add(listedMallory.get());
              return List.of(new MembersReply(reply.re(), reply.conversation(), more));
            }
            return List.of(frame);
          }
        });
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob", new RecordingListener());
        RelayChatClient mallory = relay.registered("mallory", new RecordingListener())) {
      assertThat(bob.username()).hasValue("bob");
      assertThat(mallory.username()).hasValue("mallory");
      assertThat(alice.members("#lobby")).extracting(m -> m.username()).contains("mallory");
      String direct = alice.directWith("bob");
      alice.send(direct, "just us two");
      addMallory.set(true);
      relay.proxy().dropConnections(); // the member lists are fetched again after the reconnect
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  aliceEvents.states.contains(ConnectionState.RECONNECTING)
                      && alice.connectionState() == ConnectionState.ONLINE);

      assertThat(alice.members(direct)).extracting(m -> m.username()).contains("mallory");
      aliceEvents.awaitNotice("the relay lists mallory as a member of @bob without");
      // refused every time, not once as a hidden member of a room is: only two may read it
      for (int attempt = 1; attempt <= 2; attempt++) {
        assertThatThrownBy(() -> alice.send(direct, "who is listening?"))
            .isInstanceOf(CommandException.Untrusted.class)
            .hasMessage(
                "not sent: the relay lists mallory as a member of @bob, a private conversation"
                    + " only its two people may read");
      }
    }
  }

  @Test
  void joinEventArrivingAfterTheMemberList_isNoHiddenJoin_andTheSendGoesOut() {
    AtomicReference<Frame> late = new AtomicReference<>();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (!link.username().orElse("").equals("alice")) {
              return List.of(frame);
            }
            if (frame instanceof MembershipEvent event && event.conversation().equals("#race")) {
              late.set(frame); // the relay pushes bob's join from his thread, after the list
              return List.of();
            }
            if (frame instanceof MembersReply reply
                && reply.conversation().equals("#race")
                && late.get() != null) {
              return List.of(frame, late.getAndSet(null));
            }
            return List.of(frame);
          }
        });
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      alice.join("#race");
      bob.join("#race");
      await().until(() -> late.get() != null);

      alice.send("#race", "you made it");

      bobEvents.awaitText("you made it");
      aliceEvents.awaitEvent("joined #race bob");
      assertThat(aliceEvents.notices).noneMatch(n -> n.contains("the relay lists"));
    }
  }

  @Test
  void joinEventBeforeAJoinReplyThatPredatesIt_isNoHiddenJoin() {
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (link.username().orElse("").equals("alice")
                && frame instanceof JoinReply reply
                && reply.conversation().equals("#race")) {
              // Both joined at once: the relay made alice's reply before bob's join, and pushed
              // the join before it sent the reply.
              List<String> before = reply.members().stream().filter(m -> !m.equals("bob")).toList();
              return List.of(
                  new MembershipEvent(reply.conversation(), "bob", MembershipChange.JOINED),
                  new JoinReply(reply.re(), reply.conversation(), reply.lastSeq(), before));
            }
            return List.of(frame);
          }
        });
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      bob.join("#race");
      alice.join("#race");

      alice.send("#race", "both in");

      bobEvents.awaitText("both in");
      assertThat(aliceEvents.notices).noneMatch(n -> n.contains("the relay lists"));
    }
  }

  @Test
  void hiddenJoin_refusesTheNextFileOfferAsItRefusesAMessage_beforeUploadingAnything()
      throws IOException {
    relay.tamper(Tampers.hideMember("alice", "mallory", () -> false));
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener malloryEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob", new RecordingListener());
        RelayChatClient mallory = relay.registered("mallory", malloryEvents)) {
      alice.join("#side");
      bob.join("#side");
      mallory.join("#side");
      Path plan = Files.writeString(relay.homes().resolve("plan.txt"), "the plan");

      assertThatThrownBy(() -> alice.sendFile("#side", plan))
          .isInstanceOf(CommandException.Untrusted.class)
          .hasMessage(NOT_SENT_MALLORY)
          .extracting(e -> ((CommandException) e).exitCode())
          .isEqualTo(ExitCode.KEY_REJECTED);
      String sent = alice.sendFile("#side", plan).fileId();

      malloryEvents.awaitOffer("plan.txt");
      await().until(() -> aliceEvents.transfers.stream().anyMatch(t -> t.fileId().equals(sent)));
      assertThat(aliceEvents.transfers).extracting(t -> t.fileId()).containsOnly(sent);
    }
  }

  @Test
  void hiddenJoin_listedOnlyOnceTheFileIsUploaded_refusesItsOffer_andDeletesTheUpload()
      throws Exception {
    AtomicBoolean uploaded = new AtomicBoolean();
    Tamper hidden = Tampers.hideMember("alice", "mallory", () -> !uploaded.get());
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (frame instanceof FileFinishReply && !uploaded.getAndSet(true)) {
              // Any membership event makes the client ask for the member list again.
              return List.of(new MembershipEvent("#side", "bob", MembershipChange.JOINED), frame);
            }
            return hidden.toClient(link, frame);
          }
        });
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents);
        RelayChatClient mallory = relay.registered("mallory", new RecordingListener())) {
      alice.join("#side");
      bob.join("#side");
      mallory.join("#side");
      Path plan = Files.writeString(relay.homes().resolve("plan.txt"), "the plan");

      assertThatThrownBy(() -> alice.sendFile("#side", plan)).hasMessage(NOT_SENT_MALLORY);
      assertThat(UnofferedUploadEndToEndTest.storedFiles(relay.dataDir())).isZero();
      String sent = alice.sendFile("#side", plan).fileId();

      assertThat(bobEvents.awaitOffer("plan.txt").fileId()).isEqualTo(sent);
      assertThat(UnofferedUploadEndToEndTest.storedFiles(relay.dataDir())).isOne();
    }
  }

  @ParameterizedTest(name = "kicked by {0}")
  @ValueSource(strings = {"bob", "alice"})
  void kickedMember_listedAgainWithoutAJoin_refusesTheNextSend(String kicker) {
    // alice learns of the kick from its event (bob kicks), or from her own kick's reply while the
    // relay keeps the event back; mallory's return is never announced to her.
    AtomicBoolean kicked = new AtomicBoolean();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            boolean toAlice = link.username().orElse("").equals("alice");
            if (frame instanceof GroupEvent event && event.change() == GroupChange.KICKED) {
              kicked.set(true);
              return toAlice && kicker.equals("alice") ? List.of() : List.of(frame);
            }
            boolean hidden = frame instanceof MembershipEvent e && e.username().equals("mallory");
            return toAlice && kicked.get() && hidden ? List.of() : List.of(frame);
          }
        });
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener malloryEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob", new RecordingListener());
        RelayChatClient mallory = relay.registered("mallory", malloryEvents)) {
      alice.createGroup("team");
      alice.administer("#team", GroupAction.INVITE, "bob");
      alice.administer("#team", GroupAction.INVITE, "mallory");
      bob.join("#team");
      mallory.join("#team");
      alice.administer("#team", GroupAction.ADMIN, "bob");
      aliceEvents.awaitEvent("joined #team mallory");

      (kicker.equals("bob") ? bob : alice).administer("#team", GroupAction.KICK, "mallory");
      String told = kicker.equals("bob") ? "group #team KICKED mallory by bob" : "";
      await().until(() -> kicked.get() && (told.isEmpty() || aliceEvents.events.contains(told)));
      alice.administer("#team", GroupAction.INVITE, "mallory");
      mallory.join("#team");

      assertThatThrownBy(() -> alice.send("#team", "just us two now"))
          .isInstanceOf(CommandException.Untrusted.class)
          .hasMessageContaining("never told about: mallory");
      alice.send("#team", "sent knowing mallory reads it");
      malloryEvents.awaitText("sent knowing mallory reads it");
    }
  }
}
