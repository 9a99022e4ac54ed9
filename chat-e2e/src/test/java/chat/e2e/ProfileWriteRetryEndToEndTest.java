package chat.e2e;

import static chat.e2e.Clients.FAST_KDF;
import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.PrivateFiles;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientOptions;
import chat.cli.client.internal.DurableFiles;
import chat.cli.client.internal.ProfileWriter;
import chat.cli.client.internal.RelayChatClient;
import chat.server.Relay;
import chat.server.RelayFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message from a sender whose key cannot be pinned (the profile is full) waits instead of being
 * passed: one notice, the read position kept before it, a retry every 2 seconds, and the message
 * shown, in order with those after it, once the key can be written. A page of history with such a
 * message is refused, naming the file, until the key can be written.
 */
class ProfileWriteRetryEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;

  /** In a room, and in a private conversation, which the notice names as alice does: @bob. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void message_fromASenderWhoseKeyCannotBeWritten_waitsWithOneNotice_thenShowsWhenItCan(
      boolean direct) throws Exception {
    AtomicBoolean full = new AtomicBoolean();
    AtomicInteger refused = new AtomicInteger();
    try (Relay relay = RelayFixture.start(dataDir);
        RelayChatClient bob = Clients.live(relay.port(), homes.resolve("bob"));
        RelayChatClient alice = alice(relay.port(), true, full, refused)) {
      RecordingListener seen = new RecordingListener();
      alice.addListener(seen);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      full.set(true);
      String conversation = direct ? bob.directWith("alice") : "#lobby";

      long first = bob.send(conversation, "first").seq();
      bob.send(conversation, "second");

      await().atMost(Duration.ofSeconds(20)).until(() -> refused.get() >= 3); // retried
      assertThat(seen.messages).isEmpty();
      JsonNode state =
          new ObjectMapper()
              .readTree(homes.resolve("alice").resolve("alice").resolve("state.json").toFile());
      assertThat(state.path("cursors").path(conversation).asLong(0))
          .as("the read position, saved every 2 s meanwhile, stays before the message")
          .isLessThan(first);
      assertThat(seen.notices)
          .filteredOn(notice -> notice.contains("cannot write"))
          .containsExactly(
              conversation // said in the message's conversation
                  + ": cannot write "
                  + homes.resolve("alice").resolve("alice").resolve("contacts.json")
                  + ": no space left on device (the key of bob, whose message in "
                  + (direct ? "@bob" : "#lobby")
                  + " waits until it can be written)");

      full.set(false);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> seen.messages.stream().map(ChatMessage::text).toList().size() >= 2);
      assertThat(seen.messages).extracting(ChatMessage::text).containsExactly("first", "second");
      assertThat(seen.notices).filteredOn(notice -> notice.contains("cannot write")).hasSize(1);
    }
  }

  /**
   * A page of history with a message from a sender whose key cannot be pinned is refused, saying
   * which file and whose key, as the live path says; it does not pass the message off as having no
   * usable key. Once the key can be written the same page shows it.
   */
  @Test
  void history_withASenderWhoseKeyCannotBeWritten_failsNamingTheFile_thenShowsWhenItCan()
      throws Exception {
    AtomicBoolean full = new AtomicBoolean();
    AtomicInteger refused = new AtomicInteger();
    try (Relay relay = RelayFixture.start(dataDir);
        RelayChatClient bob = Clients.live(relay.port(), homes.resolve("bob"));
        RelayChatClient alice = alice(relay.port(), false, full, refused)) {
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      bob.send("#lobby", "first");
      full.set(true);

      assertThatThrownBy(() -> alice.history("#lobby", 5))
          .isInstanceOf(CommandException.FileAccess.class)
          .hasMessage(
              "cannot write "
                  + homes.resolve("alice").resolve("alice").resolve("contacts.json")
                  + ": no space left on device (the key of bob, needed to show their messages"
                  + " in #lobby)");

      full.set(false);

      assertThat(alice.history("#lobby", 5)).extracting(ChatMessage::text).containsExactly("first");
    }
  }

  /** Alice's client, whose profile cannot be written while {@code full}; counts the refusals. */
  private RelayChatClient alice(int port, boolean live, AtomicBoolean full, AtomicInteger refused) {
    ProfileWriter failsWhileFull =
        (file, data) -> {
          if (full.get()) {
            refused.incrementAndGet();
            throw new CommandException.FileAccess(
                "cannot write " + file + ": no space left on device", null);
          }
          PrivateFiles.write(file, data);
        };
    return new RelayChatClient(
        new ClientOptions(
            "127.0.0.1",
            port,
            homes.resolve("alice"),
            true,
            Duration.ofSeconds(15),
            live,
            homes.resolve("downloads")),
        new SecureRandom(),
        Clock.systemUTC(),
        FAST_KDF,
        DurableFiles.SYSTEM,
        failsWhileFull);
  }
}
