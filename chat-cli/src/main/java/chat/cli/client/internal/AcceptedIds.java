package chat.cli.client.internal;

import chat.cli.client.internal.ClientState.Seen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ids of the messages a device accepted, and where ({@link Seen}), so that a replayed envelope
 * is dropped even after a restart: at most {@link #MAX_SEEN}, the oldest forgotten first. Not
 * thread-safe: the {@link ClientState} that holds it uses it under its own lock.
 */
final class AcceptedIds {
  /** Accepted message ids remembered; the oldest are forgotten first. */
  static final int MAX_SEEN = 20_000;

  private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();

  /** Takes what the file held ({@code stored} null: none). */
  void load(List<Seen> stored) {
    if (stored != null) {
      stored.forEach(entry -> seen.put(entry.id(), entry));
    }
  }

  /** Where message {@code id} was accepted, if it was. */
  Optional<Seen> get(String id) {
    return Optional.ofNullable(seen.get(id));
  }

  /** Remembers an accepted message id, forgetting the oldest beyond the bound. */
  void accept(String id, String conversation, long seq) {
    seen.put(id, new Seen(id, conversation, seq));
    Iterator<String> oldest = seen.keySet().iterator();
    while (seen.size() > MAX_SEEN && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * The id of the message this device accepted under {@code seq} in {@code conversation}, the last
   * one if a relay gave the number twice (restored from a backup); null if it remembers none.
   */
  String acceptedAt(String conversation, long seq) {
    String id = null;
    for (Seen entry : seen.values()) {
      if (entry.seq() == seq && entry.conversation().equals(conversation)) {
        id = entry.id();
      }
    }
    return id;
  }

  /**
   * True if this device accepted another message than {@code id} under {@code seq} in {@code
   * conversation}: a relay that names {@code id} there went back to a backup and gave the number to
   * a new message. False if it accepted that one there, or remembers none there (one not encrypted
   * to it, or forgotten): nothing to compare.
   */
  boolean acceptedOtherAt(String conversation, long seq, String id) {
    Seen there = seen.get(id);
    if (there != null && there.seq() == seq && there.conversation().equals(conversation)) {
      return false; // the usual case, found by id without a scan
    }
    String read = acceptedAt(conversation, seq);
    return read != null && !read.equals(id);
  }

  /**
   * The ids of the messages of {@code conversation} this device accepted and remembers, by number
   * (not those whose number a restored relay gave to another message: {@link #superseded}).
   */
  Map<Long, String> acceptedIn(String conversation) {
    Map<Long, String> out = new HashMap<>();
    for (Seen entry : seen.values()) {
      if (entry.seq() > 0 && entry.conversation().equals(conversation)) {
        out.put(entry.seq(), entry.id());
      }
    }
    return out;
  }

  /**
   * The relay, restored from a backup, holds the messages {@code relayIds} names (by number) in
   * {@code conversation}, and nothing from above {@code end} up to {@code through}: of what this
   * device had accepted there before it found that out ({@code before}, {@link #acceptedIn}), what
   * lay under those numbers is no longer there. It is kept as seen (a copy of one that comes again
   * is still dropped, with a notice, as any under another number) under the number 0, so that no
   * later check takes it for what the relay holds there. What was accepted since (an own message
   * sent meanwhile) is left alone.
   *
   * @return whether any was changed
   */
  boolean superseded(
      String conversation,
      Map<Long, String> before,
      Map<Long, String> relayIds,
      long end,
      long through) {
    boolean changed = false;
    for (Map.Entry<Long, String> entry : before.entrySet()) {
      long seq = entry.getKey();
      String id = entry.getValue();
      Seen was = seen.get(id);
      String now = relayIds.get(seq);
      if (was != null
          && was.seq() == seq
          && was.conversation().equals(conversation)
          && (now != null ? !now.equals(id) : seq > end && seq <= through)) {
        seen.put(id, new Seen(id, conversation, 0)); // the same key: its place stays
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Merges what another process of the profile wrote ({@code stored}; null: nothing): ids this one
   * does not remember are added while there is room, and one that process found superseded stays
   * so.
   */
  void merge(List<Seen> stored) {
    if (stored == null) {
      return;
    }
    for (Seen entry : stored) {
      Seen mine = seen.get(entry.id());
      if (mine == null) {
        if (seen.size() < MAX_SEEN) {
          seen.put(entry.id(), entry);
        }
      } else if (entry.seq() == 0 && mine.seq() != 0) {
        seen.put(entry.id(), entry); // another process found it superseded: that stands
      }
    }
  }

  /** What to write, oldest first. */
  List<Seen> written() {
    return new ArrayList<>(seen.values());
  }
}
