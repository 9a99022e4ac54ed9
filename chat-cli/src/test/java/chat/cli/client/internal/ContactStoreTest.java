package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.TrustState;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pinned contact keys: parsed once per stored form, and always the one stored now. */
class ContactStoreTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private static IdentityBundle bundle(String user) {
    return IdentityKeyPair.generate(user, RANDOM, Clock.systemUTC()).bundle();
  }

  @Test
  void pinned_askedAgain_theSameParsedBundle() {
    ContactStore contacts = ContactStore.load(dir.resolve("contacts.json"));
    IdentityBundle bob = bundle("bob");
    contacts.observe(bob);

    IdentityBundle first = contacts.pinned("bob").orElseThrow();

    assertThat(first).isEqualTo(bob);
    assertThat(contacts.pinned("Bob").orElseThrow()).isSameAs(first);
    assertThat(ContactStore.load(dir.resolve("contacts.json")).pinned("bob")).contains(bob);
  }

  @Test
  void pinned_afterANewKeyIsAccepted_theNewKey() {
    ContactStore contacts = ContactStore.load(dir.resolve("contacts.json"));
    IdentityBundle old = bundle("bob");
    IdentityBundle replacement = bundle("bob");
    contacts.observe(old);
    contacts.pinned("bob");

    assertThat(contacts.observe(replacement)).isEqualTo(TrustState.CHANGED);
    assertThat(contacts.pinned("bob")).contains(old);
    assertThat(contacts.pending("bob")).contains(replacement);
    contacts.accept("bob");

    assertThat(contacts.pinned("bob")).contains(replacement);
    assertThat(contacts.pending("bob")).isEmpty();
  }

  @Test
  void pinned_damagedStoredKey_refusedEveryTime() throws Exception {
    Path file = dir.resolve("contacts.json");
    Files.writeString(
        file,
        "[{\"username\":\"bob\",\"bundle\":\"AAAA\",\"verified\":false,\"pending\":null}]",
        StandardCharsets.UTF_8);
    ContactStore contacts = ContactStore.load(file);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> contacts.pinned("bob"))
          .isInstanceOf(CommandException.FileAccess.class)
          .hasMessageContaining("holds a damaged key");
    }
  }

  /** A first key that could not be written is not pinned: the next use tries again, and fails. */
  @Test
  void observe_profileCannotBeWritten_throws_andPinsNothing() throws Exception {
    Path profile = Files.createDirectory(dir.resolve("alice"));
    ContactStore contacts = ContactStore.load(profile.resolve("contacts.json"));
    Files.delete(profile);
    Files.writeString(profile, "not a folder"); // as root, a mode would not stop the write
    IdentityBundle bob = bundle("bob");

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> contacts.observe(bob))
          .isInstanceOf(CommandException.FileAccess.class)
          .hasMessageStartingWith("cannot write " + profile.resolve("contacts.json"));
    }
    assertThat(contacts.pinned("bob")).isEmpty();
  }
}
