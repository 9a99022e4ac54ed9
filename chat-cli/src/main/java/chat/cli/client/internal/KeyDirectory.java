package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.Advice;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.TrustState;
import chat.crypto.CryptoException;
import chat.crypto.EnvelopeHeader;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientEnvelope;
import chat.protocol.BundleReply;
import chat.protocol.BundlesReply;
import chat.protocol.GetBundleRequest;
import chat.protocol.GetBundlesRequest;
import chat.protocol.MemberInfo;
import chat.protocol.UserBundle;
import chat.protocol.Usernames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Contacts' keys as this client trusts them: fetched from the relay's key directory, checked
 * (self-signature, user id), pinned on first use, and compared with the pin afterwards. A key that
 * differs from the pin is recorded as a pending change and reported; it is never used to encrypt
 * until the person accepts it.
 */
final class KeyDirectory {
  private final ContactStore contacts;
  private final Supplier<RelayConnection> connection;
  private final BiConsumer<String, TrustState> onTrustChange;

  KeyDirectory(
      ContactStore contacts,
      Supplier<RelayConnection> connection,
      BiConsumer<String, TrustState> onTrustChange) {
    this.contacts = contacts;
    this.connection = connection;
    this.onTrustChange = onTrustChange;
  }

  /** The contact store behind this directory. */
  ContactStore contacts() {
    return contacts;
  }

  /** The bundle the relay serves for {@code username}, checked. */
  IdentityBundle fetch(String username) {
    RelayConnection relay = connection.get();
    BundleReply reply =
        relay.call(new GetBundleRequest(relay.nextId(), username), BundleReply.class);
    requireAsked(reply.username(), Set.of(Usernames.key(username)));
    IdentityBundle bundle = check(reply.username(), reply.bundle().toByteArray());
    contacts.learnSpelling(bundle.userId());
    return bundle;
  }

  /** The bundles the relay serves for {@code usernames} (unknown ones left out), checked. */
  Map<String, IdentityBundle> fetchAll(Collection<String> usernames) {
    Map<String, IdentityBundle> out = new LinkedHashMap<>();
    List<String> names = List.copyOf(usernames);
    RelayConnection relay = connection.get();
    for (int from = 0; from < names.size(); from += GetBundlesRequest.MAX_USERS) {
      List<String> batch =
          names.subList(from, Math.min(names.size(), from + GetBundlesRequest.MAX_USERS));
      BundlesReply reply =
          relay.call(new GetBundlesRequest(relay.nextId(), batch), BundlesReply.class);
      Set<String> asked = batch.stream().map(Usernames::key).collect(Collectors.toSet());
      for (UserBundle entry : reply.bundles()) {
        requireAsked(entry.username(), asked);
        out.put(
            Usernames.key(entry.username()), check(entry.username(), entry.bundle().toByteArray()));
      }
    }
    return out;
  }

  /**
   * Refuses a key served for someone this client did not ask about: taken for a member's, it would
   * have a message encrypted to them without the member checks ever seeing their name.
   */
  private static void requireAsked(String username, Set<String> asked) {
    if (!asked.contains(Usernames.key(username))) {
      throw new CommandException.KeyRejected(
          "the relay served a key of " + username + ", whom this client did not ask for", null);
    }
  }

  private static IdentityBundle check(String username, byte[] encoded) {
    try {
      IdentityBundle bundle = IdentityBundle.parse(encoded);
      if (!bundle.userId().equals(username)) {
        throw new CommandException.KeyRejected(
            "the relay served a key of " + bundle.userId() + " for " + username, null);
      }
      return bundle;
    } catch (CryptoException e) {
      throw new CommandException.KeyRejected(
          "the relay served an invalid key for " + username + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Records a bundle the relay serves (pin on first use, or a pending change) and reports a change
   * of trust state.
   */
  TrustState observe(IdentityBundle bundle) {
    TrustState before = contacts.state(bundle.userId());
    boolean known = contacts.pinned(bundle.userId()).isPresent();
    TrustState after = contacts.observe(bundle);
    if (known && after != before) {
      onTrustChange.accept(bundle.userId(), after);
    }
    return after;
  }

  /**
   * The key to verify {@code header}'s sender with: the pinned one if it signed (or, for a sender
   * never seen, what the relay serves, pinned now), or a key pinned before it if that signed while
   * it was theirs ({@link ContactStore#earlier}), else empty (the sender's key changed, or the
   * envelope names a key that is neither the pin nor the one the relay serves now, such as one the
   * sender replaced before this client saw it).
   *
   * @param storedAtMillis when the relay stored the message
   * @param self this user, whose own messages are verified with its own key
   */
  Optional<IdentityBundle> signer(
      EnvelopeHeader header, long storedAtMillis, IdentityKeyPair self) {
    String sender = header.senderId();
    if (Usernames.key(sender).equals(Usernames.key(self.userId()))) {
      return header.senderKey().matches(self.bundle().fingerprint())
          ? Optional.of(self.bundle())
          : Optional.empty();
    }
    Optional<IdentityBundle> pinned = contacts.pinned(sender);
    if (pinned.isPresent() && pinned.get().fingerprint().matches(header.senderKey())) {
      return pinned;
    }
    Optional<IdentityBundle> earlier = contacts.earlier(sender, header.senderKey(), storedAtMillis);
    if (earlier.isPresent()) {
      return earlier;
    }
    IdentityBundle current = fetch(sender);
    observe(current);
    if (pinned.isEmpty() && current.fingerprint().matches(header.senderKey())) {
      return Optional.of(current);
    }
    return Optional.empty();
  }

  /** The pinned bundle of {@code username}, pinning what the relay serves on first use. */
  IdentityBundle pinnedOrFetch(String username) {
    Optional<IdentityBundle> pinned = contacts.pinned(username);
    if (pinned.isPresent()) {
      return pinned.get();
    }
    IdentityBundle fetched = fetch(username);
    observe(fetched);
    return fetched;
  }

  /** Whether the relay lists {@code member} with the key of {@code bundle} (hex in any case). */
  static boolean listsKey(MemberInfo member, IdentityBundle bundle) {
    return bundle.fingerprint().value().hex().equalsIgnoreCase(member.keyFingerprint());
  }

  /**
   * The refusal to send while the relay lists {@code listed}, yourself, with another key than
   * {@code self}. The profile's key file is read again for the advice, as at a resume: when it
   * already holds the listed key (replaced in another window or command of this profile), logging
   * in again is all that is needed; otherwise the keys must be brought here.
   */
  private static CommandException otherKeyForYou(
      MemberInfo listed, IdentityBundle self, Profile profile) {
    if (IdentityFiles.currentBundle(profile).filter(file -> listsKey(listed, file)).isPresent()) {
      return new CommandException.Untrusted(
          "the relay lists another key for you than the one this session uses; not sending: the"
              + " keys were replaced in another window or command of this profile, and "
              + profile.keyFile()
              + " already holds the new ones: "
              + Advice.KeysReplaced.LOG_IN_TO_USE_THEM
              + " (/login "
              + self.userId()
              + ")");
    }
    return new CommandException.Untrusted(
        "the relay lists another key for you than the one on this machine; not sending. "
            + KeyReplacement.OTHER_KEY_HINT);
  }

  /**
   * The pinned bundles of {@code members} (other than {@code self}) to encrypt to. Members never
   * seen are pinned now; a member whose key at the relay differs from the pin is recorded as
   * changed.
   *
   * @throws CommandException.Untrusted if any member's key changed and was not accepted
   */
  List<IdentityBundle> recipients(List<MemberInfo> members, IdentityBundle self, Profile profile) {
    List<IdentityBundle> out = new ArrayList<>();
    List<String> toFetch = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    String selfKey = Usernames.key(self.userId());
    for (MemberInfo member : members) {
      String key = Usernames.key(member.username());
      if (key.equals(selfKey)) {
        if (!self.fingerprint().value().hex().equals(member.keyFingerprint())) {
          throw otherKeyForYou(member, self, profile);
        }
        continue;
      }
      Optional<IdentityBundle> pinned = contacts.pinned(member.username());
      if (pinned.isPresent() && listsKey(member, pinned.get())) {
        if (contacts.state(member.username()) == TrustState.CHANGED) {
          changed.add(member.username());
        } else {
          out.add(pinned.get());
        }
      } else {
        toFetch.add(member.username());
      }
    }
    if (!toFetch.isEmpty()) {
      for (IdentityBundle bundle : fetchAll(toFetch).values()) {
        if (observe(bundle) == TrustState.CHANGED) {
          changed.add(bundle.userId());
        } else {
          out.add(bundle);
        }
      }
    }
    if (!changed.isEmpty()) {
      throw CommandException.KeysChanged.sending(changed); // each front end names the commands
    }
    return out;
  }

  /**
   * Why {@code envelope}, signed by a key that is neither its sender's pin nor the pending one, is
   * left out: for one of this user's own that is not encrypted to their current key either (sent
   * before they replaced their keys), that it was not encrypted to their current key; for any
   * other, a key that is not the sender's current one, which may be a forgery (one in this user's
   * name that is encrypted to their current key is one).
   */
  static LeftOutMessages.Reason unverifiable(RecipientEnvelope envelope, IdentityKeyPair self) {
    boolean own = Usernames.key(envelope.header().senderId()).equals(Usernames.key(self.userId()));
    boolean toCurrentKey =
        envelope.entry().recipient().keyFingerprint().matches(self.bundle().fingerprint());
    return own && !toCurrentKey
        ? LeftOutMessages.Reason.NOT_FOR_YOUR_KEY
        : LeftOutMessages.Reason.OLD_KEY;
  }
}
