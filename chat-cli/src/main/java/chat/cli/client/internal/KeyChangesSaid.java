package chat.cli.client.internal;

import chat.crypto.Fingerprint;
import chat.protocol.Usernames;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The changed keys of contacts this session told the person of, so that the relay announcing one
 * again tells nothing more: per contact, the pinned key they differ from and the announced keys
 * said since. Another new key for the contact is said again, and so is any key once the pin is
 * another (the person accepted a key). Used on the event thread only.
 *
 * <p>A relay can invent contacts and keys as easily as announcements, so it remembers at most
 * {@link #MAX_CONTACTS} contacts and {@link #MAX_KEYS} keys each: a change past them is not
 * remembered ({@link Heard#PAST_MEMORY}), and a front end that prints a line per notice caps those
 * as it caps the other notices a relay can repeat.
 */
final class KeyChangesSaid {
  /** Contacts whose changed keys are remembered; far more than a person checks at once. */
  static final int MAX_CONTACTS = 256;

  /** Keys remembered per contact and pin; a contact replaces their keys once or twice. */
  static final int MAX_KEYS = 8;

  /** What an announced changed key is to the person. */
  enum Heard {
    /** Not said since the pin is what it is: news, to be said. */
    FIRST,
    /** Said already for this contact and pin: no news. */
    AGAIN,
    /** Past what is remembered: said, but capped like a notice a relay can repeat. */
    PAST_MEMORY
  }

  /** The keys said for a contact, and the pin they differ from. */
  private record Said(Fingerprint pinned, Set<Fingerprint> keys) {}

  private final Map<String, Said> contacts = new HashMap<>();

  /**
   * Records that the relay announced {@code announced} for {@code username}, whose pinned key is
   * {@code pinned} (and differs from it), and says whether that is news.
   */
  Heard heard(String username, Fingerprint pinned, Fingerprint announced) {
    Objects.requireNonNull(pinned, "pinned");
    Objects.requireNonNull(announced, "announced");
    String key = Usernames.key(username);
    Said said = contacts.get(key);
    if (said == null || !said.pinned().equals(pinned)) {
      if (said == null && contacts.size() >= MAX_CONTACTS) {
        return Heard.PAST_MEMORY;
      }
      said = new Said(pinned, new HashSet<>());
      contacts.put(key, said);
    }
    if (said.keys().contains(announced)) {
      return Heard.AGAIN;
    }
    if (said.keys().size() >= MAX_KEYS) {
      return Heard.PAST_MEMORY;
    }
    said.keys().add(announced);
    return Heard.FIRST;
  }
}
