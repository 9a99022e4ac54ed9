package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.Newest;
import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The file offers this session has opened, by file id, with the content (and so the key) needed to
 * download each. Held in memory only. The offer stored first wins: a later envelope naming the same
 * id (a member re-offering someone's upload under another name) is ignored, also when a page of
 * history, read newest first, brings the later one before the first.
 */
final class OfferBook {
  /** Offers kept; the oldest are forgotten first (they can be found again in history). */
  static final int MAX_OFFERS = 2000;

  /** Shortest id prefix accepted for {@code /file accept}. */
  static final int MIN_PREFIX = 4;

  /** One opened offer. */
  record Entry(FileOffer offer, Content.File content) {
    /** Checks that both parts are there and name the same file. */
    Entry {
      java.util.Objects.requireNonNull(offer, "offer");
      java.util.Objects.requireNonNull(content, "content");
      if (!offer.fileId().equals(content.id())) {
        throw new IllegalArgumentException("offer and content name different files");
      }
    }
  }

  /** Offers deleted lately that are remembered, so that accepting one says why it cannot be. */
  static final int MAX_DELETED = 256;

  private final Map<String, Entry> offers = new LinkedHashMap<>();

  /** Offers forgotten because their message was deleted, by file id; the oldest go first. */
  private final Map<String, FileOffer> deleted = new Newest<>(MAX_DELETED);

  /** The offer that {@code message}, whose content is {@code file}, makes. */
  static FileOffer offerOf(ChatMessage message, Content.File file) {
    return new FileOffer(
        message.conversation(),
        message.seq(),
        message.messageId(),
        message.sender(),
        message.sentAtMillis(),
        message.storedAtMillis(),
        file.id(),
        file.name(),
        file.size(),
        file.expiresAtMillis(),
        message.own());
  }

  /**
   * Adds an offer; returns false (and keeps the one it has) if its id is already known from this
   * message or from one stored before it. An offer stored before the one kept replaces it.
   */
  synchronized boolean add(FileOffer offer, Content.File content) {
    Entry kept = offers.get(offer.fileId());
    if (kept != null) {
      if (kept.offer().messageId().equals(offer.messageId())
          || !storedBefore(offer, kept.offer())) {
        return false;
      }
      kept.content().key().destroy();
    }
    offers.put(offer.fileId(), new Entry(offer, content));
    while (offers.size() > MAX_OFFERS) {
      Entry oldest = offers.remove(offers.keySet().iterator().next());
      oldest.content().key().destroy();
    }
    return true;
  }

  /**
   * Whether {@code offer} was stored before {@code other}: in one conversation by its sequence
   * number, across conversations by the time the relay stored each.
   */
  private static boolean storedBefore(FileOffer offer, FileOffer other) {
    if (offer.conversation().equals(other.conversation())) {
      return offer.seq() < other.seq();
    }
    return offer.storedAtMillis() < other.storedAtMillis();
  }

  /**
   * Files the offer that {@code message}, whose content is {@code file}, makes, as a page of
   * history lists it: that offer, or the same one filed before; empty (and the key zeroed) for a
   * second offer of a file id that another message offered first, which is ignored.
   */
  synchronized Optional<FileOffer> listed(ChatMessage message, Content.File file) {
    FileOffer offer = offerOf(message, file);
    if (add(offer, file)) {
      return Optional.of(offer);
    }
    file.key().destroy();
    return get(offer.fileId())
        .map(Entry::offer)
        .filter(first -> first.messageId().equals(offer.messageId()));
  }

  /** The offer with exactly this id, if known. */
  synchronized Optional<Entry> get(String fileId) {
    return Optional.ofNullable(offers.get(fileId));
  }

  /** Every offer, oldest first. */
  synchronized List<Entry> all() {
    return new ArrayList<>(offers.values());
  }

  /** The offer {@code typed} names: a full id or a unique prefix of {@link #MIN_PREFIX}+ digits. */
  synchronized Optional<Entry> find(String typed) {
    String prefix = requirePrefix(typed);
    List<Entry> matches = new ArrayList<>();
    for (Entry entry : offers.values()) {
      if (entry.offer().fileId().startsWith(prefix)) {
        matches.add(entry);
      }
    }
    if (matches.size() > 1) {
      throw several(prefix);
    }
    return matches.stream().findFirst();
  }

  /** The refusal of a prefix {@code prefix} that several files' ids start with. */
  static CommandException.FileIdRefused several(String prefix) {
    return new CommandException.FileIdRefused(
        "several files start with " + prefix + ": give more digits of the id");
  }

  /**
   * {@code typed} as a lowercase file id prefix.
   *
   * @throws CommandException.Usage if it is not 4 to 32 hex digits
   */
  static String requirePrefix(String typed) {
    String prefix = typed.strip().toLowerCase(Locale.ROOT);
    if (prefix.length() < MIN_PREFIX
        || prefix.length() > 32
        || !prefix.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new CommandException.FileIdRefused(
          "a file id is 4 to 32 hex digits, got '" + typed + "'");
    }
    return prefix;
  }

  /**
   * Forgets the offers that the messages {@code messageIds} of {@code conversation} made, deleted
   * there: not to be accepted any more. A download already running goes on, and may still need the
   * key, so it is not zeroed here.
   */
  synchronized void forget(String conversation, Set<String> messageIds) {
    offers
        .values()
        .removeIf(
            entry -> {
              FileOffer offer = entry.offer();
              if (!offer.conversation().equals(conversation)
                  || !messageIds.contains(offer.messageId())) {
                return false;
              }
              deleted.put(offer.fileId(), offer);
              return true;
            });
  }

  /**
   * The offer deleted lately that {@code typed} names (a full id or a unique prefix), when no offer
   * held does: what {@code /file accept} of it says instead of "no such offer".
   */
  synchronized Optional<FileOffer> deleted(String typed) {
    String prefix = requirePrefix(typed);
    List<FileOffer> matches = new ArrayList<>();
    for (FileOffer offer : deleted.values()) {
      if (offer.fileId().startsWith(prefix) && !offers.containsKey(offer.fileId())) {
        matches.add(offer);
      }
    }
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  /** Zeroes every key and forgets every offer, deleted ones too. */
  synchronized void clear() {
    offers.values().forEach(e -> e.content().key().destroy());
    offers.clear();
    deleted.clear();
  }
}
