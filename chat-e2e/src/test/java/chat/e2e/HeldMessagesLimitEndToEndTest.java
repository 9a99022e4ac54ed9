package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ChatMessage;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.Bytes;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.protocol.BundleReply;
import chat.protocol.GetBundleRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.Secret;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.server.Relay;
import chat.server.RelayFixture;
import chat.server.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contact replaces their keys and sends large messages before the person accepts the new key: the
 * client keeps only so many of them in memory (32 MiB), and accepting the key shows those and says
 * where the others are, instead of holding every one until the memory runs out.
 */
class HeldMessagesLimitEndToEndTest {
  private static final char[] NEW_PASSPHRASE = "a brand new passphrase".toCharArray();

  /** Messages of about 1 MiB, as large as a message may be: 40 of them are past what is kept. */
  private static final int SENT = 40;

  @TempDir Path dataDir;
  @TempDir Path homes;
  private Relay relay;

  @BeforeEach
  void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
  }

  @AfterEach
  void stopRelay() {
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void largeMessagesHeld_pastTheLimit_trustShowsTheKeptOnes_andSaysTheOthersAreInTheHistory()
      throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = Clients.live(relay.port(), homes)) {
      alice.addListener(aliceEvents);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      try (RelayChatClient bob = Clients.oneShot(relay.port(), homes)) {
        bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      }
      String direct = alice.directWith("bob");
      alice.send(direct, "hello"); // pins bob's key; #1
      try (RelayChatClient bob = Clients.oneShot(relay.port(), homes)) {
        bob.replaceKeys("bob", PASSWORD.clone(), NEW_PASSPHRASE.clone());
      }
      aliceEvents.awaitNotice("bob's key changed");
      IdentityKeyPair newBob =
          KeyFile.open(
              Files.readAllBytes(homes.resolve("bob").resolve("identity.key")),
              NEW_PASSPHRASE.clone());

      try (TestClient raw = RelayFixture.connect(relay, dataDir)) {
        raw.ok(new LoginRequest(raw.nextId(), "bob", Secret.ofChars(PASSWORD)), LoginReply.class);
        IdentityBundle aliceKey =
            IdentityBundle.parse(
                raw.ok(new GetBundleRequest(raw.nextId(), "alice"), BundleReply.class)
                    .bundle()
                    .toByteArray());
        String padding = "x".repeat(1_000_000);
        for (int i = 0; i < SENT; i++) {
          String content =
              "{\"kind\":\"text\",\"text\":\"big " + i + "\",\"pad\":\"" + padding + "\"}";
          byte[] envelope = RelayFixture.seal(newBob, direct, List.of(aliceKey), content).encode();
          raw.ok(new SendRequest(raw.nextId(), direct, Bytes.of(envelope)), SendReply.class);
          // One at a time, so that alice reads each as it is pushed.
          int held = i + 1;
          await()
              .atMost(Duration.ofSeconds(15))
              .until(
                  () ->
                      aliceEvents.notices.stream()
                              .filter(n -> n.contains("from bob is signed with a new key"))
                              .count()
                          >= held);
        }
      }
      assertThat(aliceEvents.messages).extracting(ChatMessage::text).doesNotContain("big 0");

      alice.trust("bob");
      String notice = aliceEvents.awaitNotice("more messages from bob were held here");
      assertThat(notice)
          .isEqualTo(
              direct
                  + ": more messages from bob were held here than this client keeps in memory"
                  + " (10000 messages or 32 MiB); the others are not shown: read them in this"
                  + " conversation's history");
      List<String> shown =
          aliceEvents.messages.stream()
              .map(ChatMessage::text)
              .filter(text -> text.startsWith("big "))
              .toList();
      assertThat(shown).startsWith("big 0", "big 1", "big 2").hasSizeBetween(25, SENT - 1);
    }
  }
}
