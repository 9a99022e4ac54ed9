package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The member keys of recently used conversations, for the writer's check that every recipient of a
 * message is a member. A 1,000-member room would otherwise cost a read of 1,000 rows per message on
 * the single writer thread. A copy is used only while nothing can have changed it: no member added
 * or removed since ({@link MemberRepository#generation()}) and no write or batch rolled back since
 * ({@link WriteQueue#rollbacks()}), which could have undone a change the copy saw. Any member
 * change anywhere makes every copy be read again; they are rare next to messages. So does any
 * refused write (a duplicate message, for one): never a wrong answer, only a read as before.
 *
 * <p>A message's check can be made ahead, on the thread that queues it ({@link #vouch}), against
 * the copy the writer last read; the writer then only looks whether that copy is still its current
 * one ({@link #copy}), instead of looking up each of the message's recipients itself. Read on the
 * writer thread only; synchronized, since other threads look at what it read.
 */
final class MemberKeysCache {
  /** Conversations whose member sets are kept at most, least recently used dropped first. */
  static final int MAX_CONVERSATIONS = 256;

  /**
   * A member set as the writer read it. The same object is current for as long as nothing can have
   * changed the set since; a change, or a rollback, makes the next {@link #copy} a new one.
   */
  record Copy(long generation, long rollbacks, Set<String> keys) {}

  private final MemberRepository members;
  private final WriteQueue writes;
  private final Map<String, Copy> copies =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Copy> eldest) {
          return size() > MAX_CONVERSATIONS;
        }
      };

  MemberKeysCache(MemberRepository members, WriteQueue writes) {
    this.members = members;
    this.writes = writes;
  }

  /**
   * The current copy of {@code conversation}'s member set as {@code c} (the writer) sees it now,
   * read again if anything can have changed it since the last.
   */
  synchronized Copy copy(Connection c, String conversation) throws SQLException {
    Copy copy = current(conversation);
    if (copy != null) {
      return copy;
    }
    copy =
        new Copy(
            members.generation(), writes.rollbacks(), Set.copyOf(members.keys(c, conversation)));
    copies.put(conversation, copy);
    return copy;
  }

  /**
   * From any thread, without reading the database: the current copy of {@code conversation}'s
   * member set if it holds every one of {@code keys}, or null if it does not, or there is none. The
   * writer may take a message's recipients for members without looking them up if the copy it finds
   * current then is the one this returned: nothing has changed the set in between.
   */
  Copy vouch(String conversation, Set<String> keys) {
    Copy copy;
    synchronized (this) {
      copy = current(conversation);
    }
    // A copy never changes: the lookups need not hold up the writer, which takes this lock.
    return copy != null && copy.keys().containsAll(keys) ? copy : null;
  }

  private Copy current(String conversation) {
    Copy copy = copies.get(conversation);
    if (copy != null
        && copy.generation() == members.generation()
        && copy.rollbacks() == writes.rollbacks()) {
      return copy;
    }
    return null;
  }
}
