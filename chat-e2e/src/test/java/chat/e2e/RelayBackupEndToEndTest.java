package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.HistoryPage;
import chat.cli.client.internal.RelayChatClient;
import chat.server.Main;
import chat.server.Relay;
import chat.server.RelayConfig;
import chat.server.RelayFixture;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chat-server backup} taken while the relay runs and a member keeps sending: a relay started
 * on the copy, on the same address, takes the sessions stored before it and serves the messages of
 * its moment, in order and without a gap, under the certificate the clients pinned.
 */
class RelayBackupEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;
  @TempDir Path backups;

  /** The notice of a relay restored to #2 where bob had read up to #3. */
  private static final String WENT_BACK =
      "#lobby: the relay's copy of #lobby goes back to #2, where this device had read up to #3:"
          + " the relay was restored from a backup, and what was sent after that is gone from it;"
          + " what was sent since is shown";

  /** {@code chat-server backup} of the relay's data directory into {@code copy}: its exit code. */
  private int backup(Path copy) {
    return Main.run(
        new String[] {"backup", "--data-dir", dataDir.toString(), copy.toString()}, Map.of());
  }

  /** A relay started on {@code copy} at {@code port}, where the one backed up listened. */
  private static Relay restored(Path copy, int port) throws Exception {
    RelayConfig config = RelayConfig.builder("127.0.0.1", port, copy).bcryptCost(4).build();
    return Relay.start(config, Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Alice and bob, each with a live client, in a relay backed up after alice's "one" and "two"; bob
   * then reads "three" (#3), which the backup does not hold. Returns the relay's port.
   */
  private int bobReadPastTheBackup(Path copy) throws Exception {
    return bobReadTo(copy, 3);
  }

  /**
   * As {@link #bobReadPastTheBackup}, bob reading alice's messages up to #{@code readTo}, all but
   * the first two lost with the restore.
   */
  private int bobReadTo(Path copy, int readTo) throws Exception {
    try (Relay relay = RelayFixture.start(dataDir);
        RelayChatClient alice = Clients.live(relay.port(), homes);
        RelayChatClient bob = Clients.live(relay.port(), homes)) {
      RecordingListener seen = new RecordingListener();
      bob.addListener(seen);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      alice.send("#lobby", "one");
      alice.send("#lobby", "two");
      assertThat(backup(copy)).isZero();
      for (int seq = 3; seq <= readTo; seq++) {
        alice.send("#lobby", "#" + seq + ", lost with the restore");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.messages.size() == readTo);
      return relay.port();
    }
  }

  @Test
  void backup_whileMessagesAreSent_restoresAsARelayWithTheSameSessionsAndHistory()
      throws Exception {
    Path copy = backups.resolve("chat-relay");
    int port;
    AtomicBoolean backingUp = new AtomicBoolean(true);
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try (Relay relay = RelayFixture.start(dataDir);
        RelayChatClient alice = Clients.live(relay.port(), homes);
        RelayChatClient bob = Clients.live(relay.port(), homes)) {
      port = relay.port();
      RecordingListener bobSaw = new RecordingListener();
      bob.addListener(bobSaw);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      alice.send("#lobby", "first");
      bob.send(bob.directWith("alice"), "just us");
      Future<Integer> meanwhile =
          sender.submit(
              () -> {
                int sent = 0;
                while (backingUp.get() || sent < 5) {
                  alice.send("#lobby", "more " + sent++);
                }
                return sent;
              });

      int code = backup(copy);

      backingUp.set(false);
      assertThat(code).isZero();
      int sent = meanwhile.get();
      assertThat(sent).isGreaterThanOrEqualTo(5);
      alice.send("#lobby", "after the backup"); // bob reads past the backup's moment
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> bobSaw.messages.stream().anyMatch(m -> m.text().equals("after the backup")));
    } finally {
      sender.shutdownNow();
    }

    try (Relay restored = restored(copy, port);
        RelayChatClient bob = Clients.oneShot(port, homes)) {
      assertThat(restored.port()).isEqualTo(port);
      bob.resume("bob", PASSPHRASE.clone()); // its session, and the relay's certificate as pinned

      HistoryPage page = bob.historyPage("#lobby", 1_000);
      assertThat(page.notForYou())
          .as("no message counted as not given to bob for the numbers he read past the backup")
          .isZero();
      List<String> lobby = page.messages().stream().map(ChatMessage::text).toList();
      assertThat(lobby).startsWith("first");
      assertThat(lobby.subList(1, lobby.size()))
          .as("what was sent while the backup was taken, up to its moment, with no gap")
          .isEqualTo(IntStream.range(0, lobby.size() - 1).mapToObj(i -> "more " + i).toList());
      assertThat(bob.history(bob.directWith("alice"), 10))
          .extracting(ChatMessage::text)
          .containsExactly("just us");
    }
  }

  /**
   * A relay restored from a backup gives numbers that a member had read past the backup's moment to
   * new messages. That member's device says so once and shows the messages sent since the restore,
   * whether they came after it reconnected, before it (it finds where the relay's copy and what it
   * read part, by the messages' ids), or so many before it that the relay's newest number is the
   * one it had read up to (the relay names the id of the message there); what it showed before is
   * not shown again.
   *
   * @param sentBefore how many of the two new messages are sent before the member reconnects
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void restoredRelay_aMemberWhoReadPastTheBackup_isShownWhatWasSentSince(int sentBefore)
      throws Exception {
    Path copy = backups.resolve("chat-relay");
    int port = bobReadPastTheBackup(copy);

    try (Relay restored = restored(copy, port);
        RelayChatClient alice = Clients.live(restored.port(), homes);
        RelayChatClient bob = Clients.live(port, homes)) {
      RecordingListener seen = new RecordingListener();
      bob.addListener(seen);
      alice.resume("alice", PASSPHRASE.clone());
      List<String> texts = List.of("four", "five"); // "four" is #3, where bob read "three"
      for (String text : texts.subList(0, sentBefore)) {
        alice.send("#lobby", text);
      }
      bob.resume("bob", PASSPHRASE.clone());
      for (String text : texts.subList(sentBefore, texts.size())) {
        alice.send("#lobby", text);
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> seen.messages.size() >= 2);
      assertThat(seen.messages).extracting(ChatMessage::text).containsExactly("four", "five");
      assertThat(seen.notices).containsExactly(WENT_BACK);
    }
  }

  /**
   * After a restore, the message under bob's cursor is one his device holds instead of showing it
   * (alice's key changed, and he has not accepted the new one): the restore is said once, not again
   * at his next start, where what he read under #3 before is no longer taken for the relay's.
   */
  @Test
  void restoredRelay_aHeldMessageUnderTheCursor_theRestoreIsSaidOnce() throws Exception {
    Path copy = backups.resolve("chat-relay");
    int port = bobReadPastTheBackup(copy);

    try (Relay restored = restored(copy, port);
        RelayChatClient alice = Clients.live(restored.port(), homes)) {
      alice.replaceKeys("alice", PASSWORD.clone(), "another key passphrase".toCharArray());
      alice.send("#lobby", "four, under alice's new key"); // #3, held by bob's device
      for (int start = 1; start <= 2; start++) {
        try (RelayChatClient bob = Clients.live(port, homes)) {
          RecordingListener seen = new RecordingListener();
          bob.addListener(seen);
          bob.resume("bob", PASSPHRASE.clone());
          if (start == 1) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.notices.contains(WENT_BACK));
          } else {
            alice.send("#lobby", "#4, pushed after bob's catch-up, on the same thread");
            await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> seen.notices.stream().anyMatch(n -> n.contains("held")));
            assertThat(seen.notices).doesNotContain(WENT_BACK);
          }
        }
      }
    }
  }

  /**
   * Bob's one-shot client (a script's {@code chat send}) posts in the restored relay after alice's
   * message took #3: its message is #4, one past what bob had read (#3), at it (#4) or below it
   * (#5). The one-shot client neither moves his cursor onto it nor takes it as read, since the
   * login reply did not bear the cursor out: his next live client still finds the restore, and
   * shows alice's message and his own.
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5})
  void restoredRelay_aOneShotSendBeforeTheLiveClient_leavesTheRestoreToBeFound(int readTo)
      throws Exception {
    Path copy = backups.resolve("chat-relay");
    int port = bobReadTo(copy, readTo);

    try (Relay restored = restored(copy, port);
        RelayChatClient alice = Clients.live(restored.port(), homes)) {
      alice.resume("alice", PASSPHRASE.clone());
      alice.send("#lobby", "new from alice"); // #3
      try (RelayChatClient script = Clients.oneShot(port, homes)) {
        script.resume("bob", PASSPHRASE.clone());
        script.send("#lobby", "from bob's script"); // #4
      }
      try (RelayChatClient bob = Clients.live(port, homes)) {
        RecordingListener seen = new RecordingListener();
        bob.addListener(seen);
        bob.resume("bob", PASSPHRASE.clone());
        alice.send("#lobby", "pushed later"); // after the catch-up, on the same thread

        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> seen.messages.stream().anyMatch(m -> m.text().equals("pushed later")));
        assertThat(seen.messages)
            .extracting(ChatMessage::text)
            .containsExactly("new from alice", "from bob's script", "pushed later");
        assertThat(seen.notices)
            .containsExactly(
                "#lobby: the relay's copy of #lobby goes back to #2, where this device had read up"
                    + " to #"
                    + readTo
                    + ": the relay was restored from a backup, and what was sent after that is"
                    + " gone from it; what was sent since is shown");
      }
    }
  }

  /**
   * An own message sent while the catch-up after a restore delivers (the person typed meanwhile) is
   * not taken for something the relay no longer holds: its delivery in the next sync is not a
   * replayed copy.
   */
  @Test
  void restoredRelay_anOwnMessageSentDuringTheCatchUp_isNotSaidToBeReplayed() throws Exception {
    Path copy = backups.resolve("chat-relay");
    int port = bobReadTo(copy, 5);

    try (Relay restored = restored(copy, port);
        RelayChatClient alice = Clients.live(restored.port(), homes)) {
      alice.resume("alice", PASSPHRASE.clone());
      alice.send("#lobby", "new from alice"); // #3
      ExecutorService typing = Executors.newSingleThreadExecutor();
      AtomicBoolean typed = new AtomicBoolean();
      try (RelayChatClient bob = Clients.live(port, homes)) {
        RecordingListener seen = new RecordingListener();
        bob.addListener(seen);
        bob.addListener(
            new ClientListener() {
              @Override
              public void onMessage(ChatMessage message) {
                if (message.text().equals("new from alice")) { // during the catch-up's sync
                  try {
                    typing
                        .submit(() -> bob.send("#lobby", "typed during the catch-up")) // #4
                        .get(20, TimeUnit.SECONDS);
                    typed.set(true);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              }
            });
        bob.resume("bob", PASSPHRASE.clone());
        await().atMost(Duration.ofSeconds(10)).untilTrue(typed);
        alice.send("#lobby", "pushed later");

        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> seen.messages.stream().anyMatch(m -> m.text().equals("pushed later")));
        assertThat(seen.notices).noneMatch(notice -> notice.contains("replayed"));
      } finally {
        typing.shutdownNow();
      }
    }
  }
}
