package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.MemberInfo;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirectoryTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private static IdentityBundle bundle(String user) {
    return IdentityKeyPair.generate(user, RANDOM, Clock.systemUTC()).bundle();
  }

  private static MemberInfo member(IdentityBundle bundle) {
    return new MemberInfo(bundle.userId(), true, bundle.fingerprint().value().hex());
  }

  @Test
  void recipients_aMembersKeyChanged_refusesNamingTheCommandsForThatMember() {
    ContactStore contacts = ContactStore.load(dir.resolve("contacts.json"));
    IdentityBundle bob = bundle("bob");
    contacts.observe(bob);
    contacts.observe(bundle("bob")); // a new key, not accepted
    KeyDirectory keys =
        new KeyDirectory(
            contacts,
            () -> {
              throw new AssertionError("every key is pinned: nothing to fetch");
            },
            (user, trust) -> {});
    IdentityBundle alice = bundle("alice");

    assertThatThrownBy(
            () -> keys.recipients(List.of(member(alice), member(bob)), alice, new Profile(dir)))
        .isInstanceOfSatisfying(
            CommandException.KeysChanged.class,
            changed -> assertThat(changed.users()).containsExactly("bob"))
        .hasMessage("the key of bob changed; nothing was sent"); // each front end adds commands
  }

  @Test
  void recipients_yourKeyReplacedInAnotherWindowOfThisProfile_saysToLogInAgain() {
    IdentityKeyPair replaced = IdentityKeyPair.generate("alice", RANDOM, Clock.systemUTC());
    Profile profile = new Profile(dir);
    IdentityFiles.write(profile, replaced, new byte[] {1}); // what /rekey in another window left
    KeyDirectory keys = noFetching(ContactStore.load(dir.resolve("contacts.json")));

    assertThatThrownBy(
            () -> keys.recipients(List.of(member(replaced.bundle())), bundle("alice"), profile))
        .isInstanceOf(CommandException.Untrusted.class)
        .hasMessage(
            "the relay lists another key for you than the one this session uses; not sending: the"
                + " keys were replaced in another window or command of this profile, and "
                + profile.keyFile()
                + " already holds the new ones: log in again to use them (/login alice)");
  }

  @Test
  void recipients_yourKeyReplacedOnAnotherDevice_saysToBringTheKeysHere() {
    IdentityKeyPair here = IdentityKeyPair.generate("alice", RANDOM, Clock.systemUTC());
    Profile profile = new Profile(dir);
    IdentityFiles.write(profile, here, new byte[] {1});
    KeyDirectory keys = noFetching(ContactStore.load(dir.resolve("contacts.json")));

    assertThatThrownBy(
            () -> keys.recipients(List.of(member(bundle("alice"))), here.bundle(), profile))
        .isInstanceOf(CommandException.Untrusted.class)
        .hasMessageStartingWith(
            "the relay lists another key for you than the one on this machine; not sending. If"
                + " you replaced your keys on another device, bring them here");
  }

  private static KeyDirectory noFetching(ContactStore contacts) {
    return new KeyDirectory(
        contacts,
        () -> {
          throw new AssertionError("nothing to fetch");
        },
        (user, trust) -> {});
  }
}
