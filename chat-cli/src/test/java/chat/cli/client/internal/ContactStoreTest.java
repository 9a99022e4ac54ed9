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
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinned contact keys: parsed once per stored form, always the one stored now, and shared with
 * other processes of the profile without undoing their changes.
 */
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
  void spelling_aPinnedContact_theNameAsRegistered_elseAsGiven() {
    ContactStore contacts = ContactStore.load(dir.resolve("contacts.json"));
    contacts.observe(bundle("Maximilian"));

    assertThat(contacts.spelling("maximilian")).isEqualTo("Maximilian");
    assertThat(contacts.spelling("MAXIMILIAN")).isEqualTo("Maximilian");
    assertThat(contacts.spelling("carol")).isEqualTo("carol");
    assertThat(ContactStore.load(dir.resolve("contacts.json")).spelling("maximilian"))
        .isEqualTo("Maximilian");
  }

  @Test
  void learnSpelling_aNameServedUnpinned_spelledInMemoryOnly() {
    ContactStore contacts = ContactStore.load(dir.resolve("contacts.json"));

    contacts.learnSpelling("Maximilian");
    contacts.learnSpelling("not a name!");

    assertThat(contacts.spelling("maximilian")).isEqualTo("Maximilian");
    assertThat(contacts.pinned("maximilian")).isEmpty();
    assertThat(ContactStore.load(dir.resolve("contacts.json")).spelling("maximilian"))
        .isEqualTo("maximilian");
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

  private static IdentityBundle bundleMadeAt(String user, long millis) {
    return IdentityKeyPair.generate(
            user, RANDOM, Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC))
        .bundle();
  }

  @Test
  void earlier_afterANewKeyIsAccepted_theReplacedKeyForWhatWasStoredBeforeTheChange() {
    Path file = dir.resolve("contacts.json");
    ContactStore contacts = ContactStore.load(file);
    IdentityBundle old = bundleMadeAt("bob", 1_000_000L);
    IdentityBundle replacement = bundleMadeAt("bob", 50_000_000L);
    contacts.observe(old);
    contacts.observe(replacement);

    assertThat(contacts.earlier("bob", old.fingerprint(), 40_000_000L)).isEmpty(); // not yet

    contacts.accept("bob");
    long slack = ContactStore.CLOCK_SLACK_MILLIS;

    assertThat(contacts.earlier("bob", old.fingerprint(), 40_000_000L)).contains(old);
    assertThat(contacts.earlier("Bob", old.fingerprint(), 50_000_000L + slack)).contains(old);
    assertThat(contacts.earlier("bob", old.fingerprint(), 50_000_001L + slack)).isEmpty();
    assertThat(contacts.earlier("bob", replacement.fingerprint(), 40_000_000L)).isEmpty();
    assertThat(contacts.earlier("carol", old.fingerprint(), 40_000_000L)).isEmpty();
    assertThat(ContactStore.load(file).earlier("bob", old.fingerprint(), 40_000_000L))
        .contains(old);
  }

  @Test
  void earlier_aReplacementClaimingATimeBeforeThePinOrToCome_endsThePinWhenAccepted() {
    Clock now = Clock.fixed(Instant.ofEpochMilli(90_000_000L), ZoneOffset.UTC);
    ContactStore contacts =
        ContactStore.load(dir.resolve("contacts.json"), ProfileWriter.FILES, now);
    IdentityBundle a = bundleMadeAt("bob", 1_000_000L);
    IdentityBundle b = bundleMadeAt("bob", 50_000_000L);
    contacts.observe(a);
    contacts.observe(b);
    contacts.accept("bob");

    contacts.observe(a); // served again: a rollback to the key bob replaced
    contacts.accept("bob");

    // b's messages until the rollback was accepted stay b's, not cut off at a's old time
    assertThat(contacts.earlier("bob", b.fingerprint(), 89_000_000L)).contains(b);
    assertThat(contacts.earlier("bob", a.fingerprint(), 10_000_000L)).isEmpty(); // pinned again
    assertThat(contacts.pinned("bob")).contains(a);

    IdentityBundle future = bundleMadeAt("bob", 4_000_000_000_000L);
    contacts.observe(future);
    contacts.accept("bob");
    long slack = ContactStore.CLOCK_SLACK_MILLIS;
    assertThat(contacts.earlier("bob", a.fingerprint(), 90_000_000L + slack)).contains(a);
    assertThat(contacts.earlier("bob", a.fingerprint(), 90_000_001L + slack)).isEmpty();
  }

  @Test
  void load_aFieldOfANewerClient_isReadPast() throws Exception {
    Path file = dir.resolve("contacts.json");
    ContactStore.load(file).observe(bundle("bob"));
    Files.writeString(
        file, Files.readString(file).replace("\"verified\"", "\"colour\" : \"red\", \"verified\""));

    assertThat(ContactStore.load(file).state("bob")).isEqualTo(TrustState.UNVERIFIED);
  }

  @Test
  void earlier_keptForEveryChangeAccepted_atMostSixteen() {
    ContactStore contacts = ContactStore.load(dir.resolve("contacts.json"));
    List<IdentityBundle> keys = new ArrayList<>();
    for (int i = 0; i < Contact.MAX_EARLIER + 2; i++) {
      IdentityBundle key = bundleMadeAt("bob", 1_000_000_000L * (i + 1));
      keys.add(key);
      contacts.observe(key);
      contacts.accept("bob");
    }

    assertThat(contacts.earlier("bob", keys.get(0).fingerprint(), 0)).isEmpty(); // dropped
    for (int i = 1; i < keys.size() - 1; i++) {
      assertThat(contacts.earlier("bob", keys.get(i).fingerprint(), 1_000_000_000L * (i + 1)))
          .contains(keys.get(i));
    }
    assertThat(contacts.pinned("bob")).contains(keys.get(keys.size() - 1));
  }

  @Test
  void load_aFileWithoutEarlierKeys_readsAsBefore_andIsWrittenWithoutThem() throws Exception {
    Path file = dir.resolve("contacts.json");
    ContactStore.load(file).observe(bundle("bob"));
    String written = Files.readString(file);

    assertThat(written).doesNotContain("earlier");
    Files.writeString(file, written.replace("\"verified\"", "\"earlier\" : null, \"verified\""));
    assertThat(ContactStore.load(file).state("bob")).isEqualTo(TrustState.UNVERIFIED);
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
          .hasMessageContaining(
              "contacts.json is damaged (the key kept for bob is not a valid key); move it away");
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

  /**
   * Two processes of one profile (a chat listen and a chat keys trust): neither undoes the other.
   */
  @Test
  void observe_anotherProcessVerifiedMeanwhile_keepsTheVerification() {
    Path file = dir.resolve("contacts.json");
    ContactStore listening = ContactStore.load(file);
    listening.observe(bundle("bob"));
    ContactStore trusting = ContactStore.load(file);

    trusting.markVerified("bob");
    assertThat(listening.state("bob")).isEqualTo(TrustState.VERIFIED);
    listening.observe(bundle("carol"));

    ContactStore after = ContactStore.load(file);
    assertThat(after.state("bob")).isEqualTo(TrustState.VERIFIED);
    assertThat(after.usernames()).containsExactly("bob", "carol");
  }

  @Test
  void state_anotherProcessAcceptedAChangedKey_theNewKeyAtOnce() {
    Path file = dir.resolve("contacts.json");
    ContactStore listening = ContactStore.load(file);
    IdentityBundle replacement = bundle("bob");
    listening.observe(bundle("bob"));
    assertThat(listening.observe(replacement)).isEqualTo(TrustState.CHANGED);

    ContactStore.load(file).accept("bob");

    assertThat(listening.state("bob")).isEqualTo(TrustState.UNVERIFIED);
    assertThat(listening.pinned("bob")).contains(replacement);
    assertThat(listening.pending("bob")).isEmpty();
  }

  /** So that a running client shows what it held once the key is accepted in another shell. */
  @Test
  void checkForChanges_aChangeAcceptedOrAKeyVerifiedElsewhere_isTold() {
    Path file = dir.resolve("contacts.json");
    ContactStore listening = ContactStore.load(file);
    List<String> told = new ArrayList<>();
    listening.onChangedElsewhere(
        (user, state, wasChanged) -> told.add(user + " " + state + " " + wasChanged));
    listening.observe(bundle("bob"));
    listening.observe(bundle("carol"));
    listening.observe(bundle("bob"));
    listening.checkForChanges();
    assertThat(told).isEmpty(); // its own changes are not news

    ContactStore trusting = ContactStore.load(file);
    trusting.accept("bob");
    trusting.markVerified("carol");
    listening.checkForChanges();

    assertThat(told).containsExactly("bob UNVERIFIED true", "carol VERIFIED false");
  }

  @Test
  void observe_twoStoresPinningAtOnce_keepEveryPin() throws Exception {
    Path file = dir.resolve("contacts.json");
    ContactStore first = ContactStore.load(file);
    ContactStore second = ContactStore.load(file);
    List<IdentityBundle> bundles = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      bundles.add(bundle("user" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = pool.submit(() -> bundles.subList(0, 4).forEach(first::observe));
      Future<?> b = pool.submit(() -> bundles.subList(4, 8).forEach(second::observe));
      a.get(60, TimeUnit.SECONDS);
      b.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(ContactStore.load(file).usernames()).hasSize(8);
    assertThat(first.usernames()).hasSize(8);
  }

  /** A file damaged by hand while a client runs: reads keep what it held, a change is refused. */
  @Test
  void observe_fileDamagedMeanwhile_refused_andTheFileLeftAsItIs() throws Exception {
    Path file = dir.resolve("contacts.json");
    ContactStore contacts = ContactStore.load(file);
    IdentityBundle bob = bundle("bob");
    contacts.observe(bob);
    Files.writeString(file, "[{\"username\":", StandardCharsets.UTF_8);
    // Settled (changed long before it is looked at): the time alone then tells a later change.
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

    assertThat(contacts.pinned("bob")).contains(bob);
    assertThat(contacts.pinned("bob")).contains(bob);
    assertThatThrownBy(() -> contacts.observe(bundle("carol")))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining("is damaged (not valid JSON at line 1, column ")
        .hasMessageNotContaining("Exception");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("[{\"username\":");
  }
}
