package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.Newest;
import chat.cli.TerminalSafe;
import chat.cli.client.TrustState;
import chat.crypto.CryptoException;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.protocol.Usernames;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Contacts' identities pinned on first use, with their trust state: unverified, verified (safety
 * number compared) or changed (the relay serves another key, which stays unused until the person
 * accepts it). Kept in {@code contacts.json}; every change is written at once.
 *
 * <p>Other processes of the profile share the file (a {@code chat listen} or the TUI running while
 * {@code chat keys trust} or a one-shot {@code chat send} pins or verifies a key). Each read looks
 * whether the file changed since this process last read or wrote it (its modification time, size
 * and file key: every write replaces it by a renamed copy) and reads it again if so. Each change
 * reads it again under {@code contacts.json.lock} ({@link ProfileLock}), changes one contact and
 * writes it, so a process never writes its older copy over another's pin or verification.
 */
final class ContactStore {
  /**
   * Tolerant of fields a newer client adds (as {@code earlier} was added): an older reader that
   * refused them would call the file damaged, and moving it away loses every pin.
   */
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * How much later than a replaced key's end a message signed with it may be stored: the contact's
   * clock made the end, the relay's the storage time.
   */
  static final long CLOCK_SLACK_MILLIS = 5 * 60_000L;

  /** Parsed bundles kept at most; a profile has one or two per contact, and a few earlier ones. */
  private static final int MAX_PARSED = 1024;

  private final Path file;
  private Map<String, Contact> contacts;

  /** The file as last read or written here; {@link FileStamp#ABSENT} when there was none. */
  private FileStamp stamp;

  /**
   * Stored bundles already parsed, by their stored form: parsing checks a bundle's self-signature,
   * which every message of a contact would otherwise pay for again (a history of 50 messages, 50
   * times). The same stored form always parses to the same bundle.
   */
  private final Map<String, IdentityBundle> parsed = new Newest<>(MAX_PARSED);

  private final ProfileWriter writer;
  private final Clock clock;

  /**
   * Each contact's name as registered, by key ({@link #spelling}): read without this store's lock,
   * which a write holds while it waits for the file's lock, since the screen asks at every frame.
   * Only ever added to: a name's spelling does not change.
   */
  private final Map<String, String> spellings = new ConcurrentHashMap<>();

  /** What another process changed in a contact's trust (see {@link #onChangedElsewhere}). */
  @FunctionalInterface
  interface TrustElsewhere {
    /**
     * {@code username}'s trust is now {@code state}; {@code wasChanged}: their key had changed and
     * the new one is now accepted (so the messages held for it can be shown).
     */
    void changed(String username, TrustState state, boolean wasChanged);
  }

  private TrustElsewhere elsewhere = (username, state, wasChanged) -> {};

  private ContactStore(
      Path file,
      Map<String, Contact> contacts,
      FileStamp stamp,
      ProfileWriter writer,
      Clock clock) {
    this.file = file;
    this.contacts = contacts;
    this.stamp = stamp;
    this.writer = writer;
    this.clock = clock;
    spell(contacts);
  }

  private void spell(Map<String, Contact> known) {
    known.forEach(this::spell);
  }

  /**
   * Keeps {@code contact}'s spelling if it is a username of {@code key}, as a relay should name.
   */
  private void spell(String key, Contact contact) {
    String name = contact.username();
    if (Usernames.isValid(name) && Usernames.key(name).equals(key)) {
      spellings.put(key, name);
    }
  }

  /**
   * Keeps {@code registered}, a name as the relay gave it (with a key not pinned yet, or in a
   * member list), for {@link #spelling}: in memory only, so that a conversation opened before its
   * first message is named as registered too.
   */
  void learnSpelling(String registered) {
    if (Usernames.isValid(registered)) {
      spellings.putIfAbsent(Usernames.key(registered), registered); // a pinned one stays
    }
  }

  /** The store in {@code file} (empty if the file does not exist). */
  static ContactStore load(Path file) {
    return load(file, ProfileWriter.FILES);
  }

  /** The store in {@code file}, written through {@code writer}. */
  static ContactStore load(Path file, ProfileWriter writer) {
    return load(file, writer, Clock.systemUTC());
  }

  /** The store in {@code file}, written through {@code writer}, telling time by {@code clock}. */
  static ContactStore load(Path file, ProfileWriter writer, Clock clock) {
    FileStamp stamp = FileStamp.of(file).orElse(null);
    return new ContactStore(file, read(file), stamp, writer, clock);
  }

  /**
   * The contacts in {@code file}, by username key (none if it does not exist).
   *
   * @throws CommandException.FileAccess if it cannot be read or parsed
   */
  private static Map<String, Contact> read(Path file) {
    Map<String, Contact> contacts = new TreeMap<>();
    try {
      List<Contact> list = JSON.readValue(Files.readAllBytes(file), new TypeReference<>() {});
      for (Contact contact : list) {
        contacts.put(Usernames.key(contact.username()), contact);
      }
    } catch (NoSuchFileException e) {
      // no contacts yet
    } catch (IOException | RuntimeException e) {
      throw Profile.damaged(file, e, "");
    }
    return contacts;
  }

  /**
   * Reads the file again if another process changed it since this one last read or wrote it. For a
   * read, a file that does not parse any more leaves what this process holds, and is read again at
   * the next use; for a change ({@code strict}) it is refused, as at load, so that no change writes
   * over it.
   */
  private void refresh(boolean strict) {
    Optional<FileStamp> now = FileStamp.of(file);
    if (now.isEmpty() || now.get().sameAs(stamp)) {
      return;
    }
    Map<String, Contact> before = contacts;
    try {
      contacts = read(file);
      stamp = now.get();
      spell(contacts);
    } catch (CommandException.FileAccess e) {
      if (strict) {
        throw e;
      }
      return;
    }
    contacts.forEach(
        (key, contact) -> {
          Contact was = before.get(key);
          if (was != null && was.state() != contact.state()) {
            boolean accepted = was.pending() != null && contact.pending() == null;
            elsewhere.changed(contact.username(), contact.state(), accepted);
          }
        });
  }

  /**
   * Tells {@code listener} of each trust change another process of the profile made ({@code chat
   * keys trust} or {@code verify} in another shell), as this store finds it on reading the file
   * again; called with this store's lock held, so it must only hand the news on.
   */
  synchronized void onChangedElsewhere(TrustElsewhere listener) {
    this.elsewhere = Objects.requireNonNull(listener, "listener");
  }

  /** Reads the file again if another process changed it (see {@link #onChangedElsewhere}). */
  synchronized void checkForChanges() {
    refresh(false);
  }

  /** The pinned bundle of {@code username}, if pinned. */
  synchronized Optional<IdentityBundle> pinned(String username) {
    refresh(false);
    return Optional.ofNullable(contacts.get(Usernames.key(username)))
        .map(contact -> parse(contact, contact.bundle()));
  }

  /** The bundle the relay serves instead of the pinned one, if the key changed. */
  synchronized Optional<IdentityBundle> pending(String username) {
    refresh(false);
    return Optional.ofNullable(contacts.get(Usernames.key(username)))
        .filter(contact -> contact.pending() != null)
        .map(contact -> parse(contact, contact.pending()));
  }

  /**
   * The key {@code username} had pinned here before the one pinned now whose fingerprint is {@code
   * signer}, if a message the relay stored at {@code storedAtMillis} can have been signed with it:
   * stored before its end ({@link #replacedAt}), give or take {@link #CLOCK_SLACK_MILLIS} for the
   * two clocks. (A relay refuses a message signed with a replaced key, so an honest one stores none
   * later; this check keeps a relay from showing one stored later as written then.)
   */
  synchronized Optional<IdentityBundle> earlier(
      String username, Fingerprint signer, long storedAtMillis) {
    refresh(false);
    Contact contact = contacts.get(Usernames.key(username));
    return earlierKey(contact, signer)
        .filter(
            earlier -> {
              long end = earlier.replacedAtMillis();
              return end > Long.MAX_VALUE - CLOCK_SLACK_MILLIS
                  || storedAtMillis <= end + CLOCK_SLACK_MILLIS;
            })
        .map(earlier -> parse(contact, earlier.bundle()));
  }

  /** The earlier key of {@code contact} (null: none) whose fingerprint is {@code key}, if any. */
  private Optional<Contact.EarlierKey> earlierKey(Contact contact, Fingerprint key) {
    if (contact == null) {
      return Optional.empty();
    }
    return contact.earlier().stream()
        .filter(earlier -> parse(contact, earlier.bundle()).fingerprint().matches(key))
        .findFirst();
  }

  /**
   * Whether {@code key} is one this client pinned for {@code username} before and that a change
   * accepted since replaced ({@link #earlier}, whatever the time).
   */
  synchronized boolean replacedBefore(String username, Fingerprint key) {
    refresh(false);
    return earlierKey(contacts.get(Usernames.key(username)), key).isPresent();
  }

  /** The trust state of {@code username}; unpinned contacts count as unverified. */
  synchronized TrustState state(String username) {
    refresh(false);
    Contact contact = contacts.get(Usernames.key(username));
    return contact == null ? TrustState.UNVERIFIED : contact.state();
  }

  /**
   * {@code username} as its owner registered it ({@code Maximilian}), if their key is pinned here
   * (by this process, or by another one as last read) or the relay named them so ({@link
   * #learnSpelling}); else as given. Takes no lock and reads no file.
   */
  String spelling(String username) {
    return spellings.getOrDefault(Usernames.key(username), username);
  }

  /** Every pinned username, sorted. */
  synchronized List<String> usernames() {
    refresh(false);
    return contacts.values().stream().map(Contact::username).sorted().toList();
  }

  /**
   * Records the bundle the relay serves for its user: pins it on first use, clears a stale pending
   * change when it matches the pin again, or marks the contact changed when it differs.
   *
   * @return the resulting trust state
   */
  synchronized TrustState observe(IdentityBundle bundle) {
    String key = Usernames.key(bundle.userId());
    String encoded = encode(bundle);
    refresh(false);
    Optional<TrustState> known = unchanged(contacts.get(key), bundle, encoded);
    if (known.isPresent()) {
      return known.get(); // the usual case: nothing to write, so no lock to take
    }
    return locked(
        () -> {
          Contact contact = contacts.get(key);
          Optional<TrustState> same = unchanged(contact, bundle, encoded);
          if (same.isPresent()) {
            return same.get(); // another process recorded it meanwhile
          }
          Contact changed;
          if (contact == null) {
            changed = new Contact(bundle.userId(), encoded, false, null);
          } else if (contact.pending() != null && pins(contact, bundle)) {
            changed = contact.pending(null);
          } else {
            changed = contact.pending(encoded);
          }
          return put(key, changed, contact).state();
        });
  }

  /**
   * The state of {@code contact} if seeing {@code bundle} (stored form {@code encoded}) changes
   * nothing: it is the pin with no change pending, or the change already pending.
   */
  private Optional<TrustState> unchanged(Contact contact, IdentityBundle bundle, String encoded) {
    if (contact == null) {
      return Optional.empty();
    }
    if (contact.pending() == null && pins(contact, bundle)) {
      return Optional.of(contact.state());
    }
    return encoded.equals(contact.pending()) ? Optional.of(TrustState.CHANGED) : Optional.empty();
  }

  private boolean pins(Contact contact, IdentityBundle bundle) {
    return parse(contact, contact.bundle()).fingerprint().matches(bundle.fingerprint());
  }

  /**
   * Accepts the pending key of {@code username}: it becomes the pin, unverified, and the key pinned
   * until now is kept as an earlier one ({@link #earlier}).
   */
  synchronized void accept(String username) {
    locked(
        () -> {
          String key = Usernames.key(username);
          Contact contact = contacts.get(key);
          if (contact == null) {
            throw new CommandException.Usage("no key pinned for " + username + " yet");
          }
          if (contact.pending() != null) {
            put(key, contact.accepted(replacedAt(contact)), contact);
          }
          return null;
        });
  }

  /**
   * When the key pinned for {@code contact} stopped being theirs, as far as this client can tell:
   * the pending bundle's creation time (the contact's signed claim), if it falls between the pin's
   * own creation and now; else now, when the change is accepted. So a bundle that claims a time
   * before the pin's (a key of theirs from before, served again; a clock set back) cannot end the
   * pin before its messages, and one that claims a time to come cannot keep it open.
   */
  private long replacedAt(Contact contact) {
    long made = parse(contact, contact.pending()).createdAtMillis();
    long now = clock.millis();
    long pinMade = parse(contact, contact.bundle()).createdAtMillis();
    return made >= pinMade && made <= now ? made : now;
  }

  /** Marks {@code username}'s pinned key verified. */
  synchronized void markVerified(String username) {
    locked(
        () -> {
          String key = Usernames.key(username);
          Contact contact = contacts.get(key);
          if (contact == null || contact.pending() != null) {
            throw CommandException.KeysChanged.verifying(username); // each front end names /trust
          }
          return put(key, contact.verifiedNow(), contact);
        });
  }

  /**
   * Runs {@code change} on the file as it is now, holding its lock: another process's pins and
   * verifications since this one last read it are read first, so writing does not undo them.
   */
  private <T> T locked(ProfileLock.Locked<T> change) {
    try {
      return ProfileLock.holding(
          file,
          () -> {
            refresh(true);
            return change.run();
          });
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot write " + file + ": " + FileIo.reason(e), e);
    }
  }

  /**
   * Stores {@code changed} under {@code key} and writes the file; if it cannot be written, puts
   * {@code before} back (null: none). Not pinned unless written: a key trusted here but not on disk
   * would be pinned anew (and a change of it missed) by the next run.
   */
  private Contact put(String key, Contact changed, Contact before) {
    contacts.put(key, changed);
    spell(key, changed);
    try {
      writer.write(
          file,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(List.copyOf(contacts.values())));
    } catch (IOException | CommandException.FileAccess e) {
      if (before == null) {
        contacts.remove(key);
      } else {
        contacts.put(key, before);
      }
      if (e instanceof IOException io) {
        throw new CommandException.FileAccess(
            "cannot write " + file + ": " + FileIo.reason(io), io);
      }
      throw (CommandException.FileAccess) e;
    }
    stamp = FileStamp.of(file).orElse(null);
    return changed;
  }

  private static String encode(IdentityBundle bundle) {
    return Base64.getEncoder().encodeToString(bundle.encode());
  }

  /** {@code base64}, a key of {@code contact}'s record, as a bundle. */
  private IdentityBundle parse(Contact contact, String base64) {
    IdentityBundle bundle = parsed.get(base64);
    if (bundle != null) {
      return bundle;
    }
    try {
      bundle = IdentityBundle.parse(Base64.getDecoder().decode(base64));
    } catch (CryptoException | IllegalArgumentException e) {
      throw Profile.damaged(
          file,
          "the key kept for " + TerminalSafe.line(contact.username()) + " is not a valid key",
          e,
          " (the keys of your contacts are then pinned again as they are met, and verified"
              + " ones need /verify again)");
    }
    parsed.put(base64, bundle);
    return bundle;
  }
}
