package chat.server.internal.storage;

import chat.protocol.ConversationState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SQL of the {@code members} table: who belongs to which room or direct conversation. Every
 * change made through any instance moves {@link #generation()} on, so that a copy of a member set
 * read earlier can tell it may be out of date ({@link MemberKeysCache}).
 */
public final class MemberRepository {
  /** Shared by every instance, so that no instance can change members behind another's cache. */
  private static final AtomicLong GENERATION = new AtomicLong();

  /** A number that changes whenever a member has been added or removed (committed or not). */
  public long generation() {
    return GENERATION.get();
  }

  /** Adds a member; false if already one. */
  public boolean add(Connection c, String conversation, String userKey, long now)
      throws SQLException {
    return insert(c, " ON CONFLICT DO NOTHING", conversation, userKey, now);
  }

  /**
   * Makes {@code userKey} a member, or opens again the conversation they closed ({@link #close});
   * true if they were not an open member before, so it now counts for them.
   */
  public boolean open(Connection c, String conversation, String userKey, long now)
      throws SQLException {
    return insert(
        c,
        " ON CONFLICT (conversation, user_key) DO UPDATE SET closed_at = NULL"
            + " WHERE closed_at IS NOT NULL",
        conversation,
        userKey,
        now);
  }

  /**
   * Inserts a member row, {@code onConflict} saying what to do if there is one; true if changed.
   */
  private boolean insert(
      Connection c, String onConflict, String conversation, String userKey, long now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO members (conversation, user_key, joined_at) VALUES (?, ?, ?)"
                + onConflict)) {
      s.setString(1, conversation);
      s.setString(2, userKey);
      s.setLong(3, now);
      return changed(s.executeUpdate()) == 1;
    }
  }

  /**
   * Closes a direct conversation for {@code userKey}: they stay a member (the other party's view,
   * presence and key changes are as before), but it is not among their {@link #conversationsOf} and
   * does not count in {@link #countOf} until {@link #open}. False if they were not an open member.
   */
  public boolean close(Connection c, String conversation, String userKey, long now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE members SET closed_at = ? WHERE conversation = ? AND user_key = ?"
                + " AND closed_at IS NULL")) {
      s.setLong(1, now);
      s.setString(2, conversation);
      s.setString(3, userKey);
      return s.executeUpdate() == 1;
    }
  }

  /** Removes a member; false if not one. */
  public boolean remove(Connection c, String conversation, String userKey) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM members WHERE conversation = ? AND user_key = ?")) {
      s.setString(1, conversation);
      s.setString(2, userKey);
      return changed(s.executeUpdate()) == 1;
    }
  }

  /** Moves the generation on if {@code rows} were changed; returns {@code rows}. */
  private int changed(int rows) {
    if (rows != 0) {
      GENERATION.incrementAndGet();
    }
    return rows;
  }

  /** True if {@code userKey} is a member. */
  public boolean isMember(Connection c, String conversation, String userKey) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM members WHERE conversation = ? AND user_key = ?")) {
      s.setString(1, conversation);
      s.setString(2, userKey);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** True if {@code userKey} is a member who closed the conversation ({@link #close}). */
  public boolean isClosed(Connection c, String conversation, String userKey) throws SQLException {
    return SqlRows.count(
            c,
            "SELECT count(*) FROM members WHERE conversation = ? AND user_key = ?"
                + " AND closed_at IS NOT NULL",
            conversation,
            userKey)
        > 0;
  }

  /** The member keys mapped to their display usernames, by key. */
  public Map<String, String> members(Connection c, String conversation) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT m.user_key, u.username FROM members m JOIN users u ON u.user_key = m.user_key"
                + " WHERE m.conversation = ? ORDER BY m.user_key")) {
      s.setString(1, conversation);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getString(2));
        }
      }
    }
    return out;
  }

  /**
   * The conversations of {@code userKey}, by id, with their last sequence numbers and the id of the
   * message stored under it (none if it was deleted, or if nothing is stored there); not the direct
   * ones they closed.
   */
  public List<ConversationState> conversationsOf(Connection c, String userKey) throws SQLException {
    List<ConversationState> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT c.id, c.last_seq, n.message_id FROM members m"
                + " JOIN conversations c ON c.id = m.conversation"
                + " LEFT JOIN messages n ON n.conversation = c.id AND n.seq = c.last_seq"
                + " AND n.deleted_at IS NULL"
                + " WHERE m.user_key = ? AND m.closed_at IS NULL ORDER BY c.id")) {
      s.setString(1, userKey);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          byte[] newest = r.getBytes(3);
          out.add(
              new ConversationState(
                  r.getString(1),
                  r.getLong(2),
                  newest == null ? null : HexFormat.of().formatHex(newest)));
        }
      }
    }
    return out;
  }

  /**
   * Every user who shares with {@code userKey} a conversation of at most {@code maxMembers} members
   * (0: of any size), excluding them.
   */
  public List<String> peers(Connection c, String userKey, int maxMembers) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT DISTINCT o.user_key FROM members m JOIN members o"
                + " ON o.conversation = m.conversation WHERE m.user_key = ? AND o.user_key <> ?"
                + " AND (? = 0 OR (SELECT count(*) FROM members n"
                + " WHERE n.conversation = m.conversation) <= ?)")) {
      s.setString(1, userKey);
      s.setString(2, userKey);
      s.setInt(3, maxMembers);
      s.setInt(4, maxMembers);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  /** Whether {@code firstKey} and {@code secondKey} are both members of some conversation. */
  public boolean share(Connection c, String firstKey, String secondKey) throws SQLException {
    return SqlRows.exists(
        c,
        "SELECT 1 FROM members m JOIN members o ON o.conversation = m.conversation"
            + " WHERE m.user_key = ? AND o.user_key = ?",
        firstKey,
        secondKey);
  }

  /** Removes every member of {@code conversation}; returns how many there were. */
  public int removeAll(Connection c, String conversation) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM members WHERE conversation = ?")) {
      s.setString(1, conversation);
      return changed(s.executeUpdate());
    }
  }

  /** The ids of {@link #conversationsOf}, without reading their messages. */
  public Set<String> conversationIdsOf(Connection c, String userKey) throws SQLException {
    return new HashSet<>(
        SqlRows.list(
            c,
            "SELECT conversation FROM members WHERE user_key = ? AND closed_at IS NULL",
            r -> r.getString(1),
            userKey));
  }

  /** How many conversations (rooms and direct ones not closed) {@code userKey} is in. */
  public int countOf(Connection c, String userKey) throws SQLException {
    return SqlRows.count(
        c, "SELECT count(*) FROM members WHERE user_key = ? AND closed_at IS NULL", userKey);
  }

  /** {@link #countOf} for every user in any conversation, by key. */
  public Map<String, Integer> countsByUser(Connection c) throws SQLException {
    return SqlRows.counts(
        c, "SELECT user_key, count(*) FROM members WHERE closed_at IS NULL GROUP BY user_key");
  }

  /** How many members {@code conversation} has. */
  public int count(Connection c, String conversation) throws SQLException {
    return SqlRows.count(c, "SELECT count(*) FROM members WHERE conversation = ?", conversation);
  }

  /** The keys of every member of {@code conversation}. */
  public Set<String> keys(Connection c, String conversation) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT user_key FROM members WHERE conversation = ?")) {
      s.setString(1, conversation);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }
}
