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
 * <p>Used from write tasks on the writer thread; synchronized all the same.
 */
final class MemberKeysCache {
  /** Conversations whose member sets are kept at most, least recently used dropped first. */
  static final int MAX_CONVERSATIONS = 256;

  private record Copy(long generation, long rollbacks, Set<String> keys) {}

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

  /** The keys of every member of {@code conversation} as {@code c} (the writer) sees them now. */
  synchronized Set<String> keys(Connection c, String conversation) throws SQLException {
    long generation = members.generation();
    long rollbacks = writes.rollbacks();
    Copy copy = copies.get(conversation);
    if (copy != null && copy.generation() == generation && copy.rollbacks() == rollbacks) {
      return copy.keys();
    }
    Set<String> keys = Set.copyOf(members.keys(c, conversation));
    copies.put(conversation, new Copy(generation, rollbacks, keys));
    return keys;
  }
}
