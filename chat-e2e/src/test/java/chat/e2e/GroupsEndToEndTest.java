package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.BanView;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.Deletion;
import chat.cli.client.FriendAction;
import chat.cli.client.FriendUpdate;
import chat.cli.client.Friendship;
import chat.cli.client.GroupAction;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HistoryPage;
import chat.cli.client.MemberRole;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.client.internal.RelayChatClient;
import chat.cli.command.CommandWords;
import chat.cli.command.SocialLines;
import chat.crypto.EnvelopeOpener;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.crypto.NotRecipientException;
import chat.crypto.Recipient;
import chat.crypto.RecipientEnvelope;
import chat.crypto.RecipientSet;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.StoredMessage;
import chat.server.Relay;
import chat.server.RelayFixture;
import chat.server.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups, friends and presence with real clients and a real relay: admin rights refused to
 * non-owners, a kicked member who can read nothing sent after the kick, an offline friend request
 * and invitation, and away presence.
 */
class GroupsEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;
  private Relay relay;
  private int port;

  @BeforeEach
  void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    port = relay.port();
  }

  @AfterEach
  void stopRelay() {
    if (relay != null) {
      relay.close();
    }
  }

  private RelayChatClient registered(String name, RecordingListener listener) {
    RelayChatClient client = Clients.live(port, homes);
    client.addListener(listener);
    client.register(name, PASSWORD.clone(), PASSPHRASE.clone());
    return client;
  }

  /** A group #team owned by alice with bob (admin) and carol (member) in it. */
  private static void team(RelayChatClient alice, RelayChatClient bob, RelayChatClient carol) {
    alice.createGroup("team");
    alice.administer("#team", GroupAction.INVITE, "bob");
    alice.administer("#team", GroupAction.INVITE, "carol");
    bob.join("#team");
    carol.join("#team");
    alice.administer("#team", GroupAction.ADMIN, "bob");
  }

  /** The group changes {@code client} hears from now on. */
  private static List<GroupUpdate> groupUpdates(RelayChatClient client) {
    List<GroupUpdate> heard = new CopyOnWriteArrayList<>();
    client.addListener(
        new ClientListener() {
          @Override
          public void onGroupUpdate(GroupUpdate update) {
            heard.add(update);
          }
        });
    return heard;
  }

  /** The first of {@code heard} of {@code kind}, once it is heard. */
  private static GroupUpdate awaitHeard(List<GroupUpdate> heard, GroupUpdate.Kind kind) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> heard.stream().anyMatch(u -> u.kind() == kind));
    return heard.stream().filter(u -> u.kind() == kind).findFirst().orElseThrow();
  }

  private static String refusal(Runnable action) {
    CommandException failure = null;
    try {
      action.run();
    } catch (CommandException e) {
      failure = e;
    }
    assertThat(failure).as("refused").isInstanceOf(CommandException.Usage.class);
    return failure.getMessage();
  }

  @Test
  void adminRights_ofNonOwners_areRefusedThroughRealClients() {
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", new RecordingListener());
        RelayChatClient carol = registered("carol", new RecordingListener())) {
      team(alice, bob, carol);
      Map<String, MemberRole> roles =
          alice.members("#team").stream()
              .collect(Collectors.toMap(MemberView::username, MemberView::role));
      assertThat(roles)
          .containsEntry("alice", MemberRole.OWNER)
          .containsEntry("bob", MemberRole.ADMIN)
          .containsEntry("carol", MemberRole.MEMBER);

      String ownerOnly = "only the owner of #team can do that";
      assertThat(refusal(() -> carol.administer("#team", GroupAction.KICK, "bob")))
          .isEqualTo("only the owner or an admin of the group may do that");
      assertThat(refusal(() -> bob.administer("#team", GroupAction.ADMIN, "carol")))
          .isEqualTo(ownerOnly);
      assertThat(refusal(() -> bob.administer("#team", GroupAction.KICK, "alice")))
          .isEqualTo("nobody can kick the owner of #team");
      assertThat(refusal(() -> bob.disbandGroup("#team"))).isEqualTo(ownerOnly);
      assertThat(refusal(() -> alice.leave("#team")))
          .isEqualTo("you own #team: transfer the ownership or disband the group first");
      assertThat(refusal(() -> carol.renameGroup("#team", "mine")))
          .isEqualTo("only the owner or an admin of the group may do that");
    }
  }

  /**
   * A member deletes their own message and an admin a flood of another's: every member hears it, no
   * one's history holds them after, and a plain member may not delete an admin's. A member offline
   * meanwhile catches up without being told of messages withheld: the relay says which numbers were
   * deleted.
   */
  @Test
  void deletions_ownAndAnAdminsPurge_goFromEveryonesHistory() {
    RecordingListener aliceSees = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceSees);
        RelayChatClient bob = registered("bob", new RecordingListener());
        RelayChatClient carol = registered("carol", new RecordingListener())) {
      team(alice, bob, carol);
      try (RelayChatClient dave = registered("dave", new RecordingListener())) {
        alice.administer("#team", GroupAction.INVITE, "dave");
        dave.join("#team");
      } // dave's session stays saved: he is offline from here
      ChatMessage kept = bob.send("#team", "agenda at ten");
      ChatMessage typo = carol.send("#team", "meeting at tne");
      for (int i = 0; i < 3; i++) {
        carol.send("#team", "spam " + i);
      }

      Deletion own = carol.deleteMessages("#team", List.of(typo.messageId().toUpperCase()));
      assertThat(own.messageIds()).containsExactly(typo.messageId());
      Deletion purge = bob.deleteNewest("#team", "carol", 10);
      assertThat(purge.messageIds()).hasSize(3);
      assertThat(refusal(() -> carol.deleteNewest("#team", "bob", 1)))
          .isEqualTo("only the owner of #team can delete bob's messages");

      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  aliceSees.events.contains("deleted #team 1 of carol by carol")
                      && aliceSees.events.contains("deleted #team 3 of carol by bob"));
      assertThat(alice.history("#team", 50))
          .extracting(ChatMessage::messageId)
          .containsExactly(kept.messageId());
      HistoryPage page = alice.historyPage("#team", 50);
      assertThat(page.notForYou()).as("nothing counted as not encrypted to alice").isZero();
      assertThat(bob.deleteNewest("#team", "carol", 10).messageIds()).isEmpty();

      bob.send("#team", "after the cleanup");
      RecordingListener daveSees = new RecordingListener();
      try (RelayChatClient dave = Clients.live(port, homes)) {
        dave.addListener(daveSees);
        dave.login("dave", PASSWORD.clone(), PASSPHRASE.clone());
        daveSees.awaitMessage(m -> m.text().equals("after the cleanup"));
        assertThat(daveSees.messages)
            .extracting(ChatMessage::text)
            .containsExactly("agenda at ten", "after the cleanup");
        assertThat(daveSees.notices).noneMatch(notice -> notice.contains("not delivered"));
      }
    }
  }

  /**
   * The first view of #lobby on a new device, after a message there was deleted: the deleted number
   * is neither shown nor reported (as damaged, left out or withheld).
   */
  @Test
  void deletion_beforeAFirstViewOnANewDevice_isNotReported() throws Exception {
    try (RelayChatClient carol = registered("carol", new RecordingListener())) {
      carol.logout();
    }
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      alice.send("#lobby", "first");
      ChatMessage oops = alice.send("#lobby", "oops");
      alice.send("#lobby", "third");
      alice.deleteMessages("#lobby", List.of(oops.messageId()));

      RecordingListener carolSees = new RecordingListener();
      Path newDevice = java.nio.file.Files.createDirectories(homes.resolve("new-device"));
      try (RelayChatClient carol = Clients.live(port, newDevice)) {
        carol.addListener(carolSees);
        carol.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
        carolSees.awaitMessage(m -> m.text().equals("third"));
        assertThat(carol.history("#lobby", 10))
            .extracting(ChatMessage::text)
            .containsExactly("first", "third");
        assertThat(carolSees.leftOut).isEmpty();
        assertThat(carolSees.notices).noneMatch(notice -> notice.startsWith("#lobby"));
      }
    }
  }

  /**
   * A message deleted before carol joined is returned to her history as a deleted row: it is not
   * "the first message given", so the messages sent before she joined are counted as such, not as
   * withheld after the first one given.
   */
  @Test
  void deletionBeforeAJoin_theMessagesBeforeItAreNotCountedAsWithheld() throws Exception {
    RecordingListener aliceSees = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceSees);
        RelayChatClient carol = registered("carol", new RecordingListener())) {
      alice.join("#late");
      alice.send("#late", "m1");
      ChatMessage m2 = alice.send("#late", "m2");
      alice.deleteMessages("#late", List.of(m2.messageId()));
      alice.send("#late", "m3");
      carol.join("#late");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> aliceSees.events.contains("joined #late carol"));
      alice.send("#late", "m4");

      HistoryPage page =
          await()
              .atMost(Duration.ofSeconds(15))
              .until(() -> carol.historyPage("#late", 50), p -> p.entries().size() == 1);

      assertThat(page.notForYou()).isEqualTo(2);
      assertThat(page.notForYouBetween()).isZero();
    }
  }

  /**
   * The relay says nothing when a timed mute runs out; carol's client says it, from its timer, by
   * its own clock: here one running 90 s ahead of the relay's, so that a mute of a minute has run
   * out by it as soon as it arrives. Said once, after the mute.
   */
  @Test
  void timedMute_itsEndSaidByTheMutedMembersClient_byItsClock() throws Exception {
    RecordingListener carolSees = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", new RecordingListener());
        RelayChatClient carol =
            Clients.live(port, homes, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(90)))) {
      carol.addListener(carolSees);
      carol.register("carol", PASSWORD.clone(), PASSPHRASE.clone());
      team(alice, bob, carol);

      alice.mute("#team", "carol", "", Duration.ofMinutes(1));

      String ended = "group #team MUTE_ENDED carol by ";
      await().atMost(Duration.ofSeconds(15)).until(() -> carolSees.events.contains(ended));
      assertThat(carolSees.events).containsOnlyOnce("group #team MUTED carol by alice", ended);
      assertThat(carolSees.events.indexOf("group #team MUTED carol by alice"))
          .isLessThan(carolSees.events.indexOf(ended));
    }
  }

  /** A kick's reason reaches the one kicked and the members, and their lines say it. */
  @Test
  void kickWithAReason_theKickedAndTheMembersReadIt() {
    RecordingListener bobSees = new RecordingListener();
    RecordingListener carolSees = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", bobSees);
        RelayChatClient carol = registered("carol", carolSees)) {
      team(alice, bob, carol);

      alice.administer("#team", GroupAction.KICK, "carol", "  being rude ");

      String said = "group #team KICKED carol by alice (being rude)";
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> carolSees.events.contains(said) && bobSees.events.contains(said));
      assertThat(
              SocialLines.group(
                  new GroupUpdate("#team", "alice", GroupUpdate.Kind.KICKED, "carol", "", "x"),
                  "carol",
                  CommandWords.SLASH))
          .isEqualTo("alice removed you from #team (\u201cx\u201d)");
      assertThat(refusal(() -> alice.administer("#team", GroupAction.INVITE, "carol", "why")))
          .isEqualTo("only a kick, a ban or a mute takes a reason");
    }
  }

  /**
   * The owner and admins list the bans, with who banned, when and the reason given; a plain member
   * is refused; a lifted ban is gone from the list.
   */
  @Test
  void bans_listedToTheOwnerAndAdmins_withWhoWhenAndWhy() {
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", new RecordingListener());
        RelayChatClient carol = registered("carol", new RecordingListener())) {
      team(alice, bob, carol);
      assertThat(refusal(() -> carol.bans("#team")))
          .isEqualTo("only the owner or an admin of the group may do that");
      assertThat(alice.bans("#team")).isEmpty();

      java.time.Instant before = java.time.Instant.now().minusSeconds(1);
      bob.administer("#team", GroupAction.BAN, "carol", " posting spam links ");

      for (RelayChatClient staff : List.of(alice, bob)) {
        List<BanView> bans = staff.bans("team");
        assertThat(bans).hasSize(1);
        BanView ban = bans.get(0);
        assertThat(ban.username()).isEqualTo("carol");
        assertThat(ban.bannedBy()).isEqualTo("bob");
        assertThat(ban.reason()).isEqualTo("posting spam links");
        assertThat(ban.bannedAt()).isBetween(before, java.time.Instant.now());
      }
      assertThat(refusal(() -> carol.bans("#team"))).isEqualTo("you are not a member of #team");

      alice.administer("#team", GroupAction.UNBAN, "carol");
      assertThat(bob.bans("#team")).isEmpty();
    }
  }

  /** A timed ban: the one banned and the members read until when; the list says it too. */
  @Test
  void timedBan_theBannedAndTheMembersReadUntilWhen() {
    RecordingListener carolSees = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", new RecordingListener());
        RelayChatClient carol = registered("carol", carolSees)) {
      List<GroupUpdate> heard = groupUpdates(carol);
      team(alice, bob, carol);
      java.time.Instant before =
          java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

      alice.ban("#team", "carol", "cool off", Duration.ofHours(2));

      GroupUpdate banned = awaitHeard(heard, GroupUpdate.Kind.BANNED);
      assertThat(banned.until())
          .isBetween(
              before.plus(Duration.ofHours(2)), java.time.Instant.now().plus(Duration.ofHours(2)));
      assertThat(SocialLines.group(banned, "carol", CommandWords.SLASH))
          .startsWith("alice banned you from #team until ")
          .endsWith(" (\u201ccool off\u201d)");
      assertThat(bob.bans("#team"))
          .singleElement()
          .extracting(BanView::until)
          .isEqualTo(banned.until());
      assertThat(refusal(() -> alice.ban("#team", "bob", "", Duration.ofSeconds(90))))
          .isEqualTo("a ban lasts whole minutes, 1 minute to 365 days (e.g. 90m, 12h, 7d, 2w)");
      assertThat(refusal(() -> alice.ban("#team", "bob", "a\tb", Duration.ofHours(1))))
          .isEqualTo("a reason is one line of text: no tabs, line breaks or escape sequences");
      assertThat(refusal(() -> alice.administer("#team", GroupAction.KICK, "bob", "x".repeat(201))))
          .isEqualTo("a reason is at most 200 characters (got 201)");
    }
  }

  /**
   * A mute for an hour: carol is told, her messages are refused with how long it lasts, she still
   * reads the group; once lifted she posts again.
   */
  @Test
  void mute_refusesTheMutedMembersMessages_untilLifted() {
    RecordingListener carolSees = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", new RecordingListener());
        RelayChatClient carol = registered("carol", carolSees)) {
      List<GroupUpdate> heard = groupUpdates(carol);
      team(alice, bob, carol);

      bob.mute("#team", "carol", "calm down", Duration.ofHours(1));

      GroupUpdate muted = awaitHeard(heard, GroupUpdate.Kind.MUTED);
      assertThat(SocialLines.group(muted, "carol", CommandWords.SLASH))
          .startsWith("bob muted you in #team until ")
          .endsWith(" (\u201ccalm down\u201d): you read it but cannot post there");
      assertThat(refusal(() -> carol.send("#team", "let me speak")))
          .isEqualTo("you are muted in #team for 60 more minutes");
      alice.mute("#team", "carol", "", Duration.ofHours(3)); // replaces bob's
      assertThat(refusal(() -> carol.send("#team", "let me speak")))
          .isEqualTo("you are muted in #team for 3 more hours");
      alice.send("#team", "still read by carol");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  carolSees.messages.stream()
                      .anyMatch(m -> m.text().equals("still read by carol")));

      alice.administer("#team", GroupAction.UNMUTE, "carol");
      awaitHeard(heard, GroupUpdate.Kind.UNMUTED);
      carol.send("#team", "thank you");
    }
  }

  /**
   * Left and closed by one-shot commands of this profile while no live client ran: the next live
   * login does not take them for changes made on another device.
   */
  @Test
  void leftByAOneShotCommandHere_theNextLiveLoginSaysNothing() {
    try (RelayChatClient carol = Clients.live(port, homes)) {
      carol.register("carol", PASSWORD.clone(), PASSPHRASE.clone());
      carol.join("#open");
      carol.join("#other");
    }
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      alice.send("@alice+carol", "hi carol");
    }
    RecordingListener seen = new RecordingListener();
    try (RelayChatClient carol = Clients.live(port, homes)) {
      carol.addListener(seen);
      carol.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> carol.conversations().contains("@alice+carol"));
    }

    try (RelayChatClient oneShot = Clients.oneShot(port, homes)) {
      oneShot.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
      oneShot.leave("#open");
      oneShot.close("@alice+carol");
    }

    RecordingListener back = new RecordingListener();
    try (RelayChatClient again = Clients.live(port, homes)) {
      again.addListener(back);
      again.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
      again.join("#later"); // a request after the login's catch-up, to wait for what it said
      assertThat(again.conversations()).contains("#other").doesNotContain("#open", "@alice+carol");
    }
    assertThat(back.events).noneMatch(e -> e.startsWith("no longer in"));
  }

  /**
   * Removed and banned while no live client of hers ran: her next live login says she is no longer
   * in those groups, once; a one-shot login in between neither says it nor takes it from her.
   */
  @Test
  void removedWhileOffline_theNextLiveLoginSaysSo_once() {
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", new RecordingListener())) {
      try (RelayChatClient carol = registered("carol", new RecordingListener())) {
        team(alice, bob, carol);
        alice.createGroup("club");
        alice.administer("#club", GroupAction.INVITE, "carol");
        carol.join("#club");
        carol.join("#open");
      }

      alice.administer("#team", GroupAction.KICK, "carol");
      alice.administer("#club", GroupAction.BAN, "carol");
      try (RelayChatClient oneShot = Clients.oneShot(port, homes)) {
        oneShot.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
      }

      RecordingListener back = new RecordingListener();
      try (RelayChatClient again = Clients.live(port, homes)) {
        again.addListener(back);
        again.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> back.events.contains("no longer in #team"));
        assertThat(back.events)
            .filteredOn(e -> e.startsWith("no longer in"))
            .containsExactly("no longer in #club", "no longer in #team");
        assertThat(again.conversations()).containsExactly("#lobby", "#open");
      }
      RecordingListener third = new RecordingListener();
      try (RelayChatClient once = Clients.live(port, homes)) {
        once.addListener(third);
        once.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
        once.join("#later");
      }
      assertThat(third.events).noneMatch(e -> e.startsWith("no longer in"));
    }
  }

  /**
   * A group joined with a one-shot command ({@code chat join}), then left by a kick while no live
   * client of hers ran: her next live login says so, as for a group a live client had listed.
   */
  @Test
  void joinedWithAOneShotClient_thenKickedWhileOffline_theNextLiveLoginSaysSo() {
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      try (RelayChatClient carol = registered("carol", new RecordingListener())) {
        alice.createGroup("club");
        alice.administer("#club", GroupAction.INVITE, "carol");
        assertThat(carol.conversations()).doesNotContain("#club"); // a live client's list, kept
      }
      try (RelayChatClient oneShot = Clients.oneShot(port, homes)) {
        oneShot.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
        oneShot.join("#club");
      }

      alice.administer("#club", GroupAction.KICK, "carol");

      RecordingListener back = new RecordingListener();
      try (RelayChatClient again = Clients.live(port, homes)) {
        again.addListener(back);
        again.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> back.events.contains("no longer in #club"));
        assertThat(again.conversations()).doesNotContain("#club");
      }
    }
  }

  /**
   * A group created under the name of a room that everyone left goes on from the room's numbers:
   * what was sent in the room after its creator left it is not a gap of the group (the cursor moves
   * to the reply's last number, as a join does).
   */
  @Test
  void createGroup_underTheNameOfARoomLeftBefore_reportsNoGapForWhatCameAfterLeaving() {
    RecordingListener aliceSees = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceSees);
        RelayChatClient bob = registered("bob", new RecordingListener())) {
      alice.join("#reuse");
      bob.join("#reuse");
      bob.send("#reuse", "read by alice");
      aliceSees.awaitText("read by alice");
      alice.leave("#reuse");
      for (int i = 2; i <= 5; i++) {
        bob.send("#reuse", "after alice left " + i);
      }
      bob.leave("#reuse");

      alice.createGroup("reuse");
      alice.administer("#reuse", GroupAction.INVITE, "bob");
      bob.join("#reuse");
      bob.send("#reuse", "in the group");
      aliceSees.awaitText("in the group");
      bob.send("#lobby", "marker");
      aliceSees.awaitText("marker");

      assertThat(aliceSees.notices).noneMatch(notice -> notice.contains("not delivered"));
      assertThat(aliceSees.messages).extracting(ChatMessage::seq).contains(6L);
    }
  }

  @Test
  void kickedMember_cannotReadAnythingSentAfterTheKick() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    RecordingListener carolEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", bobEvents);
        RelayChatClient carol = registered("carol", carolEvents)) {
      team(alice, bob, carol);
      bob.send("#team", "before the kick");
      carolEvents.awaitText("before the kick");

      alice.administer("#team", GroupAction.KICK, "carol");
      carolEvents.awaitEvent("group #team KICKED carol by alice");
      bobEvents.awaitEvent("group #team KICKED carol by alice");
      assertThat(carol.conversations()).doesNotContain("#team");

      bob.send("#team", "after the kick");
      alice.send("#lobby", "marker");
      carolEvents.awaitText("marker");
      assertThat(carolEvents.messages).noneMatch(m -> m.text().equals("after the kick"));
      assertThatThrownBy(() -> carol.history("#team", 10))
          .isInstanceOf(CommandException.Usage.class);

      RecipientEnvelope seenByAlice = lastEnvelopeFor("alice", "#team");
      assertThat(seenByAlice.header().recipientSetHash())
          .as("sealed to exactly the members after the kick")
          .isEqualTo(
              RecipientSet.hash(
                  List.of(
                      Recipient.of(keysOf("alice").bundle()),
                      Recipient.of(keysOf("bob").bundle()))));
      IdentityKeyPair carolKeys = keysOf("carol");
      assertThatThrownBy(
              () ->
                  new EnvelopeOpener(new SecureRandom())
                      .open(carolKeys, keysOf("bob").bundle(), seenByAlice))
          .isInstanceOf(NotRecipientException.class);
    }
  }

  @Test
  void friendRequest_toOfflineUser_arrivesAtLogin_andFriendsSeeAway() {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient dave = registered("dave", new RecordingListener())) {
      dave.logout();
    }
    try (RelayChatClient alice = registered("alice", aliceEvents)) {
      assertThat(alice.friend(FriendAction.ADD, "dave")).isEqualTo(Friendship.REQUEST_SENT);
      RecordingListener daveEvents = new RecordingListener();
      try (RelayChatClient dave = Clients.live(port, homes)) {
        dave.addListener(daveEvents);
        dave.login("dave", PASSWORD.clone(), PASSPHRASE.clone());
        daveEvents.awaitEvent("friend alice " + FriendUpdate.REQUESTED);
        assertThat(dave.friend(FriendAction.ACCEPT, "alice")).isEqualTo(Friendship.FRIENDS);
        aliceEvents.awaitEvent("friend dave " + FriendUpdate.ACCEPTED);

        dave.away("walking the dog");
        aliceEvents.awaitEvent("away dave walking the dog");
        assertThat(alice.friends())
            .singleElement()
            .satisfies(
                friend -> {
                  assertThat(friend.friendship()).isEqualTo(Friendship.FRIENDS);
                  assertThat(friend.presence()).isEqualTo(Presence.away("walking the dog"));
                });
        assertThat(alice.members("#lobby"))
            .filteredOn(m -> m.username().equals("dave"))
            .singleElement()
            .satisfies(m -> assertThat(m.presence().status()).isEqualTo(Presence.Status.AWAY));
        dave.back();
        aliceEvents.awaitEvent("online dave");
      }
    }
  }

  /**
   * Friend changes the user makes on another device reach a client of theirs already running as
   * their own (wire version 14), so that its friends list, and whose coming and going it shows,
   * follow: before, it heard only the other side's answers.
   */
  @Test
  void friendChangesMadeOnAnotherDevice_reachTheRunningClientAsItsOwn() {
    RecordingListener laptopEvents = new RecordingListener();
    try (RelayChatClient bob = registered("bob", new RecordingListener());
        RelayChatClient laptop = registered("carol", laptopEvents);
        RelayChatClient phone = Clients.live(port, homes.resolve("phone"))) {
      phone.login("carol", PASSWORD.clone(), PASSPHRASE.clone());

      assertThat(phone.friend(FriendAction.ADD, "bob")).isEqualTo(Friendship.REQUEST_SENT);
      laptopEvents.awaitEvent("friend bob " + FriendUpdate.OWN_REQUESTED);
      assertThat(bob.friend(FriendAction.ACCEPT, "carol")).isEqualTo(Friendship.FRIENDS);
      laptopEvents.awaitEvent("friend bob " + FriendUpdate.ACCEPTED);
      assertThat(phone.friend(FriendAction.REMOVE, "bob")).isEqualTo(Friendship.NONE);

      laptopEvents.awaitEvent("friend bob " + FriendUpdate.OWN_REMOVED);
      assertThat(laptop.friends()).isEmpty();
    }
  }

  /**
   * An invitation waiting at login reaches the listeners once the client knows whose session it is,
   * so every front end (the TUI too) addresses the invitee and says how to join, as it does for a
   * live one.
   */
  @Test
  void invitation_toOfflineUser_arrivesAtLogin_addressedToTheInvitee() {
    try (RelayChatClient bob = registered("bob", new RecordingListener())) {
      bob.logout();
    }
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      alice.createGroup("dev");
      alice.administer("#dev", GroupAction.INVITE, "bob");
    }
    List<String> said = new CopyOnWriteArrayList<>();
    try (RelayChatClient bob = Clients.live(port, homes)) {
      bob.addListener(
          new ClientListener() {
            @Override
            public void onGroupUpdate(GroupUpdate update) {
              said.add(SocialLines.group(update, bob.username().orElse(null), CommandWords.SLASH));
            }
          });
      bob.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
      await().atMost(Duration.ofSeconds(30)).until(() -> !said.isEmpty());

      assertThat(said)
          .containsExactly(
              "alice invited you to #dev: /join #dev to enter or /decline #dev to decline");
    }
  }

  /** The newest message of {@code conversation} as the relay hands it to {@code user}. */
  private RecipientEnvelope lastEnvelopeFor(String user, String conversation) throws Exception {
    try (TestClient raw = RelayFixture.connect(relay, dataDir, 2)) {
      RelayFixture.login(raw, user);
      HistoryReply history =
          raw.ok(new HistoryRequest(raw.nextId(), conversation, 0, 1), HistoryReply.class);
      StoredMessage newest = history.messages().get(history.messages().size() - 1);
      return RecipientEnvelope.parse(newest.envelope().toByteArray());
    }
  }

  /** {@code user}'s private keys, unlocked from their profile on this machine. */
  private IdentityKeyPair keysOf(String user) throws Exception {
    byte[] file = Files.readAllBytes(homes.resolve(user).resolve("identity.key"));
    return KeyFile.open(file, PASSPHRASE.clone());
  }
}
