package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import chat.cli.CommandException;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.ClientOptions;
import chat.cli.client.ConnectionState;
import chat.cli.client.FriendAction;
import chat.cli.client.HeldMessages;
import chat.cli.client.HistoryPage;
import chat.cli.client.KeptList;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.client.SessionView;
import chat.cli.client.TrustState;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeSealer;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.protocol.BundleReply;
import chat.protocol.ConversationIds;
import chat.protocol.GetBundleRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.Secret;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.UpdateBundleReply;
import chat.protocol.UpdateBundleRequest;
import chat.server.Relay;
import chat.server.RelayConfig;
import chat.server.RelayFixture;
import chat.server.TestClient;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two (or three) real clients and a real relay: register, rooms, private messages, history across a
 * relay restart, reconnect without duplicates, key changes and trust, a new machine.
 */
class ChatEndToEndTest {
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

  private void restartRelay() throws Exception {
    relay.close();
    RelayConfig config = RelayConfig.builder("127.0.0.1", port, dataDir).bcryptCost(4).build();
    relay = Relay.start(config, Clock.systemUTC(), new SecureRandom());
  }

  private RelayChatClient registered(String name, RecordingListener listener) {
    RelayChatClient client = Clients.live(port, homes);
    client.addListener(listener);
    client.register(name, PASSWORD.clone(), PASSPHRASE.clone());
    return client;
  }

  /** A new client of {@code name}'s profile, resuming its stored session. */
  private RelayChatClient resumed(String name, RecordingListener listener) {
    RelayChatClient client = Clients.live(port, homes);
    client.addListener(listener);
    client.resume(name, PASSPHRASE.clone());
    return client;
  }

  /**
   * The full-screen client hands its list over in the background, so one given for a user who has
   * logged out meanwhile can arrive during the next user's session: it is not kept as theirs.
   */
  @Test
  void aListToKeep_isKeptOnlyForTheUserLoggedIn_andKeptAcrossARestart() throws Exception {
    KeptList list =
        new KeptList(List.of("#dev", "#lobby"), Map.of("#dev", new KeptList.Unread(2, false)));
    registered("bob", new RecordingListener()).close();
    try (RelayChatClient client = registered("alice", new RecordingListener())) {
      client.logout();
      client.login("bob", PASSWORD.clone(), PASSPHRASE.clone());

      client.keepList("alice", list);
      assertThat(client.keptList()).as("alice's list, come late").isEqualTo(KeptList.NONE);
      client.keepList("BOB", list);
      assertThat(client.keptList()).isEqualTo(list);
    }
    try (RelayChatClient bob = resumed("bob", new RecordingListener())) {
      assertThat(bob.keptList()).isEqualTo(list);
    }
  }

  /**
   * A key damaged in the profile's contacts.json is said to be the file's, naming whose, and not
   * reported as messages the relay gave without a usable key.
   */
  @Test
  void history_withAContactsKeyDamagedInTheProfile_namesTheFileAndTheContact() throws Exception {
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", new RecordingListener())) {
      alice.send("#lobby", "before the damage");
      assertThat(bob.history("#lobby", 5))
          .extracting(ChatMessage::text)
          .contains("before the damage");
    }
    Path contacts = homes.resolve("bob").resolve("contacts.json");
    ArrayNode list = (ArrayNode) new ObjectMapper().readTree(contacts.toFile());
    for (JsonNode contact : list) {
      if (contact.get("username").asText().equals("alice")) {
        ((ObjectNode) contact).put("bundle", "AAAA");
      }
    }
    Files.writeString(contacts, list.toString());

    try (RelayChatClient bob = resumed("bob", new RecordingListener())) {
      assertThatThrownBy(() -> bob.history("#lobby", 5))
          .isInstanceOf(CommandException.FileAccess.class)
          .hasMessageContaining(
              "contacts.json is damaged (the key kept for alice is not a valid key)");
    }
  }

  /** What /ignore asks before taking a name: the relay's answer, in any case, pinning nothing. */
  @Test
  void hasAccount_asksTheRelay_inAnyCase_andPinsNoKey() throws Exception {
    registered("bob", new RecordingListener()).close();
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      assertThat(alice.hasAccount("BOB")).isTrue();
      assertThat(alice.hasAccount("nobody")).isFalse();
      assertThat(alice.trustState("bob")).isEqualTo(TrustState.UNVERIFIED);
    }
    Path contacts = homes.resolve("alice").resolve("contacts.json");
    assertThat(Files.exists(contacts) ? Files.readString(contacts) : "").doesNotContain("bob");
  }

  /** An action (/me) reaches the members as one, live and in history, and plain text stays so. */
  @Test
  void anAction_arrivesAsAnAction_liveAndInHistory() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", bobEvents)) {
      ChatMessage sent = alice.send("#lobby", "waves", true);
      alice.send("#lobby", "hello");

      assertThat(sent.action()).isTrue();
      assertThat(bobEvents.awaitText("waves").action()).isTrue();
      assertThat(bobEvents.awaitText("hello").action()).isFalse();
      assertThat(bob.history("#lobby", 2))
          .extracting(ChatMessage::text, ChatMessage::action)
          .containsExactly(tuple("waves", true), tuple("hello", false));
    }
  }

  /** The same reaction twice (a skin tone is the same, as it is counted) is refused, not sent. */
  @Test
  void theSameReactionTwice_isRefused_anotherEmojiGoesOut() throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents);
        RelayChatClient bob = registered("bob", new RecordingListener())) {
      ChatMessage deploy = alice.send("#lobby", "deploy at noon");
      bob.react("#lobby", "👍", deploy.messageId());

      assertThatThrownBy(() -> bob.react("#lobby", "👍🏽", deploy.messageId()))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("you reacted 👍🏽 to that message already");
      bob.react("#lobby", "🎉", deploy.messageId());
      aliceEvents.awaitText("🎉");
      assertThat(alice.history("#lobby", 5))
          .extracting(ChatMessage::text)
          .containsExactly("deploy at noon", "👍", "🎉");
    }
  }

  @Test
  void aMessageSentWhileThePassphraseIsBeingTyped_isShownOnceTheLoginEnds() throws Exception {
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      registered("bob", new RecordingListener()).close();
      RecordingListener bobEvents = new RecordingListener();
      try (RelayChatClient bob = Clients.live(port, homes)) {
        bob.addListener(bobEvents);
        bob.login(
            "bob",
            PASSWORD.clone(),
            () -> {
              // the relay accepted the password; a message arrives before the key is unlocked
              alice.send("#lobby", "while you typed");
              return PASSPHRASE.clone();
            });

        assertThat(bobEvents.awaitText("while you typed").sender()).isEqualTo("alice");
      }
    }
  }

  @Test
  void ownMessageAsSent_showsTheRelaysStoreTime_asHistoryAndTheOtherMembersDo() throws Exception {
    relay.close();
    Clock hourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
    relay = Relay.start(RelayFixture.config(dataDir), hourAhead, new SecureRandom());
    port = relay.port();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", bobEvents)) {
      assertThat(bob.connectionState()).isEqualTo(ConnectionState.ONLINE);
      ChatMessage sent = alice.send("#lobby", "what time is it");

      ChatMessage seen = bobEvents.awaitText("what time is it");
      assertThat(sent.storedAtMillis())
          .isEqualTo(seen.storedAtMillis())
          .isEqualTo(alice.history("#lobby", 1).get(0).storedAtMillis())
          .isGreaterThan(sent.sentAtMillis() + Duration.ofMinutes(59).toMillis());
    }
  }

  @Test
  void aPassphraseTypedForLongerThanTheRelaysIdleTimeout_stillLogsIn() throws Exception {
    relay.close();
    RelayConfig config = RelayFixture.builder(dataDir).idleTimeoutSeconds(2).build();
    relay = Relay.start(config, Clock.systemUTC(), new SecureRandom());
    port = relay.port();
    registered("bob", new RecordingListener()).close();
    ClientOptions options =
        new ClientOptions("127.0.0.1", port, homes, true, Duration.ofSeconds(15), true)
            .withKeepAlive(Duration.ofMillis(500));
    try (RelayChatClient bob =
            new RelayChatClient(options, new SecureRandom(), Clock.systemUTC(), Clients.FAST_KDF);
        RelayChatClient alice = registered("alice", new RecordingListener())) {
      RecordingListener bobEvents = new RecordingListener();
      bob.addListener(bobEvents);
      bob.login(
          "bob",
          PASSWORD.clone(),
          () -> {
            sleep(Duration.ofSeconds(4)); // twice the idle timeout, as a slow typist
            return PASSPHRASE.clone();
          });

      assertThat(bob.connectionState()).isEqualTo(ConnectionState.ONLINE);
      alice.send("#lobby", "after a slow login");
      assertThat(bobEvents.awaitText("after a slow login").sender()).isEqualTo("alice");
    }
  }

  /**
   * A {@code chat run} script on a pipe (a bot) uses a one-shot client, which does not ping: the
   * relay closes its connection once it waits longer than the idle timeout for its next line, and
   * that line resumes the session instead of failing with "not connected to the relay".
   */
  @Test
  void aOneShotClientQuietForLongerThanTheRelaysIdleTimeout_resumesForItsNextRequest()
      throws Exception {
    try (RelayChatClient script = scriptOfAliceOnARelayQuickToCloseIdleConnections()) {
      script.away("at lunch"); // forgotten by the relay with the connection, set again after it
      sleep(Duration.ofSeconds(4)); // twice the idle timeout

      // two requests that find the connection gone at once resume it once, not each on its own
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Thread thread =
            new Thread(
                () -> {
                  try {
                    start.await();
                    script.rooms();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        thread.start();
        both.add(thread);
      }
      start.countDown();
      for (Thread thread : both) {
        thread.join(30_000);
      }
      script.join("ops");
      script.send("#ops", "after a quiet spell");
      assertThat(script.members("#ops"))
          .extracting(MemberView::presence)
          .containsExactly(Presence.away("at lunch"));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              try (Connection c = Database.openReadOnly(dataDir)) {
                assertThat(
                        new AuditRepository()
                            .find(
                                c,
                                new AuditQuery(
                                    Optional.of("alice"), 0, Optional.of(AuditType.RESUME), 10)))
                    .as("the script's resume, then one after the relay closed its connection")
                    .hasSize(2);
              }
            });
    try (RelayChatClient reader = resumed("alice", new RecordingListener())) {
      assertThat(reader.history("#ops", 1))
          .extracting(ChatMessage::text)
          .containsExactly("after a quiet spell");
    }
  }

  /**
   * A one-shot client ({@code chat run}) whose relay went away still does what needs no relay: its
   * ignore list, a pinned contact's fingerprint, its saved state. Only a request that needs the
   * relay tries to resume the session, and fails while the relay is down.
   */
  @Test
  void aOneShotClientWhoseRelayIsDown_stillDoesWhatNeedsNoRelay() throws Exception {
    registered("alice", new RecordingListener()).close();
    registered("bob", new RecordingListener()).close();
    try (RelayChatClient script = Clients.oneShot(port, homes)) {
      script.resume("alice", PASSPHRASE.clone());
      Fingerprint bob = script.fingerprint("bob"); // pinned now
      assertThat(script.ignore("bob", true)).isTrue();
      relay.close();
      relay = null;
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(script.connectionState()).isNotEqualTo(ConnectionState.ONLINE));

      assertThat(script.listIgnoredUsers()).containsExactly("bob");
      assertThat(script.ignore("bob", false)).isTrue();
      assertThat(script.fingerprint("bob")).isEqualTo(bob);
      assertThat(script.directWith("bob")).isEqualTo(ConversationIds.direct("alice", "bob"));
      script.saveState();
      assertThatThrownBy(() -> script.rooms()).isInstanceOf(CommandException.Network.class);
    }
  }

  /**
   * A one-shot client ({@code chat run}) whose session the relay ended meanwhile (a logout
   * elsewhere) says so, exit 2 as for any ended session, rather than "not connected to the relay"
   * (exit 3): a bot restarting on exit codes would otherwise never log in again.
   */
  @Test
  void aOneShotClientWhoseSessionWasEndedElsewhere_saysTheSessionEnded() throws Exception {
    registered("alice", new RecordingListener()).close();
    try (RelayChatClient script = Clients.oneShot(port, homes)) {
      script.resume("alice", PASSPHRASE.clone());
      try (RelayChatClient other = Clients.oneShot(port, homes)) {
        other.resume("alice", PASSPHRASE.clone());
        other.logout();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(script.connectionState()).isNotEqualTo(ConnectionState.ONLINE));

      assertThatThrownBy(() -> script.rooms()).isInstanceOf(CommandException.SessionEnded.class);
    }
  }

  /**
   * A one-shot client whose session was ended elsewhere while the relay had closed its quiet
   * connection learns it at its next resume, and every later request says the same, not "no stored
   * session to resume".
   */
  @Test
  void aOneShotClientWhoseTokenIsRefusedAtAResume_saysTheSessionEndedEveryTime() throws Exception {
    try (RelayChatClient script = scriptOfAliceOnARelayQuickToCloseIdleConnections()) {
      sleep(Duration.ofSeconds(4)); // twice the idle timeout: the relay closed the connection
      try (RelayChatClient other = Clients.oneShot(port, homes)) {
        other.resume("alice", PASSPHRASE.clone());
        other.logout();
      }

      Throwable first = catchThrowable(script::rooms);
      Throwable second = catchThrowable(script::rooms);

      assertThat(first).isInstanceOf(CommandException.SessionEnded.class);
      assertThat(second)
          .isInstanceOf(CommandException.SessionEnded.class)
          .hasMessage(first.getMessage());
    }
  }

  /**
   * A one-shot client (a {@code chat run} script's) of alice, registered now, on this test's relay
   * started again with a 2 s idle timeout: it closes the script's connection once it waits longer.
   */
  private RelayChatClient scriptOfAliceOnARelayQuickToCloseIdleConnections() throws Exception {
    relay.close();
    RelayConfig config = RelayFixture.builder(dataDir).idleTimeoutSeconds(2).build();
    relay = Relay.start(config, Clock.systemUTC(), new SecureRandom());
    port = relay.port();
    registered("alice", new RecordingListener()).close();
    RelayChatClient script = Clients.oneShot(port, homes);
    script.resume("alice", PASSPHRASE.clone());
    return script;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void sendRightAfterAnotherMemberJoins_isEncryptedToThem_evenWhileTheEventThreadIsBusy()
      throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    CountDownLatch release = new CountDownLatch(1);
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", bobEvents)) {
      // Alice's event thread is held in her listener by the announcement of her own join, so
      // bob's join is still waiting behind it when her send asks the relay for the member list.
      alice.addListener(
          new ClientListener() {
            @Override
            public void onMembership(String conversation, String username, boolean joined) {
              if (conversation.equals("#busy") && username.equals("alice")) {
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
          });
      alice.join("#busy");
      bob.join("#busy");
      try {
        alice.send("#busy", "right after the join");
      } finally {
        release.countDown();
      }
      assertThat(bobEvents.awaitText("right after the join").conversation()).isEqualTo("#busy");
    }
  }

  @Test
  void registerJoinSendPmHistory_betweenTwoClients_everythingArrivesDecrypted() {
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents);
        RelayChatClient bob = registered("bob", bobEvents)) {
      assertThat(alice.conversations()).contains("#lobby");
      alice.join("#rust");
      bob.join("Rust");
      assertThat(bob.conversations()).contains("#rust");

      ChatMessage sent = alice.send("#rust", "hello, rust");
      assertThat(sent.own()).isTrue();
      ChatMessage received = bobEvents.awaitText("hello, rust");
      assertThat(received.sender()).isEqualTo("alice");
      assertThat(received.conversation()).isEqualTo("#rust");
      assertThat(received.seq()).isEqualTo(sent.seq());
      assertThat(received.own()).isFalse();

      String direct = alice.directWith("bob");
      assertThat(direct).isEqualTo("@alice+bob");
      alice.send(direct, "just between us");
      assertThat(bobEvents.awaitText("just between us").isDirect()).isTrue();

      bob.send("#rust", "hi alice");
      aliceEvents.awaitText("hi alice");
      assertThat(bob.history("#rust", 50))
          .extracting(ChatMessage::text)
          .containsExactly("hello, rust", "hi alice");
      assertThat(alice.members("#rust")).extracting(m -> m.username()).contains("alice", "bob");
      assertThat(alice.rooms()).anyMatch(r -> r.conversation().equals("#rust") && r.joined());
      assertThat(aliceEvents.notices).noneMatch(n -> n.contains("dropped"));
      assertThat(bobEvents.notices).noneMatch(n -> n.contains("dropped"));
    }
  }

  @Test
  void historyOfARoomJoinedLate_countsTheMessagesNotEncryptedToTheJoiner() {
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", new RecordingListener())) {
      bob.join("#pg");
      for (int i = 1; i <= 130; i++) { // more than one page of 100
        bob.send("#pg", "before alice " + i);
      }
      alice.join("#pg");

      HistoryPage nothing = alice.historyPage("#pg", 100);
      assertThat(nothing.entries()).isEmpty();
      assertThat(nothing.notForYou()).isEqualTo(130);
      assertThat(nothing.notForYouNote("#pg"))
          .contains(
              "no messages in #pg since you joined (130 earlier ones were not encrypted to you)");

      bob.send("#pg", "welcome alice");
      HistoryPage after = alice.historyPage("#pg", 100);
      assertThat(after.messages()).extracting(ChatMessage::text).containsExactly("welcome alice");
      assertThat(after.notForYou()).isEqualTo(130);
      assertThat(alice.historyPage("#pg", 1).notForYou()).isZero(); // filled: older ones unknown
      assertThat(bob.historyPage("#pg", 200).notForYou()).isZero();
    }
  }

  /**
   * Messages sent while alice was out of the room, newer than those she can read, are counted as
   * not given to her even by a page that did not reach the room's start ({@code history -n 1}).
   */
  @Test
  void historyPage_filledBeforeTheStart_stillCountsNewerMessagesNotGiven() {
    RecordingListener bobSees = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", bobSees)) {
      bob.join("#gap");
      alice.join("#gap");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> bobSees.events.contains("joined #gap alice"));
      bob.send("#gap", "one");
      bob.send("#gap", "two");
      alice.leave("#gap");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> bobSees.events.contains("left #gap alice"));
      for (int i = 1; i <= 3; i++) {
        bob.send("#gap", "while alice was out " + i);
      }
      alice.join("#gap");

      HistoryPage last = alice.historyPage("#gap", 1);
      assertThat(last.messages()).extracting(ChatMessage::text).containsExactly("two");
      assertThat(last.notForYouBetween()).isEqualTo(3);
      assertThat(last.notForYouNote("#gap"))
          .hasValue(
              "3 messages in #gap newer than the oldest one the relay gave you were not given to you:"
                  + " not encrypted to you (sent while you were not in it, or before the sender"
                  + " saw you join), or withheld by the relay");
      HistoryPage all = alice.historyPage("#gap", 50);
      assertThat(all.messages()).extracting(ChatMessage::text).containsExactly("one", "two");
      assertThat(all.notForYou()).isEqualTo(3);
      assertThat(all.notForYouBetween()).isEqualTo(3);
    }
  }

  /**
   * The relay pushes a presence change only to who is connected: a friend who left while it was
   * down is said offline once alice's client has been back a minute ({@code FRIENDS_SETTLE}), from
   * the friends list it then fetches; a friend who reconnected too is not said to have gone.
   */
  @Test
  void friendWhoLeftWhileTheRelayWasDown_isSaidOffline_oneWhoCameBackIsNot() throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents);
        RelayChatClient carol = registered("carol", new RecordingListener())) {
      RelayChatClient bob = registered("bob", new RecordingListener());
      try {
        for (RelayChatClient friend : List.of(bob, carol)) {
          friend.friend(FriendAction.ADD, "alice");
        }
        alice.friend(FriendAction.ACCEPT, "bob");
        alice.friend(FriendAction.ACCEPT, "carol");
        bob.away("lunch");
        carol.away("tea");
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    aliceEvents.events.contains("away bob lunch")
                        && aliceEvents.events.contains("away carol tea"));

        relay.close();
        bob.close();
        restartRelay();

        await()
            .atMost(Duration.ofSeconds(150))
            .until(() -> aliceEvents.events.contains("offline bob"));
        assertThat(alice.connectionState()).isEqualTo(ConnectionState.ONLINE);
        assertThat(aliceEvents.events).doesNotContain("offline carol");
      } finally {
        bob.close();
      }
    }
  }

  @Test
  void relayRestart_clientReconnects_historyDecrypts_andNothingShowsTwice() throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents);
        RelayChatClient bob = registered("bob", bobEvents)) {
      for (int i = 0; i < 5; i++) {
        alice.send("#lobby", "before " + i);
      }
      bobEvents.awaitText("before 4");

      restartRelay();
      bobEvents.awaitState(ConnectionState.ONLINE);
      aliceEvents.awaitState(ConnectionState.ONLINE);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> bob.connectionState() == ConnectionState.ONLINE);
      assertThat(bobEvents.states).contains(ConnectionState.RECONNECTING);

      sendWhenOnline(alice, "#lobby", "after restart");
      bobEvents.awaitText("after restart");
      assertThat(bob.history("#lobby", 50))
          .extracting(ChatMessage::text)
          .containsSubsequence("before 0", "before 4", "after restart");

      Map<String, Long> counts =
          bobEvents.messages.stream()
              .collect(Collectors.groupingBy(ChatMessage::messageId, Collectors.counting()));
      assertThat(counts.values()).allMatch(count -> count == 1);
      assertThat(bobEvents.messages).hasSize(6);
    }
  }

  @Test
  void aKeyLookupWhileReconnecting_saysTheClientIsReconnecting_notWhyTheOldConnectionClosed() {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents)) {
      relay.close(); // the relay says it is shutting down as it closes, and stays down
      relay = null;
      aliceEvents.awaitState(ConnectionState.RECONNECTING);

      // carol's key was never fetched, so the safety number needs the relay
      assertThatThrownBy(() -> alice.safetyNumber("carol"))
          .isInstanceOf(CommandException.Network.class)
          .hasMessage("not connected to the relay (reconnecting); try again in a moment");
    }
  }

  /**
   * A file send while reconnecting is refused at once, as text is, even with the members cached: it
   * waited, unseen, and went out once the relay was back.
   */
  @Test
  void aFileSendWhileReconnecting_isRefusedAtOnce_evenWithTheMembersCached() throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    Path file = homes.resolve("notes.txt");
    Files.writeString(file, "notes");
    try (RelayChatClient alice = registered("alice", aliceEvents)) {
      alice.members("#lobby"); // cached: the recipients check needs no relay
      relay.close();
      relay = null;
      aliceEvents.awaitState(ConnectionState.RECONNECTING);

      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () ->
              assertThatThrownBy(() -> alice.sendFile("#lobby", file))
                  .isInstanceOf(CommandException.Network.class)
                  .hasMessage("not connected to the relay (reconnecting); try again in a moment"));
    }
  }

  /**
   * A logout the relay cannot hear is refused and keeps the session: forgotten here, it would stay
   * valid on the relay with nothing on this device able to end it. Once connected, it ends it.
   */
  @Test
  void aLogoutWhileReconnecting_isRefused_keepingTheSession_andEndsItOnceConnected()
      throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents)) {
      relay.close();
      aliceEvents.awaitState(ConnectionState.RECONNECTING);

      assertThatThrownBy(alice::logout)
          .isInstanceOf(CommandException.Network.class)
          .hasMessage(
              "not logged out: not connected to the relay (reconnecting); try again in a moment");
      assertThat(alice.hasStoredSession("alice")).isTrue();

      RelayConfig config = RelayConfig.builder("127.0.0.1", port, dataDir).bcryptCost(4).build();
      relay = Relay.start(config, Clock.systemUTC(), new SecureRandom());
      aliceEvents.awaitState(ConnectionState.ONLINE);
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptionsInstanceOf(CommandException.Network.class)
          .until(
              () -> {
                alice.logout();
                return true;
              });
      assertThat(alice.hasStoredSession("alice")).isFalse();
      alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      assertThat(alice.sessions()).singleElement().matches(SessionView::current);
    }
  }

  /**
   * A login ends the session it replaces before it asks for anything: when it then fails, the front
   * ends are told no one is logged in, instead of going on showing the old user online.
   */
  @Test
  void aLoginThatFailsAfterEndingTheSessionItReplaced_saysTheOldOneIsLoggedOut() {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents)) {
      assertThatThrownBy(
              () -> alice.login("alice", PASSWORD.clone(), "mistyped passphrase".toCharArray()))
          .isInstanceOf(CommandException.Auth.class);

      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> aliceEvents.connectionDetails.contains("OFFLINE logged out of alice"));
      assertThat(alice.username()).isEmpty();
      aliceEvents.awaitState(ConnectionState.OFFLINE);
    }
  }

  /** The relay says "this conversation"; a command may have named a mistyped one: it is named. */
  @Test
  void aConversationThisUserIsNotIn_isNamedInTheRefusal() {
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      assertThatThrownBy(() -> alice.historyPage("#nowhere", 5))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("you are not in #nowhere");
      assertThatThrownBy(() -> alice.members("#nowhere")).hasMessage("you are not in #nowhere");
      assertThatThrownBy(() -> alice.leave("nowhere")).hasMessage("you are not in #nowhere");
    }
  }

  private static void sendWhenOnline(RelayChatClient client, String conversation, String text) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptionsInstanceOf(CommandException.Network.class)
        .until(
            () -> {
              client.send(conversation, text);
              return true;
            });
  }

  /** A damaged list of users ignored is said at log-in, not learnt from their next message. */
  @Test
  void damagedIgnoredUsers_isSaidAtLogin_andNeverWrittenOver() throws Exception {
    try (RelayChatClient bob = registered("bob", new RecordingListener())) {
      assertThat(bob.ignore("mallory", true)).isTrue();
    }
    Path file = homes.resolve("bob").resolve("ignored.json");
    Files.writeString(file, "{\"ignored\":[\"mallory\"]");
    RecordingListener again = new RecordingListener();
    try (RelayChatClient bob = resumed("bob", again)) {
      assertThat(again.awaitNotice("ignored.json is damaged"))
          .endsWith("until then, the users you ignored are shown");
      assertThatThrownBy(bob::listIgnoredUsers).isInstanceOf(CommandException.FileAccess.class);
    }
    assertThat(Files.readString(file)).isEqualTo("{\"ignored\":[\"mallory\"]");
  }

  @Test
  void offlineMember_getsWhatItMissed_atNextLogin_once() {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      try (RelayChatClient bob = registered("bob", bobEvents)) {
        assertThat(bob.username()).hasValue("bob");
        alice.send("#lobby", "while you were here");
        bobEvents.awaitText("while you were here");
      }
      alice.send("#lobby", "while you were away 1");
      alice.send(alice.directWith("bob"), "while you were away 2");
      RecordingListener again = new RecordingListener();
      try (RelayChatClient bob = Clients.live(port, homes)) {
        bob.addListener(again);
        assertThat(bob.hasStoredSession("bob")).isTrue();
        bob.resume("bob", PASSPHRASE.clone());
        again.awaitText("while you were away 1");
        again.awaitText("while you were away 2");
        await().during(Duration.ofMillis(500)).until(() -> true);
        assertThat(again.messages)
            .extracting(ChatMessage::text)
            .doesNotContain("while you were here");
      }
    }
  }

  @Test
  void keyChange_blocksSendingUntilTrust_andHoldsTheirMessagesUntilThen() throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents);
        RelayChatClient bob = registered("bob", new RecordingListener())) {
      assertThat(bob.username()).hasValue("bob");
      String direct = alice.directWith("bob");
      alice.send(direct, "first");
      assertThat(alice.trustState("bob")).isEqualTo(TrustState.UNVERIFIED);

      IdentityKeyPair newBob = RelayFixture.identity("bob");
      try (TestClient raw = RelayFixture.connect(relay, dataDir)) {
        raw.ok(new LoginRequest(raw.nextId(), "bob", Secret.ofChars(PASSWORD)), LoginReply.class);
        raw.ok(
            new UpdateBundleRequest(
                raw.nextId(),
                Secret.ofChars(PASSWORD),
                Bytes.of(newBob.bundle().encode()),
                Bytes.of(new byte[] {1})),
            UpdateBundleReply.class);
        BundleReply aliceKey =
            raw.ok(new GetBundleRequest(raw.nextId(), "alice"), BundleReply.class);
        Envelope fromNewKey =
            RelayFixture.seal(
                newBob,
                direct,
                List.of(IdentityBundle.parse(aliceKey.bundle().toByteArray())),
                "{\"kind\":\"text\",\"text\":\"signed with my new key\"}");
        raw.ok(
            new SendRequest(raw.nextId(), direct, Bytes.of(fromNewKey.encode())), SendReply.class);
      }
      aliceEvents.awaitNotice("bob's key changed");
      aliceEvents.awaitNotice("is held");
      assertThat(aliceEvents.messages)
          .extracting(ChatMessage::text)
          .doesNotContain("signed with my new key");
      assertThat(alice.trustState("bob")).isEqualTo(TrustState.CHANGED);
      assertThatThrownBy(() -> alice.send(direct, "second"))
          .isInstanceOfSatisfying(
              CommandException.KeysChanged.class,
              changed -> assertThat(changed.users()).containsExactly("bob"));

      String safety = alice.safetyNumber("bob").digits();
      assertThatThrownBy(() -> alice.verify("bob", "1".repeat(60)))
          .isInstanceOf(CommandException.Untrusted.class);
      alice.verify("bob", safety);
      assertThat(alice.trustState("bob")).isEqualTo(TrustState.VERIFIED);
      alice.trust("bob");
      assertThat(alice.trustState("bob")).as("an unchanged key").isEqualTo(TrustState.VERIFIED);
      assertThat(alice.trustState("alice")).as("your own key").isEqualTo(TrustState.VERIFIED);
      assertThat(aliceEvents.awaitText("signed with my new key").sender()).isEqualTo("bob");
      assertThat(alice.fingerprint("bob").matches(newBob.bundle().fingerprint())).isTrue();
      ChatMessage second = alice.send(direct, "second");
      assertThat(second.seq()).isGreaterThan(1);
    }
  }

  @Test
  void pinnedKeyReplacedWhileAway_catchUpAndHistorySayWhatIsHeld_andTrustShowsAll()
      throws Exception {
    String ops = "#ops";
    List<Long> held = new ArrayList<>();
    try (RelayChatClient bob = registered("bob", new RecordingListener());
        RelayChatClient carol = registered("carol", new RecordingListener())) {
      bob.join(ops);
      carol.join(ops);
      RecordingListener before = new RecordingListener();
      try (RelayChatClient alice = registered("alice", before)) {
        alice.join(ops);
        held.add(bob.send(ops, "bob before").seq());
        before.awaitText("bob before");
        alice.send(ops, "alice pins bob");
      }
      // As if bob's key changed: alice's pin for him is another key than the one he signs with.
      Path contacts = homes.resolve("alice").resolve("contacts.json");
      ObjectMapper json = new ObjectMapper();
      ArrayNode pins = (ArrayNode) json.readTree(contacts.toFile());
      for (JsonNode pin : pins) {
        if (pin.get("username").asText().equals("bob")) {
          byte[] other = RelayFixture.identity("bob").bundle().encode();
          ((ObjectNode) pin).put("bundle", Base64.getEncoder().encodeToString(other));
        }
      }
      json.writeValue(contacts.toFile(), pins);
      held.add(bob.send(ops, "bob while away 1").seq());
      carol.send(ops, "carol while away");
      held.add(bob.send(ops, "bob while away 2").seq());
    }

    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = resumed("alice", aliceEvents)) {
      aliceEvents.awaitText("carol while away");
      assertThat(aliceEvents.awaitNotice("2 messages from bob"))
          .isEqualTo(
              "#ops: 2 messages from bob are signed with a new key you have not accepted; they"
                  + " are held");
      assertThat(aliceEvents.notices).filteredOn(n -> n.contains("from bob")).hasSize(1);
      HistoryPage page = alice.historyPage(ops, 10);
      assertThat(page.messages())
          .extracting(ChatMessage::text)
          .containsExactly("alice pins bob", "carol while away");
      assertThat(page.held()).containsExactly(new HeldMessages(ops, "bob", held));

      alice.trust("bob");

      aliceEvents.awaitText("bob before");
      aliceEvents.awaitText("bob while away 2");
      assertThat(aliceEvents.messages)
          .extracting(ChatMessage::text)
          .containsExactly(
              "carol while away", "bob before", "bob while away 1", "bob while away 2");
      HistoryPage after = alice.historyPage(ops, 10);
      assertThat(after.held()).isEmpty();
      assertThat(after.messages()).hasSize(5);
    }
  }

  /**
   * A live message sealed to fewer members than the room has is flagged however far off its
   * sender's clock is: the relay stored it just now, so the memberships this client saw lately are
   * the ones to compare it with.
   */
  @Test
  void aRecipientLeftOut_isFlagged_evenWhenTheSendersClockIsFarOff() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", bobEvents);
        RelayChatClient carol = registered("carol", new RecordingListener())) {
      assertThat(alice.username()).hasValue("alice");
      assertThat(carol.username()).hasValue("carol");
      assertThat(bob.members("#lobby")).hasSize(3);
      IdentityKeyPair aliceKeys =
          KeyFile.open(
              Files.readAllBytes(homes.resolve("alice").resolve("identity.key")),
              PASSPHRASE.clone());
      List<IdentityBundle> notCarol = new ArrayList<>();
      try (TestClient raw = RelayFixture.connect(relay, dataDir)) {
        raw.ok(new LoginRequest(raw.nextId(), "alice", Secret.ofChars(PASSWORD)), LoginReply.class);
        for (String member : List.of("alice", "bob")) {
          BundleReply key = raw.ok(new GetBundleRequest(raw.nextId(), member), BundleReply.class);
          notCarol.add(IdentityBundle.parse(key.bundle().toByteArray()));
        }
        for (Duration off : List.of(Duration.ofMinutes(-10), Duration.ofMinutes(10))) {
          Clock senders = Clock.offset(Clock.systemUTC(), off);
          String text = "clock off by " + off.toMinutes() + " minutes";
          Envelope envelope =
              new EnvelopeSealer(new SecureRandom(), senders)
                  .seal(
                      aliceKeys,
                      "#lobby",
                      notCarol,
                      ("{\"kind\":\"text\",\"text\":\"" + text + "\"}")
                          .getBytes(StandardCharsets.UTF_8));
          raw.ok(
              new SendRequest(raw.nextId(), "#lobby", Bytes.of(envelope.encode())),
              SendReply.class);
          bobEvents.awaitText(text);
          // one sealed to the members bob sees: the next difference is news again, not a repeat
          alice.send("#lobby", "to everyone after " + off.toMinutes());
          bobEvents.awaitText("to everyone after " + off.toMinutes());
        }
      }

      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  bobEvents.notices.stream()
                          .filter(n -> n.contains("to a different set of members"))
                          .count()
                      == 2);
    }
  }

  @Test
  void newMachine_loginWithPassword_restoresKeysFromTheRelayBackup() {
    try (RelayChatClient alice = registered("alice", new RecordingListener());
        RelayChatClient bob = registered("bob", new RecordingListener())) {
      assertThat(alice.username()).hasValue("alice");
      bob.send(bob.directWith("alice"), "read me on your laptop");
    }
    Path laptop = homes.resolve("laptop");
    RecordingListener events = new RecordingListener();
    try (RelayChatClient alice = Clients.live(port, laptop)) {
      alice.addListener(events);
      assertThatThrownBy(
              () -> alice.login("alice", PASSWORD.clone(), "wrong passphrase".toCharArray()))
          .isInstanceOf(CommandException.Auth.class)
          .hasMessageContaining("wrong passphrase");
      alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      events.awaitNotice("restored your keys");
      assertThat(Files.exists(laptop.resolve("alice").resolve("identity.key"))).isTrue();
      assertThat(alice.history("@alice+bob", 10))
          .extracting(ChatMessage::text)
          .containsExactly("read me on your laptop");
    }
  }

  @Test
  void wrongPassword_isAuthFailure_andNothingIsStored() {
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      alice.logout();
      assertThat(alice.hasStoredSession("alice")).isFalse();
      assertThatThrownBy(
              () -> alice.login("alice", "not the password".toCharArray(), PASSPHRASE.clone()))
          .isInstanceOf(CommandException.Auth.class);
      assertThatThrownBy(() -> alice.send("#lobby", "x"))
          .isInstanceOf(CommandException.Usage.class);
    }
  }

  @Test
  void resume_wrongPassphrase_refusedAsSuch_storedSessionKept() {
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      assertThat(alice.send("#lobby", "before").seq()).isEqualTo(1);
    }
    try (RelayChatClient alice = Clients.oneShot(port, homes)) {
      assertThatThrownBy(() -> alice.resume("alice", "not the passphrase".toCharArray()))
          .isInstanceOf(CommandException.Auth.class)
          .hasMessageStartingWith("wrong passphrase");
      assertThatThrownBy(() -> alice.send("#lobby", "x"))
          .isInstanceOf(CommandException.Usage.class);
    }
    try (RelayChatClient alice = Clients.oneShot(port, homes)) {
      assertThat(alice.hasStoredSession("alice")).isTrue();
      alice.resume("alice", PASSPHRASE.clone());
      assertThat(alice.send("#lobby", "after").seq()).isEqualTo(2);
    }
  }

  @Test
  void changedRelayCertificate_isRefusedLoudly_withBothFingerprints() throws Exception {
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      assertThat(alice.send("#lobby", "pinned").seq()).isEqualTo(1);
    }
    relay.close();
    for (String name : List.of("tls.crt", "tls.key")) {
      Files.delete(dataDir.resolve(name));
    }
    RelayConfig config = RelayConfig.builder("127.0.0.1", port, dataDir).bcryptCost(4).build();
    relay = Relay.start(config, Clock.systemUTC(), new SecureRandom());
    try (RelayChatClient alice = Clients.oneShot(port, homes)) {
      assertThatThrownBy(() -> alice.resume("alice", PASSPHRASE.clone()))
          .isInstanceOf(CommandException.Network.class)
          .hasMessageContaining("HAS CHANGED")
          .hasMessageContaining(relay.tlsFingerprint());
    }
  }
}
