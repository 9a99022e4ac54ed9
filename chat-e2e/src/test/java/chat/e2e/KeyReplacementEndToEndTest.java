package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.TrustState;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.protocol.BundleReply;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.GetBundleRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.Secret;
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
 * A user replaces their identity keys with the account password (forgotten passphrase, leaked key):
 * contacts see the key as changed and hold the messages until they accept it, a login on a new
 * machine restores the new key, and the old key can no longer send.
 */
class KeyReplacementEndToEndTest {
  private static final char[] NEW_PASSPHRASE = "a brand new passphrase".toCharArray();

  @TempDir Path dataDir;
  @TempDir Path homes;
  @TempDir Path otherDevice;
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

  private RelayChatClient registered(String name, RecordingListener listener) {
    RelayChatClient client = Clients.live(port, homes);
    client.addListener(listener);
    client.register(name, PASSWORD.clone(), PASSPHRASE.clone());
    return client;
  }

  @Test
  void replaceKeys_contactSeesChangedAndHolds_untilTrust_newMachineRestoresTheNewKey()
      throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents);
        RelayChatClient oldDevice = Clients.live(port, otherDevice)) {
      registered("bob", new RecordingListener()).close();
      oldDevice.login("bob", PASSWORD.clone(), PASSPHRASE.clone()); // restores the old key
      RecordingListener oldDeviceEvents = new RecordingListener();
      oldDevice.addListener(oldDeviceEvents);
      String direct = alice.directWith("bob");
      alice.send(direct, "first"); // pins bob's old key
      Fingerprint oldKey = alice.fingerprint("bob");
      byte[] oldKeyFile = Files.readAllBytes(otherDevice.resolve("bob").resolve("identity.key"));

      try (RelayChatClient bob = Clients.live(port, homes)) {
        bob.addListener(bobEvents);
        // the old passphrase is never asked: it may be forgotten
        bob.replaceKeys("bob", PASSWORD.clone(), NEW_PASSPHRASE.clone());
        Fingerprint newKey = bob.fingerprint("bob");
        assertThat(newKey.matches(oldKey)).isFalse();

        aliceEvents.awaitNotice("bob's key changed");
        // bob's other device, still online, is told at once (someone with the password may have)
        oldDeviceEvents.awaitNotice("NEW KEY FOR YOUR ACCOUNT");
        assertThat(alice.trustState("bob")).isEqualTo(TrustState.CHANGED);
        bob.send(direct, "signed with my new key");
        aliceEvents.awaitNotice("is held");
        assertThat(aliceEvents.messages)
            .extracting(ChatMessage::text)
            .doesNotContain("signed with my new key");
        assertThatThrownBy(() -> alice.send(direct, "before trust"))
            .isInstanceOfSatisfying(
                CommandException.KeysChanged.class,
                changed -> assertThat(changed.users()).containsExactly("bob"));

        alice.trust("bob");
        assertThat(aliceEvents.awaitText("signed with my new key").sender()).isEqualTo("bob");
        assertThat(alice.fingerprint("bob").matches(newKey)).isTrue();
        alice.send(direct, "welcome back");
        assertThat(bobEvents.awaitText("welcome back").sender()).isEqualTo("alice");
        assertThat(bobEvents.notices).noneMatch(n -> n.contains("YOUR ACCOUNT"));

        // the device that still holds the old key is refused, and told what to do
        assertThatThrownBy(() -> oldDevice.send(direct, "from the old key"))
            .isInstanceOf(CommandException.Untrusted.class)
            .hasMessageContaining("chat keys replace");

        // a new machine restores the new key from the relay's backup, with the new passphrase
        try (RelayChatClient restored = Clients.oneShot(port, newMachine)) {
          assertThatThrownBy(() -> restored.login("bob", PASSWORD.clone(), PASSPHRASE.clone()))
              .isInstanceOf(CommandException.Auth.class)
              .hasMessageContaining("wrong passphrase");
          restored.login("bob", PASSWORD.clone(), NEW_PASSPHRASE.clone());
          assertThat(restored.fingerprint("bob").matches(newKey)).isTrue();
          restored.send(direct, "from the new machine");
        }
        assertThat(aliceEvents.awaitText("from the new machine").sender()).isEqualTo("bob");
      }

      // the relay itself refuses what the old key signs
      IdentityKeyPair oldBob = KeyFile.open(oldKeyFile, PASSPHRASE.clone());
      try (TestClient raw = RelayFixture.connect(relay, dataDir)) {
        raw.ok(new LoginRequest(raw.nextId(), "bob", Secret.ofChars(PASSWORD)), LoginReply.class);
        BundleReply aliceKey =
            raw.ok(new GetBundleRequest(raw.nextId(), "alice"), BundleReply.class);
        Envelope fromOldKey =
            RelayFixture.seal(
                oldBob,
                direct,
                List.of(IdentityBundle.parse(aliceKey.bundle().toByteArray())),
                "{\"kind\":\"text\",\"text\":\"old key\"}");
        ErrorReply refused =
            raw.ok(
                new SendRequest(raw.nextId(), direct, Bytes.of(fromOldKey.encode())),
                ErrorReply.class);
        assertThat(refused.code()).isEqualTo(ErrorCode.SENDER_MISMATCH);
      }
    }
  }

  /**
   * A sender who accepted carol's new key seals to it; bob, who has not, is told that it went to
   * another key of carol's (not to a different set of members), and no more once he accepts it.
   */
  @Test
  void replaceKeys_senderAcceptedTheNewKey_othersAreToldOfTheKey_untilTheyAcceptItToo()
      throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents);
        RelayChatClient bob = registered("bob", bobEvents);
        RelayChatClient carol = registered("carol", new RecordingListener())) {
      for (RelayChatClient member : List.of(alice, bob, carol)) {
        member.join("#crew");
      }
      carol.send("#crew", "my old key");
      aliceEvents.awaitText("my old key");
      bobEvents.awaitText("my old key"); // both pin carol's old key
      try (RelayChatClient carolAgain = Clients.oneShot(port, otherDevice)) {
        carolAgain.replaceKeys("carol", PASSWORD.clone(), NEW_PASSPHRASE.clone());
      }
      aliceEvents.awaitNotice("carol's key changed");
      bobEvents.awaitNotice("carol's key changed");

      alice.trust("carol");
      alice.send("#crew", "to carol's new key");

      bobEvents.awaitText("to carol's new key");
      String told = bobEvents.awaitNotice("but to another key of carol than the one you hold");
      assertThat(told).contains("a new key alice accepted, or one the relay gave them");
      assertThat(bobEvents.notices).noneMatch(n -> n.contains("a different set of members"));

      bob.trust("carol");
      alice.send("#crew", "now for everyone");
      bobEvents.awaitText("now for everyone");
      assertThat(bobEvents.notices).filteredOn(n -> n.contains("another key of carol")).hasSize(1);
    }
  }

  /** The relay announces a change only to those online: a later run says one still waiting. */
  @Test
  void replaceKeys_aChangeStillWaiting_isSaidAgainByTheNextRun_once() throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents)) {
      registered("bob", new RecordingListener()).close();
      alice.send(alice.directWith("bob"), "first"); // pins bob's key
      try (RelayChatClient bob = Clients.oneShot(port, homes)) {
        bob.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
        bob.replaceKeys("bob", PASSWORD.clone(), NEW_PASSPHRASE.clone());
      }
      aliceEvents.awaitNotice("bob's key changed");
    }

    RecordingListener nextRun = new RecordingListener();
    try (RelayChatClient alice = Clients.live(port, homes)) {
      alice.addListener(nextRun);
      alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());

      assertThat(nextRun.awaitNotice("bob's key changed"))
          .contains("Sending to them is blocked until you compare the safety number");
      alice.trust("bob");
      alice.send(alice.directWith("bob"), "after the trust"); // a round trip after the notice
      assertThat(nextRun.notices).filteredOn(n -> n.contains("key changed")).hasSize(1);
    }
  }

  @Test
  void replaceKeys_wrongPasswordOrShortPassphrase_changesNothing() throws Exception {
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      registered("bob", new RecordingListener()).close();
      Fingerprint before = alice.fingerprint("bob");
      byte[] keyFile = Files.readAllBytes(homes.resolve("bob").resolve("identity.key"));
      try (RelayChatClient bob = Clients.oneShot(port, homes)) {
        assertThatThrownBy(
                () ->
                    bob.replaceKeys(
                        "bob", "not the password".toCharArray(), NEW_PASSPHRASE.clone()))
            .isInstanceOf(CommandException.Auth.class);
        assertThatThrownBy(() -> bob.replaceKeys("bob", PASSWORD.clone(), "short".toCharArray()))
            .isInstanceOf(CommandException.Auth.class)
            .hasMessageContaining("at least 8");
      }
      assertThat(Files.readAllBytes(homes.resolve("bob").resolve("identity.key")))
          .isEqualTo(keyFile);
      try (RelayChatClient fresh = Clients.oneShot(port, newMachine)) {
        fresh.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
        assertThat(fresh.fingerprint("bob").matches(before)).isTrue();
      }
    }
  }

  /**
   * A wrong password for {@code /rekey} while logged in leaves the session as it was: still logged
   * in, never said offline, sending; the right one then replaces the keys.
   */
  @Test
  void replaceKeys_wrongPasswordWhileLoggedIn_keepsTheSession_theRightOneReplacesTheKeys()
      throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = registered("alice", aliceEvents);
        RelayChatClient bob = registered("bob", bobEvents)) {
      Fingerprint before = bob.fingerprint("bob");

      assertThatThrownBy(
              () ->
                  bob.replaceKeys("bob", "not the password".toCharArray(), NEW_PASSPHRASE.clone()))
          .isInstanceOf(CommandException.Auth.class)
          .hasMessage("login failed: wrong username or password; your keys were not replaced");

      assertThat(bob.username()).contains("bob");
      assertThat(bob.connectionState()).isEqualTo(ConnectionState.ONLINE);
      assertThat(bobEvents.states).doesNotContain(ConnectionState.OFFLINE);
      bob.send("#lobby", "still here");
      aliceEvents.awaitText("still here");
      assertThat(alice.fingerprint("bob").matches(before)).isTrue();

      bob.replaceKeys("bob", PASSWORD.clone(), NEW_PASSPHRASE.clone());
      assertThat(bob.username()).contains("bob");
      assertThat(bob.fingerprint("bob").matches(before)).isFalse();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  bobEvents.connectionDetails.contains(
                      "OFFLINE leaving this session for one with new keys"));
    }
  }

  @Test
  void changePassphrase_keepsTheKeys_andANewMachineRestoresThemWithTheNewPassphraseOnly()
      throws Exception {
    try (RelayChatClient alice = registered("alice", new RecordingListener())) {
      Fingerprint key = alice.fingerprint("alice");
      // a session alone (a stolen token) cannot replace the relay's backup: the password is asked
      assertThatThrownBy(
              () ->
                  alice.changePassphrase("not the password".toCharArray(), NEW_PASSPHRASE.clone()))
          .isInstanceOf(CommandException.Auth.class)
          .hasMessageContaining("wrong password for alice: the passphrase was not changed");
      try (RelayChatClient restored = Clients.oneShot(port, newMachine)) {
        restored.login("alice", PASSWORD.clone(), PASSPHRASE.clone()); // the backup is unchanged
      }
      java.nio.file.Files.delete(newMachine.resolve("alice").resolve("identity.key"));

      alice.changePassphrase(PASSWORD.clone(), NEW_PASSPHRASE.clone());

      byte[] keyFile = Files.readAllBytes(homes.resolve("alice").resolve("identity.key"));
      assertThat(KeyFile.open(keyFile, NEW_PASSPHRASE.clone()).bundle().fingerprint().matches(key))
          .isTrue();
      assertThatThrownBy(() -> KeyFile.open(keyFile, PASSPHRASE.clone()))
          .isInstanceOf(chat.crypto.CryptoException.class);
      try (RelayChatClient restored = Clients.oneShot(port, newMachine)) {
        assertThatThrownBy(() -> restored.login("alice", PASSWORD.clone(), PASSPHRASE.clone()))
            .isInstanceOf(CommandException.Auth.class)
            .hasMessageContaining("wrong passphrase");
        restored.login("alice", PASSWORD.clone(), NEW_PASSPHRASE.clone());
        assertThat(restored.fingerprint("alice").matches(key)).isTrue();
      }
      assertThatThrownBy(() -> alice.changePassphrase(PASSWORD.clone(), "short".toCharArray()))
          .isInstanceOf(CommandException.Auth.class)
          .hasMessageContaining("at least 8");
    }
  }
}
