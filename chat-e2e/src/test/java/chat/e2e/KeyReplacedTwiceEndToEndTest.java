package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import chat.cli.client.HeldMessages;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.internal.RelayChatClient;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contact replaces their keys twice while a reader still has the first one pinned: the message
 * signed with the key in between can never be verified (the relay serves only the current key), so
 * it is neither held as if accepting the current key would show it, nor dropped without a word. A
 * key the reader had pinned stays theirs for what it signed before the change.
 */
class KeyReplacedTwiceEndToEndTest {
  private static final String OLD_KEY_NOTICE =
      "from alice is signed by a key that is not alice's current one";

  @TempDir Path dataDir;
  @TempDir Path aliceHome;
  @TempDir Path bobHome;
  @TempDir Path newMachine;
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

  /**
   * Registers alice and bob, bob writing "hi alice" in their private conversation (which pins
   * alice's first key on his side); returns that conversation.
   */
  private String bobWritesFirst() {
    try (RelayChatClient alice = Clients.oneShot(port, aliceHome)) {
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
    }
    try (RelayChatClient bob = Clients.oneShot(port, bobHome)) {
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      String direct = bob.directWith("alice");
      bob.send(direct, "hi alice");
      return direct;
    }
  }

  /** Alice, logged in with her first passphrase, writes {@code text}; returns its seq. */
  private long aliceWrites(String direct, String text) {
    try (RelayChatClient alice = Clients.oneShot(port, aliceHome)) {
      alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      return alice.send(direct, text).seq();
    }
  }

  @Test
  void replaceKeysTwice_messageOfTheKeyInBetween_saidToBeUnverifiable_live_andInHistory()
      throws Exception {
    try (RelayChatClient alice = Clients.oneShot(port, aliceHome)) {
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
    }
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient bob = Clients.live(port, bobHome)) {
      bob.addListener(bobEvents);
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      String direct = bob.directWith("alice");
      bob.send(direct, "hi alice"); // pins alice's first key

      ChatMessage second;
      try (RelayChatClient alice = Clients.oneShot(port, aliceHome)) {
        alice.replaceKeys("alice", PASSWORD.clone(), "second passphrase".toCharArray());
        second = alice.send(direct, "from the second key");
      }
      bobEvents.awaitNotice(HeldMessages.one(direct, "alice", second.seq()).notice());
      try (RelayChatClient alice = Clients.oneShot(port, aliceHome)) {
        alice.replaceKeys("alice", PASSWORD.clone(), "third passphrase".toCharArray());
        alice.send(direct, "from the third key");
      }
      bobEvents.awaitEvent("trust alice CHANGED");

      bob.trust("alice");

      assertThat(bobEvents.awaitText("from the third key").sender()).isEqualTo("alice");
      // the key that signed it is not the one accepted: said, and never shown as verified
      assertThat(bobEvents.awaitNotice(OLD_KEY_NOTICE))
          .isEqualTo(
              direct
                  + ": "
                  + LeftOutMessages.one(
                          direct, "alice", LeftOutMessages.Reason.OLD_KEY, second.seq())
                      .notice());
      HistoryPage page = bob.historyPage(direct, 50);
      assertThat(page.messages())
          .extracting(ChatMessage::text)
          .containsExactly("hi alice", "from the third key");
      assertThat(page.held()).isEmpty();
      assertThat(page.leftOut())
          .containsExactly(
              LeftOutMessages.one(direct, "alice", LeftOutMessages.Reason.OLD_KEY, second.seq()));
      assertThat(bobEvents.messages)
          .extracting(ChatMessage::text)
          .doesNotContain("from the second key");

      // a machine that first sees alice now pins her third key: both earlier ones are counted
      try (RelayChatClient alice = Clients.oneShot(port, aliceHome)) {
        alice.login("alice", PASSWORD.clone(), "third passphrase".toCharArray());
        alice.send(direct, "still the third key");
      }
      try (RelayChatClient fresh = Clients.oneShot(port, newMachine)) {
        fresh.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
        HistoryPage first = fresh.historyPage(direct, 50);
        assertThat(first.messages())
            .extracting(ChatMessage::text)
            .containsExactly("hi alice", "from the third key", "still the third key");
        assertThat(first.held()).isEmpty();
        assertThat(first.leftOut())
            .isEqualTo(
                List.of(
                    LeftOutMessages.one(
                        direct, "alice", LeftOutMessages.Reason.OLD_KEY, second.seq())));
      }
    }
  }

  @Test
  void replaceKeysOnce_accepted_theEarlierMessagesStillShow_notWhereThatKeyWasNeverPinned()
      throws Exception {
    String direct = bobWritesFirst();
    long before = aliceWrites(direct, "before the change");
    long replaced;
    try (RelayChatClient alice = Clients.oneShot(port, aliceHome)) {
      alice.replaceKeys("alice", PASSWORD.clone(), "second passphrase".toCharArray());
      replaced = alice.send(direct, "after the change").seq();
      // her own, signed and encrypted with the keys she replaced: said as such, not as a forgery
      HistoryPage own = alice.historyPage(direct, 50);
      assertThat(own.messages()).extracting(ChatMessage::text).containsExactly("after the change");
      assertThat(own.leftOut())
          .contains(
              LeftOutMessages.one(
                  direct, "alice", LeftOutMessages.Reason.NOT_FOR_YOUR_KEY, before));
    }
    try (RelayChatClient bob = Clients.oneShot(port, bobHome)) {
      bob.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
      assertThat(bob.historyPage(direct, 50).held())
          .containsExactly(HeldMessages.one(direct, "alice", replaced));

      bob.trust("alice");

      HistoryPage page = bob.historyPage(direct, 50);
      assertThat(page.messages())
          .extracting(ChatMessage::text)
          .containsExactly("hi alice", "before the change", "after the change");
      assertThat(page.leftOut()).isEmpty();
    }
    try (RelayChatClient bob = Clients.oneShot(port, bobHome)) {
      bob.login("bob", PASSWORD.clone(), PASSPHRASE.clone()); // read from contacts.json again
      assertThat(bob.historyPage(direct, 50).messages())
          .extracting(ChatMessage::text)
          .containsExactly("hi alice", "before the change", "after the change");
    }
    try (RelayChatClient fresh = Clients.oneShot(port, newMachine)) {
      fresh.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
      HistoryPage page = fresh.historyPage(direct, 50);
      assertThat(page.messages())
          .extracting(ChatMessage::text)
          .containsExactly("hi alice", "after the change");
      assertThat(page.leftOut()).hasSize(1);
    }
  }

  @Test
  void replaceKeysTwice_readerOffline_catchUpHoldsOnlyTheCurrentKeys_andSaysWhatItLeftOut()
      throws Exception {
    String direct = bobWritesFirst();
    long first = aliceWrites(direct, "from the first key");
    List<Long> later = new ArrayList<>();
    for (String passphrase : List.of("second passphrase", "third passphrase")) {
      try (RelayChatClient alice = Clients.oneShot(port, aliceHome)) {
        alice.replaceKeys("alice", PASSWORD.clone(), passphrase.toCharArray());
        later.add(alice.send(direct, "from the " + passphrase.split(" ")[0] + " key").seq());
      }
    }
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient bob = Clients.live(port, bobHome)) {
      bob.addListener(bobEvents);
      bob.login("bob", PASSWORD.clone(), PASSPHRASE.clone());

      bobEvents.awaitNotice(HeldMessages.one(direct, "alice", later.get(1)).notice());
      bobEvents.awaitNotice(OLD_KEY_NOTICE);
      HistoryPage before = bob.historyPage(direct, 50);
      assertThat(before.messages())
          .extracting(ChatMessage::text)
          .containsExactly("hi alice", "from the first key");
      assertThat(before.held()).containsExactly(HeldMessages.one(direct, "alice", later.get(1)));
      assertThat(before.leftOut())
          .containsExactly(
              LeftOutMessages.one(direct, "alice", LeftOutMessages.Reason.OLD_KEY, later.get(0)));

      bob.trust("alice");

      assertThat(bobEvents.awaitText("from the third key").sender()).isEqualTo("alice");
      HistoryPage after = bob.historyPage(direct, 50);
      // the first key, pinned here before, is kept as an earlier key: its message still shows
      assertThat(after.messages())
          .extracting(ChatMessage::seq)
          .containsExactly(first - 1, first, later.get(1));
      assertThat(after.messages())
          .extracting(ChatMessage::text)
          .containsExactly("hi alice", "from the first key", "from the third key");
      assertThat(after.leftOut())
          .containsExactly(
              LeftOutMessages.one(direct, "alice", LeftOutMessages.Reason.OLD_KEY, later.get(0)));
      assertThat(bobEvents.messages)
          .extracting(ChatMessage::text)
          .doesNotContain("from the second key");
    }
  }
}
