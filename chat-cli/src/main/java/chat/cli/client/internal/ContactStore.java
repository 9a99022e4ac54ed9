package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.TrustState;
import chat.crypto.CryptoException;
import chat.crypto.IdentityBundle;
import chat.protocol.Usernames;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Contacts' identities pinned on first use, with their trust state: unverified, verified (safety
 * number compared) or changed (the relay serves another key, which stays unused until the person
 * accepts it). Kept in {@code contacts.json}; every change is written at once.
 */
final class ContactStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parsed bundles kept at most; a profile has one or two per contact. */
  private static final int MAX_PARSED = 1024;

  private final Path file;
  private final Map<String, Contact> contacts;

  /**
   * Stored bundles already parsed, by their stored form: parsing checks a bundle's self-signature,
   * which every message of a contact would otherwise pay for again (a history of 50 messages, 50
   * times). The same stored form always parses to the same bundle.
   */
  private final Map<String, IdentityBundle> parsed =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IdentityBundle> eldest) {
          return size() > MAX_PARSED;
        }
      };

  private final ProfileWriter writer;

  private ContactStore(Path file, Map<String, Contact> contacts, ProfileWriter writer) {
    this.file = file;
    this.contacts = contacts;
    this.writer = writer;
  }

  /** The store in {@code file} (empty if the file does not exist). */
  static ContactStore load(Path file) {
    return load(file, ProfileWriter.FILES);
  }

  /** The store in {@code file}, written through {@code writer}. */
  static ContactStore load(Path file, ProfileWriter writer) {
    Map<String, Contact> contacts = new TreeMap<>();
    try {
      List<Contact> list = JSON.readValue(Files.readAllBytes(file), new TypeReference<>() {});
      for (Contact contact : list) {
        contacts.put(Usernames.key(contact.username()), contact);
      }
    } catch (NoSuchFileException e) {
      // no contacts yet
    } catch (IOException | RuntimeException e) {
      throw new CommandException.FileAccess(
          file + " is damaged (" + e.getClass().getSimpleName() + "); move it away to start over",
          e);
    }
    return new ContactStore(file, contacts, writer);
  }

  /** The pinned bundle of {@code username}, if pinned. */
  synchronized Optional<IdentityBundle> pinned(String username) {
    return Optional.ofNullable(contacts.get(Usernames.key(username)))
        .map(contact -> parse(contact.bundle()));
  }

  /** The bundle the relay serves instead of the pinned one, if the key changed. */
  synchronized Optional<IdentityBundle> pending(String username) {
    return Optional.ofNullable(contacts.get(Usernames.key(username)))
        .filter(contact -> contact.pending() != null)
        .map(contact -> parse(contact.pending()));
  }

  /** The trust state of {@code username}; unpinned contacts count as unverified. */
  synchronized TrustState state(String username) {
    Contact contact = contacts.get(Usernames.key(username));
    return contact == null ? TrustState.UNVERIFIED : contact.state();
  }

  /** Every pinned username, sorted. */
  synchronized List<String> usernames() {
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
    Contact contact = contacts.get(key);
    String encoded = encode(bundle);
    if (contact == null) {
      contacts.put(key, new Contact(bundle.userId(), encoded, false, null));
    } else if (parse(contact.bundle()).fingerprint().matches(bundle.fingerprint())) {
      if (contact.pending() == null) {
        return contact.state();
      }
      contacts.put(
          key, new Contact(contact.username(), contact.bundle(), contact.verified(), null));
    } else {
      if (encoded.equals(contact.pending())) {
        return TrustState.CHANGED;
      }
      contacts.put(
          key, new Contact(contact.username(), contact.bundle(), contact.verified(), encoded));
    }
    try {
      save();
    } catch (CommandException.FileAccess e) {
      // Not pinned unless written: a key trusted here but not on disk would be pinned anew (and a
      // change of it missed) by the next run.
      if (contact == null) {
        contacts.remove(key);
      } else {
        contacts.put(key, contact);
      }
      throw e;
    }
    return contacts.get(key).state();
  }

  /** Accepts the pending key of {@code username}: it becomes the pin, unverified. */
  synchronized void accept(String username) {
    String key = Usernames.key(username);
    Contact contact = contacts.get(key);
    if (contact == null) {
      throw new CommandException.Usage("no key pinned for " + username + " yet");
    }
    if (contact.pending() != null) {
      contacts.put(key, new Contact(contact.username(), contact.pending(), false, null));
      save();
    }
  }

  /** Marks {@code username}'s pinned key verified. */
  synchronized void markVerified(String username) {
    String key = Usernames.key(username);
    Contact contact = contacts.get(key);
    if (contact == null || contact.pending() != null) {
      throw CommandException.KeysChanged.verifying(username); // each front end names /trust
    }
    contacts.put(key, new Contact(contact.username(), contact.bundle(), true, null));
    save();
  }

  private void save() {
    try {
      writer.write(
          file,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(List.copyOf(contacts.values())));
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot write " + file, e);
    }
  }

  private static String encode(IdentityBundle bundle) {
    return Base64.getEncoder().encodeToString(bundle.encode());
  }

  private IdentityBundle parse(String base64) {
    IdentityBundle bundle = parsed.get(base64);
    if (bundle != null) {
      return bundle;
    }
    try {
      bundle = IdentityBundle.parse(Base64.getDecoder().decode(base64));
    } catch (CryptoException | IllegalArgumentException e) {
      throw new CommandException.FileAccess(file + " holds a damaged key; move it away", e);
    }
    parsed.put(base64, bundle);
    return bundle;
  }
}
