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

    assertThatThrownBy(() -> keys.recipients(List.of(member(alice), member(bob)), alice))
        .isInstanceOfSatisfying(
            CommandException.KeysChanged.class,
            changed -> assertThat(changed.users()).containsExactly("bob"))
        .hasMessage("the key of bob changed; nothing was sent"); // each front end adds commands
  }
}
