package chat.server.internal.storage;

import chat.protocol.RoomSkeleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The SQL of the {@code conversations} table: every room and direct conversation and its last
 * sequence number.
 */
public final class ConversationRepository {
  /** The rooms that count for their creator: those that have one and still have a member. */
  private static final String ROOMS_COUNTED =
      " FROM conversations c WHERE c.created_by IS NOT NULL"
          + " AND EXISTS (SELECT 1 FROM members m WHERE m.conversation = c.id)";

  /** Creates the conversation if missing. */
  public void ensure(Connection c, String id, long now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO conversations (id, created_at) VALUES (?, ?) ON CONFLICT(id) DO NOTHING")) {
      s.setString(1, id);
      s.setLong(2, now);
      s.executeUpdate();
    }
  }

  /**
   * Creates the relay's own room {@code room} ({@code #lobby}) if missing, with its name's skeleton
   * unless another room holds it (one made before the rule): so that no room made later can look
   * like it. Not on the path of a send, which {@link #ensure} is.
   */
  public void ensureRoom(Connection c, String room, long now) throws SQLException {
    if (exists(c, room)) {
      claimSkeleton(c, room);
      return;
    }
    String skeleton = RoomSkeleton.of(room);
    insertRoom(c, room, now, null, skeletonTaken(c, skeleton) ? null : skeleton);
  }

  /**
   * Creates the room {@code id}, made by {@code creatorKey}, with its name's skeleton ({@code
   * RoomSkeleton}), if it does not exist; returns whether it was created. The caller checks {@link
   * #skeletonTaken} first, in the same transaction: a skeleton held by another room fails the
   * unique index.
   */
  public boolean create(Connection c, String id, String creatorKey, long now) throws SQLException {
    return insertRoom(c, id, now, creatorKey, RoomSkeleton.of(id));
  }

  /** Inserts the room unless it exists; {@code creatorKey} and {@code skeleton} may be null. */
  private static boolean insertRoom(
      Connection c, String id, long now, String creatorKey, String skeleton) throws SQLException {
    return SqlRows.update(
            c,
            "INSERT INTO conversations (id, created_at, created_by, skeleton) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(id) DO NOTHING",
            id,
            now,
            creatorKey,
            skeleton)
        == 1;
  }

  /**
   * Gives the existing room {@code room} its name's skeleton if it has none (a lookalike kept from
   * before schema step 21, or a room made before its skeleton was stored) and no other room holds
   * it; returns whether {@code room} holds it now.
   */
  public boolean claimSkeleton(Connection c, String room) throws SQLException {
    String skeleton = RoomSkeleton.of(room);
    SqlRows.update(
        c,
        "UPDATE conversations SET skeleton = ? WHERE id = ? AND skeleton IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM conversations WHERE skeleton = ?)",
        skeleton,
        room,
        skeleton);
    return SqlRows.exists(
        c, "SELECT 1 FROM conversations WHERE id = ? AND skeleton = ?", room, skeleton);
  }

  /** Whether a room has the name skeleton {@code skeleton} ({@code RoomSkeleton}). */
  public boolean skeletonTaken(Connection c, String skeleton) throws SQLException {
    return SqlRows.exists(c, "SELECT 1 FROM conversations WHERE skeleton = ? LIMIT 1", skeleton);
  }

  /**
   * Makes {@code creatorKey} the creator of the existing room {@code id}: the room is brought into
   * being again by them after everyone left it (or its group was disbanded).
   */
  public void setCreator(Connection c, String id, String creatorKey) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE conversations SET created_by = ? WHERE id = ?")) {
      s.setString(1, creatorKey);
      s.setString(2, id);
      s.executeUpdate();
    }
  }

  /** Whether {@code creatorKey} is the creator {@link #createdBy} counts room {@code id} for. */
  public boolean isCreator(Connection c, String id, String creatorKey) throws SQLException {
    return SqlRows.exists(
        c, "SELECT 1 FROM conversations WHERE id = ? AND created_by = ?", id, creatorKey);
  }

  /** True if the conversation exists (a room may exist with no member left). */
  public boolean exists(Connection c, String id) throws SQLException {
    return SqlRows.exists(c, "SELECT 1 FROM conversations WHERE id = ?", id);
  }

  /**
   * How many rooms {@code creatorKey} created that still have a member: a room everyone left, or a
   * disbanded group, no longer counts.
   */
  public int createdBy(Connection c, String creatorKey) throws SQLException {
    return SqlRows.count(
        c, "SELECT count(*)" + ROOMS_COUNTED + " AND c.created_by = ?", creatorKey);
  }

  /** {@link #createdBy} for every user who created a room that counts, by key. */
  public Map<String, Integer> createdByEach(Connection c) throws SQLException {
    return SqlRows.counts(
        c, "SELECT c.created_by, count(*)" + ROOMS_COUNTED + " GROUP BY c.created_by");
  }

  /** Increments and returns the conversation's sequence number. */
  public long nextSeq(Connection c, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("no such conversation");
        }
        return r.getLong(1);
      }
    }
  }

  /** The last sequence number, if the conversation exists. */
  public OptionalLong lastSeq(Connection c, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT last_seq FROM conversations WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** Every room ({@code #...}) with its member count, by name. */
  public Map<String, Integer> rooms(Connection c) throws SQLException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT c.id, (SELECT count(*) FROM members m WHERE m.conversation = c.id)"
                    + " FROM conversations c WHERE c.id LIKE '#%' ORDER BY c.id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getInt(2));
      }
    }
    return out;
  }
}
