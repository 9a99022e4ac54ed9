package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.LiveNoticeCap;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.Frame;
import chat.protocol.KeyChangeEvent;
import chat.protocol.MessageEvent;
import chat.server.RelayFixture;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A relay that pushes bob, in {@code chat listen}, notices that are not of one conversation (keys
 * that are not valid) or that come from conversations it invents: stderr says a few by name and
 * counts the others on one line. A changed key of a contact announced again and again is said once.
 */
class HostileRelayNoticeFloodTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob");

  private static final int FLOOD = 40;
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Runs {@code chat listen} for bob while alice writes to him "ready" and then "after them"; just
   * before "after them" reaches him, the relay pushes him what {@code flood} makes of that message
   * event. Returns what the listen gave.
   */
  private static ScriptRunner.Result listenWhileFlooded(Function<MessageEvent, List<Frame>> flood)
      throws Exception {
    return listenWhileFlooded("bob", "alice", flood);
  }

  /**
   * Runs {@code chat listen} for {@code listener} while {@code writer} writes to them "ready" and
   * then "after them"; just before "after them" reaches the listener, the relay pushes it what
   * {@code flood} makes of that message event. Returns what the listen gave.
   */
  private static ScriptRunner.Result listenWhileFlooded(
      String listener, String writer, Function<MessageEvent, List<Frame>> flood) throws Exception {
    AtomicBoolean armed = new AtomicBoolean();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (frame instanceof MessageEvent event
                && link.username().filter(listener::equals).isPresent()
                && armed.compareAndSet(true, false)) {
              List<Frame> out = new ArrayList<>(flood.apply(event));
              out.add(frame);
              return out;
            }
            return List.of(frame);
          }
        });
    relay.registered(listener).close();
    StringWriter out = new StringWriter();
    try (RelayChatClient sender = relay.registered(writer)) {
      String direct = sender.directWith(listener);
      CompletableFuture<ScriptRunner.Result> listening =
          CompletableFuture.supplyAsync(
              () ->
                  new ScriptRunner(relay.port(), relay.homes())
                      .runPrintingTo(out, "listen", "--user", listener, "--count", "2"),
              OwnThread.EACH);
      sender.send(direct, "ready");
      await().atMost(WAIT).until(() -> out.toString().contains("ready"));
      armed.set(true);
      sender.send(direct, "after them");
      return listening.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** A flood of copies of the message event, one in each of {@link #FLOOD} conversations. */
  private static Function<MessageEvent, List<Frame>> copiesIn(IntFunction<String> conversation) {
    return event -> {
      List<Frame> copies = new ArrayList<>();
      for (int i = 1; i <= FLOOD; i++) {
        copies.add(
            new MessageEvent(conversation.apply(i), 1, event.storedAtMillis(), event.envelope()));
      }
      return copies;
    };
  }

  @Test
  void fortyInvalidKeysAnnounced_listen_fiveOnStderr_theOthersCountedBeforeTheNextMessage()
      throws Exception {
    ScriptRunner.Result result =
        listenWhileFlooded(
            event -> {
              List<Frame> keys = new ArrayList<>();
              for (int i = 1; i <= FLOOD; i++) {
                keys.add(new KeyChangeEvent("user" + i, Bytes.of(new byte[] {1, 2, 3})));
              }
              return keys;
            });

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err().lines().filter(l -> l.contains("an invalid key for user")))
        .hasSize(LiveNoticeCap.MAX_NOTICES)
        .allMatch(l -> l.startsWith("chat: the relay announced an invalid key for user"));
    assertThat(result.err()).contains("chat: the relay announced 35 more invalid keys; ignored\n");
    assertThat(result.out().lines().filter(l -> l.contains("<alice>"))).hasSize(2);
  }

  @Test
  void fortyNewKeysAnnouncedForTheUsersOwnAccount_listen_fiveWarnings_theOthersCounted()
      throws Exception {
    Bytes another =
        Bytes.of(
            IdentityKeyPair.generate("bob", new SecureRandom(), Clock.systemUTC())
                .bundle()
                .encode());
    ScriptRunner.Result result =
        listenWhileFlooded(
            event -> {
              List<Frame> keys = new ArrayList<>();
              for (int i = 1; i <= FLOOD; i++) {
                keys.add(new KeyChangeEvent("bob", another));
              }
              return keys;
            });

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err().lines().filter(l -> l.contains("a NEW KEY FOR YOUR ACCOUNT")))
        .hasSize(LiveNoticeCap.MAX_NOTICES)
        .allMatch(l -> l.startsWith("chat: the relay announced a NEW KEY FOR YOUR ACCOUNT. If"));
    assertThat(result.err())
        .contains("chat: the relay announced 35 more NEW KEYS FOR YOUR ACCOUNT\n");
    assertThat(result.out().lines().filter(l -> l.contains("<alice>"))).hasSize(2);
  }

  /**
   * Private conversations of bob's with made-up users: each is his (its first message would open
   * it), so the copy is left out there, with a notice named for the first few conversations.
   */
  @Test
  void theSameChangedKeyOfAContactAnnouncedFortyTimes_listen_saidOnce_anotherNewKeySaidAgain()
      throws Exception {
    Bytes changed = Bytes.of(RelayFixture.identity("bob").bundle().encode());
    Bytes changedAgain = Bytes.of(RelayFixture.identity("bob").bundle().encode());
    ScriptRunner.Result result =
        listenWhileFlooded(
            "alice",
            "bob",
            event -> {
              List<Frame> keys = new ArrayList<>();
              for (int i = 1; i <= FLOOD; i++) {
                keys.add(new KeyChangeEvent("bob", changed));
              }
              keys.add(new KeyChangeEvent("bob", changedAgain));
              keys.add(new KeyChangeEvent("bob", changed));
              return keys;
            });

    String said =
        "chat: bob's key changed. Sending to them is blocked until you compare the safety number"
            + " (chat keys safety bob) and accept it with chat keys trust bob";
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err().lines().filter(l -> l.contains("key changed")))
        .containsExactly(said, said); // the first key once, the second once
    assertThat(result.out().lines().filter(l -> l.contains("<bob>"))).hasSize(2);
  }

  @Test
  void messagesPushedInFortyInventedConversations_listen_eightNamed_theOthersOnOneLine()
      throws Exception {
    ScriptRunner.Result result = listenWhileFlooded(copiesIn(i -> "@bob+user" + i));

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> named =
        result.err().lines().filter(l -> l.contains("belongs to another conversation")).toList();
    assertThat(named).hasSize(LiveNoticeCap.MAX_CONVERSATIONS);
    assertThat(named.get(0)).startsWith("chat: @user1: message #1 from alice belongs");
    assertThat(result.err())
        .contains("chat: in other conversations: 32 more messages left out\n")
        .doesNotContain("@user9:");
    assertThat(result.out().lines().filter(l -> l.contains("<alice>"))).hasSize(2);
  }

  /**
   * Conversations bob is not in (private ones of others): nothing of them is shown or kept, and
   * stderr says five and counts the others, once for all of them.
   */
  @Test
  void messagesPushedInFortyConversationsBobIsNotIn_listen_fiveOnStderr_theOthersCounted()
      throws Exception {
    ScriptRunner.Result result = listenWhileFlooded(copiesIn(i -> "@carol+user" + i));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err().lines().filter(l -> l.contains("a conversation you are not in")))
        .hasSize(LiveNoticeCap.MAX_NOTICES)
        .first()
        .isEqualTo(
            "chat: the relay pushed a message in @carol+user1, a conversation you are not in;"
                + " ignored");
    assertThat(result.err())
        .contains(
            "chat: the relay pushed 35 more messages in conversations you are not in; ignored\n")
        .doesNotContain("belongs to another conversation");
    assertThat(result.out().lines().filter(l -> l.contains("<alice>"))).hasSize(2);
  }
}
