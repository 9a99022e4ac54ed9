package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.ExitCode;
import chat.cli.client.ConnectionState;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.Fingerprint;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.FileDataReply;
import chat.protocol.Frame;
import chat.protocol.UpdateBundleReply;
import chat.protocol.UpdateBundleRequest;
import chat.server.RelayFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key replacement or passphrase change cut short at each step (a file step that fails, as a crash
 * or a full disk there would, or a reply lost on the way) leaves a profile that the next start
 * settles to the key pair the relay holds; and a resumed session, a live one that reconnects, or a
 * one-shot transfer that resumes on a new connection, whose key is not the relay's stops. The
 * clients reach the relay through {@link HostileRelay}, which can drop frames and connections.
 */
class KeyChangeCrashEndToEndTest {
  /** Stage: key file, public file, directory; then, once the relay took it: two renames, sync. */
  private static final int FILE_STEPS = 6;

  private static final int LAST_STEP_BEFORE_THE_RELAY = 3;

  @RegisterExtension static final HostileRelayExtension relay = new HostileRelayExtension();

  @TempDir Path otherMachines;

  @BeforeEach
  void registerBob() {
    try (RelayChatClient bob = Clients.oneShot(relay.port(), relay.homes())) {
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
    }
  }

  private Path profile() {
    return relay.homes().resolve("bob");
  }

  private boolean pendingLeft() {
    return Files.exists(profile().resolve("identity.key.pending"))
        || Files.exists(profile().resolve("identity.pub.pending"));
  }

  /**
   * Starts again as the next command would, by resuming the stored session or by a password login,
   * with {@code passphrase}: both check the key here against the relay's. Returns the key in use
   * and the notices said.
   */
  private Fingerprint nextStart(boolean resume, char[] passphrase, RecordingListener events) {
    try (RelayChatClient next = Clients.oneShot(relay.port(), relay.homes())) {
      next.addListener(events);
      if (resume) {
        next.resume("bob", passphrase.clone());
      } else {
        next.login("bob", PASSWORD.clone(), passphrase.clone());
      }
      return next.fingerprint("bob");
    }
  }

  /** Logs in on a machine without the keys: they come from the relay's backup. */
  private Fingerprint restoredElsewhere(String machine, char[] passphrase) {
    try (RelayChatClient elsewhere =
        Clients.oneShot(relay.port(), otherMachines.resolve(machine))) {
      elsewhere.login("bob", PASSWORD.clone(), passphrase.clone());
      return elsewhere.fingerprint("bob");
    }
  }

  @Test
  void replaceKeys_failingAtEachFileStep_nextStartKeepsTheKeysTheRelayHolds() {
    char[] current = PASSPHRASE;
    Fingerprint key = nextStart(true, current, new RecordingListener());
    for (int step = 1; step <= FILE_STEPS; step++) {
      char[] chosen = ("a new passphrase " + step).toCharArray();
      boolean told = step > LAST_STEP_BEFORE_THE_RELAY;
      RecordingListener said = new RecordingListener();
      try (RelayChatClient bob =
          Clients.oneShot(relay.port(), relay.homes(), new FailingFiles(step))) {
        bob.addListener(said);
        if (told) { // made: a warning, not a failure a script would retry
          bob.replaceKeys("bob", PASSWORD.clone(), chosen.clone());
          assertThat(said.awaitNotice("warning: the relay now holds your new key, but cannot"))
              .as("step %d", step)
              .contains("no space left on device")
              .contains("do not run it again")
              .contains("the next login or command that reaches the relay finishes it here");
          assertThat(bob.fingerprint("bob").matches(key)).as("step %d", step).isFalse();
        } else {
          assertThatThrownBy(() -> bob.replaceKeys("bob", PASSWORD.clone(), chosen.clone()))
              .as("step %d", step)
              .isInstanceOf(CommandException.FileAccess.class)
              .hasMessageContaining("no space left on device")
              .hasMessageContaining("nothing was sent");
        }
      }
      current = told ? chosen : current;

      Fingerprint after = nextStart(step % 2 == 1, current, new RecordingListener());

      assertThat(after.matches(key)).as("step %d: a new key", step).isEqualTo(!told);
      assertThat(restoredElsewhere("replace" + step, current).matches(after)).isTrue();
      assertThat(pendingLeft()).as("step %d", step).isFalse();
      key = after;
    }
  }

  @Test
  void changePassphrase_failingAtEachFileStep_nextStartOpensWithThePassphraseTheRelayHas() {
    char[] current = PASSPHRASE;
    Fingerprint key = nextStart(true, current, new RecordingListener());
    for (int step = 1; step <= FILE_STEPS; step++) {
      char[] chosen = ("a new passphrase " + step).toCharArray();
      boolean told = step > LAST_STEP_BEFORE_THE_RELAY;
      RecordingListener said = new RecordingListener();
      try (RelayChatClient bob =
          Clients.oneShot(relay.port(), relay.homes(), new FailingFiles(step))) {
        bob.addListener(said);
        bob.login("bob", PASSWORD.clone(), current.clone());
        if (told) {
          bob.changePassphrase(PASSWORD.clone(), chosen.clone());
          assertThat(said.awaitNotice("now opens with the new one, but cannot write"))
              .as("step %d", step)
              .contains("do not run it again");
        } else {
          assertThatThrownBy(() -> bob.changePassphrase(PASSWORD.clone(), chosen.clone()))
              .as("step %d", step)
              .isInstanceOf(CommandException.FileAccess.class)
              .hasMessageContaining("nothing was sent");
        }
      }
      current = told ? chosen : current;

      RecordingListener events = new RecordingListener();
      assertThat(nextStart(step % 2 == 0, current, events).matches(key)).isTrue();
      if (step == 4) { // no rename happened: the start asked the relay and finished it
        events.awaitNotice("finished an interrupted passphrase change");
      }
      assertThat(restoredElsewhere("passwd" + step, current).matches(key)).isTrue();
      assertThat(pendingLeft()).as("step %d", step).isFalse();
    }
  }

  /**
   * A key replacement while logged in ({@code /rekey}) that fails after the relay accepted the
   * password has ended the session it was to replace: the failure is thrown as it is, a notice says
   * how to go on, and the next start goes on with the keys from before.
   */
  @Test
  void replaceKeys_whileLoggedIn_failingAfterThePassword_saysHowToGoOn() {
    Fingerprint key = nextStart(true, PASSPHRASE, new RecordingListener());
    RecordingListener said = new RecordingListener();
    try (RelayChatClient bob = Clients.oneShot(relay.port(), relay.homes(), new FailingFiles(1))) {
      bob.addListener(said);
      bob.resume("bob", PASSPHRASE.clone());

      assertThatThrownBy(
              () -> bob.replaceKeys("bob", PASSWORD.clone(), "a new passphrase".toCharArray()))
          .isInstanceOf(CommandException.FileAccess.class)
          .hasMessageContaining("nothing was sent");

      assertThat(said.awaitNotice("you are logged out"))
          .endsWith(": you are logged out: /login bob to log in again");
      assertThat(bob.username()).isEmpty();
    }
    assertThat(nextStart(true, PASSPHRASE, new RecordingListener()).matches(key)).isTrue();
  }

  private static Tamper cutAt(Class<? extends Frame> kind, boolean towardTheRelay) {
    return new Tamper() {
      @Override
      public List<Frame> toClient(Link link, Frame frame) {
        return drop(link, frame, !towardTheRelay);
      }

      @Override
      public List<Frame> toRelay(Link link, Frame frame) {
        return drop(link, frame, towardTheRelay);
      }

      private List<Frame> drop(Link link, Frame frame, boolean here) {
        if (here && kind.isInstance(frame)) {
          link.close();
          return List.of();
        }
        return List.of(frame);
      }
    };
  }

  @Test
  void replaceKeys_replyLost_theRelayTookIt_resumeSettlesToTheNewKeys() {
    Fingerprint old = nextStart(true, PASSPHRASE, new RecordingListener());
    char[] chosen = "a brand new passphrase".toCharArray();
    relay.tamper(cutAt(UpdateBundleReply.class, false));
    try (RelayChatClient bob = Clients.oneShot(relay.port(), relay.homes())) {
      assertThatThrownBy(() -> bob.replaceKeys("bob", PASSWORD.clone(), chosen.clone()))
          .isInstanceOf(CommandException.Network.class)
          .hasMessageContaining("the relay may or may not have taken the change");
    }
    relay.tamper(new Tamper() {});
    assertThat(pendingLeft()).isTrue();

    RecordingListener events = new RecordingListener();
    Fingerprint now = nextStart(true, chosen, events);

    assertThat(now.matches(old)).isFalse();
    assertThat(now.matches(restoredElsewhere("new", chosen))).isTrue();
    events.awaitNotice("finished an interrupted key replacement");
    assertThat(pendingLeft()).isFalse();
  }

  @Test
  void replaceKeys_requestLost_theRelayNeverHadIt_resumeKeepsTheOldKeys() {
    Fingerprint old = nextStart(true, PASSPHRASE, new RecordingListener());
    relay.tamper(cutAt(UpdateBundleRequest.class, true));
    try (RelayChatClient bob = Clients.oneShot(relay.port(), relay.homes())) {
      assertThatThrownBy(
              () ->
                  bob.replaceKeys("bob", PASSWORD.clone(), "a brand new passphrase".toCharArray()))
          .isInstanceOf(CommandException.Network.class);
    }
    relay.tamper(new Tamper() {});

    RecordingListener events = new RecordingListener();
    assertThat(nextStart(true, PASSPHRASE, events).matches(old)).isTrue();
    events.awaitNotice("had not reached the relay");
    assertThat(pendingLeft()).isFalse();
  }

  @Test
  void resume_keysReplacedOnAnotherDevice_stopsWithExit4() {
    try (RelayChatClient other = Clients.oneShot(relay.port(), otherMachines)) {
      other.replaceKeys("bob", PASSWORD.clone(), "a brand new passphrase".toCharArray());
    }
    try (RelayChatClient bob = Clients.oneShot(relay.port(), relay.homes())) {
      assertThatThrownBy(() -> bob.resume("bob", PASSPHRASE.clone()))
          .isInstanceOfSatisfying(
              CommandException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.KEY_REJECTED))
          .hasMessageContaining("the relay holds another key for bob")
          .hasMessageContaining("chat keys import");
    }
  }

  /**
   * Keys replaced in another window of the same profile: identity.key already holds them, so the
   * advice is only to log in again, not to bring the keys here.
   */
  @Test
  void reconnect_keysReplacedInAnotherWindowOfThisProfile_saysOnlyToLogInAgain() {
    RecordingListener events = new RecordingListener();
    try (RelayChatClient bob = Clients.live(relay.port(), relay.homes())) {
      bob.addListener(events);
      bob.resume("bob", PASSPHRASE.clone());
      try (RelayChatClient window = Clients.oneShot(relay.port(), relay.homes())) {
        window.replaceKeys("bob", PASSWORD.clone(), "a brand new passphrase".toCharArray());
      }

      relay.proxy().dropConnections();

      String notice = events.awaitNotice("stopped reconnecting");
      assertThat(notice)
          .contains("the relay holds another key for bob")
          .contains("identity.key already holds the new ones")
          .doesNotContain("chat keys import")
          .endsWith(": log in again to use them")
          .doesNotContain("Then log in again");
      // the key change the relay pushed came from this profile: no alarm of a stolen account
      assertThat(events.notices).noneMatch(n -> n.contains("YOUR ACCOUNT"));
      events.awaitState(ConnectionState.OFFLINE);
    }
  }

  @Test
  void reconnect_keysReplacedFromAnotherProfile_stopsReconnectingAndSaysSo() {
    RecordingListener events = new RecordingListener();
    try (RelayChatClient bob = Clients.live(relay.port(), relay.homes())) {
      bob.addListener(events);
      bob.resume("bob", PASSPHRASE.clone());
      bob.send("#lobby", "before the replacement");
      try (RelayChatClient other = Clients.oneShot(relay.port(), otherMachines)) {
        other.replaceKeys("bob", PASSWORD.clone(), "a brand new passphrase".toCharArray());
      }

      relay.proxy().dropConnections();

      String notice = events.awaitNotice("stopped reconnecting");
      assertThat(notice)
          .contains("the relay holds another key for bob")
          .contains("chat keys import")
          .endsWith(". Then log in again"); // each front end adds its login command
      events.awaitState(ConnectionState.OFFLINE);
      assertThat(events.connectionDetails)
          .last()
          .asString()
          .contains("your keys were replaced elsewhere");
      int states = events.states.size();
      await().during(Duration.ofSeconds(2)).until(() -> events.states.size() == states);
      assertThat(bob.connectionState()).isEqualTo(ConnectionState.OFFLINE);
      assertThatThrownBy(() -> bob.send("#lobby", "after the replacement"))
          .isInstanceOf(CommandException.Network.class);
    }
  }

  @Test
  void transferReconnect_keysReplacedFromAnotherProfile_stopsWithExit4() throws Exception {
    byte[] data = new byte[200_000];
    RelayFixture.RANDOM.nextBytes(data);
    Path file = Files.write(otherMachines.resolve("notes.bin"), data);
    String fileId;
    try (RelayChatClient alice = Clients.oneShot(relay.relayPort(), relay.homes())) {
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      fileId = alice.sendFile(alice.directWith("bob"), file).fileId();
    }
    try (RelayChatClient bob =
        Clients.oneShot(relay.port(), relay.homes(), otherMachines.resolve("downloads"))) {
      bob.resume("bob", PASSPHRASE.clone());
      try (RelayChatClient other = Clients.oneShot(relay.port(), otherMachines)) {
        other.replaceKeys("bob", PASSWORD.clone(), "a brand new passphrase".toCharArray());
      }
      // The download's connection drops once: the one-shot client resumes on a new one.
      AtomicBoolean cut = new AtomicBoolean();
      relay.tamper(
          new Tamper() {
            @Override
            public List<Frame> toClient(Link link, Frame frame) {
              if (frame instanceof FileDataReply && cut.compareAndSet(false, true)) {
                link.close();
                return List.of();
              }
              return List.of(frame);
            }
          });

      assertThatThrownBy(() -> bob.acceptFile(fileId))
          .isInstanceOfSatisfying(
              CommandException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.KEY_REJECTED))
          .hasMessageContaining("the relay holds another key for bob")
          .hasMessageContaining("chat keys import");
      assertThat(cut).isTrue();
    }
    assertThat(otherMachines.resolve("downloads").resolve("notes.bin")).doesNotExist();
  }

  @Test
  void resume_relayServesAnotherKeyForMe_stopsWithExit4() {
    relay.tamper(Tampers.substituteKey("bob", RelayFixture.identity("bob").bundle()));
    try (RelayChatClient bob = Clients.oneShot(relay.port(), relay.homes())) {
      assertThatThrownBy(() -> bob.resume("bob", PASSPHRASE.clone()))
          .isInstanceOfSatisfying(
              CommandException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.KEY_REJECTED))
          .hasMessageContaining("the relay holds another key for bob");
    }
  }
}
