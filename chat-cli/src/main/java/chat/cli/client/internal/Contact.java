package chat.cli.client.internal;

import chat.cli.client.TrustState;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A contact's pinned identity as stored in {@code contacts.json}.
 *
 * @param username the username as the relay spells it
 * @param bundle the pinned identity bundle, base64
 * @param verified whether the person compared the safety number of this bundle
 * @param pending a different bundle the relay now serves (base64), not yet accepted; null if none
 * @param earlier the keys pinned before this one and replaced by accepting a change, oldest first,
 *     at most {@link #MAX_EARLIER}; left out of the file when there are none, so that a file
 *     without them reads as before
 */
record Contact(
    String username,
    String bundle,
    boolean verified,
    String pending,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EarlierKey> earlier) {

  /** Earlier keys kept per contact; the oldest goes first. */
  static final int MAX_EARLIER = 16;

  /**
   * A key pinned for a contact before the one pinned now, kept so that the messages it signed
   * before it was replaced can still be verified.
   *
   * @param bundle the bundle, base64
   * @param replacedAtMillis when it stopped being theirs, as far as the client could tell when it
   *     accepted the key that replaced it ({@code ContactStore#replacedAt}); a message the relay
   *     stored well after it was not signed while this key was theirs
   */
  record EarlierKey(String bundle, long replacedAtMillis) {
    EarlierKey {
      Objects.requireNonNull(bundle, "bundle");
    }
  }

  Contact {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(bundle, "bundle");
    earlier = earlier == null ? List.of() : List.copyOf(earlier);
  }

  /** A contact with no earlier keys. */
  Contact(String username, String bundle, boolean verified, String pending) {
    this(username, bundle, verified, pending, List.of());
  }

  /** This contact with {@code changed} pending instead (null: none). */
  Contact pending(String changed) {
    return new Contact(username, bundle, verified, changed, earlier);
  }

  /** This contact with its pinned key verified. */
  Contact verifiedNow() {
    return new Contact(username, bundle, true, null, earlier);
  }

  /**
   * This contact with the pending key pinned, unverified, and the key pinned until now kept as an
   * earlier one, replaced at {@code replacedAtMillis}; the oldest earlier key goes past {@link
   * #MAX_EARLIER}, and one that is pinned again is no longer an earlier one.
   */
  Contact accepted(long replacedAtMillis) {
    List<EarlierKey> kept = new ArrayList<>();
    for (EarlierKey key : earlier) {
      if (!key.bundle().equals(bundle) && !key.bundle().equals(pending)) {
        kept.add(key);
      }
    }
    kept.add(new EarlierKey(bundle, replacedAtMillis));
    if (kept.size() > MAX_EARLIER) {
      kept = kept.subList(kept.size() - MAX_EARLIER, kept.size());
    }
    return new Contact(username, pending, false, null, kept);
  }

  /** The trust state this record stands for. */
  TrustState state() {
    if (pending != null) {
      return TrustState.CHANGED;
    }
    return verified ? TrustState.VERIFIED : TrustState.UNVERIFIED;
  }
}
