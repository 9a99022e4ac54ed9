package chat.server.internal.storage;

import chat.protocol.ConversationIds;
import chat.protocol.RoomSkeleton;
import chat.protocol.UsernameSkeleton;
import chat.protocol.Usernames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered schema migrations of {@code relay.db}. Step {@code n} (1-based) takes the schema from
 * version {@code n-1} to {@code n}; {@code schema_version} records the current version. Steps are
 * append-only: never edit a released one.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /**
   * Step 13: gives each room that has members but no creator (one created before step 12) its
   * longest-standing member as creator: the member who joined first, then the smaller key. That is
   * the creator whenever they are still in the room, as the room's first member; otherwise it is
   * whoever has held the room longest, as a room brought back after everyone left counts for who
   * brought it back. {@code #lobby} (the relay's), direct conversations (made by a send, not
   * counted) and rooms without members (they count for nobody) keep none. Rooms that have a creator
   * are left alone, so running it again changes nothing.
   */
  static final String BACKFILL_ROOM_CREATORS =
      "UPDATE conversations SET created_by = (SELECT m.user_key FROM members m"
          + " WHERE m.conversation = conversations.id ORDER BY m.joined_at, m.user_key LIMIT 1)"
          + " WHERE created_by IS NULL AND substr(id, 1, 1) = '#' AND id <> '#lobby'"
          + " AND EXISTS (SELECT 1 FROM members m WHERE m.conversation = conversations.id)";

  private static final List<Step> STEPS =
      List.of(
          sql(
              "CREATE TABLE users (user_key TEXT PRIMARY KEY, username TEXT NOT NULL,"
                  + " password_hash TEXT NOT NULL, bundle BLOB NOT NULL, created_at INTEGER NOT"
                  + " NULL)",
              "CREATE TABLE sessions (token_hash BLOB PRIMARY KEY, user_key TEXT NOT NULL"
                  + " REFERENCES users(user_key), created_at INTEGER NOT NULL, expires_at INTEGER"
                  + " NOT NULL)",
              "CREATE INDEX sessions_user ON sessions(user_key)",
              "CREATE TABLE conversations (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL,"
                  + " last_seq INTEGER NOT NULL DEFAULT 0)",
              "CREATE TABLE members (conversation TEXT NOT NULL REFERENCES conversations(id),"
                  + " user_key TEXT NOT NULL REFERENCES users(user_key), joined_at INTEGER NOT"
                  + " NULL, PRIMARY KEY (conversation, user_key)) WITHOUT ROWID",
              "CREATE INDEX members_user ON members(user_key)",
              "CREATE TABLE messages (conversation TEXT NOT NULL REFERENCES conversations(id),"
                  + " seq INTEGER NOT NULL, message_id BLOB NOT NULL UNIQUE, stored_at INTEGER"
                  + " NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY (conversation, seq)) WITHOUT"
                  + " ROWID"),
          sql(
              "CREATE TABLE key_backups (user_key TEXT PRIMARY KEY REFERENCES users(user_key),"
                  + " sealed BLOB NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID"),
          // Step 3: groups with roles, invitations and bans; friends and friend requests.
          sql(
              "CREATE TABLE groups (conversation TEXT PRIMARY KEY REFERENCES conversations(id),"
                  + " title TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID",
              "CREATE TABLE group_roles (conversation TEXT NOT NULL REFERENCES"
                  + " groups(conversation), user_key TEXT NOT NULL REFERENCES users(user_key),"
                  + " role TEXT NOT NULL CHECK (role IN ('owner', 'admin')),"
                  + " PRIMARY KEY (conversation, user_key)) WITHOUT ROWID",
              "CREATE UNIQUE INDEX group_roles_one_owner ON group_roles(conversation)"
                  + " WHERE role = 'owner'",
              "CREATE TABLE group_invites (conversation TEXT NOT NULL REFERENCES"
                  + " groups(conversation), user_key TEXT NOT NULL REFERENCES users(user_key),"
                  + " invited_by TEXT NOT NULL, invited_at INTEGER NOT NULL,"
                  + " PRIMARY KEY (conversation, user_key)) WITHOUT ROWID",
              "CREATE INDEX group_invites_user ON group_invites(user_key)",
              "CREATE TABLE group_bans (conversation TEXT NOT NULL REFERENCES"
                  + " groups(conversation), user_key TEXT NOT NULL REFERENCES users(user_key),"
                  + " banned_by TEXT NOT NULL, banned_at INTEGER NOT NULL,"
                  + " PRIMARY KEY (conversation, user_key)) WITHOUT ROWID",
              "CREATE TABLE friend_requests (from_key TEXT NOT NULL REFERENCES users(user_key),"
                  + " to_key TEXT NOT NULL REFERENCES users(user_key), requested_at INTEGER NOT"
                  + " NULL, PRIMARY KEY (from_key, to_key)) WITHOUT ROWID",
              "CREATE INDEX friend_requests_to ON friend_requests(to_key)",
              "CREATE TABLE friendships (user_key TEXT NOT NULL REFERENCES users(user_key),"
                  + " friend_key TEXT NOT NULL REFERENCES users(user_key), since INTEGER NOT"
                  + " NULL, PRIMARY KEY (user_key, friend_key)) WITHOUT ROWID"),
          // Step 4: shared files (metadata, and chunks sealed at rest).
          sql(
              "CREATE TABLE files (file_id BLOB PRIMARY KEY, conversation TEXT NOT NULL,"
                  + " uploader TEXT NOT NULL REFERENCES users(user_key), size INTEGER NOT NULL,"
                  + " chunk_bytes INTEGER NOT NULL, received INTEGER NOT NULL, created_at INTEGER"
                  + " NOT NULL, completed_at INTEGER, expires_at INTEGER NOT NULL) WITHOUT ROWID",
              "CREATE INDEX files_uploader ON files(uploader)",
              "CREATE INDEX files_expires ON files(expires_at)",
              "CREATE TABLE file_chunks (file_id BLOB NOT NULL REFERENCES files(file_id),"
                  + " chunk_index INTEGER NOT NULL, sealed BLOB NOT NULL,"
                  + " PRIMARY KEY (file_id, chunk_index))"),
          // Step 5: the audit log (AuditRepository). No foreign keys: events outlive accounts,
          // and a failed login names users that do not exist.
          sql(
              "CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
                  + " type TEXT NOT NULL, user_key TEXT, username TEXT, address TEXT,"
                  + " connection TEXT, detail TEXT NOT NULL DEFAULT '')",
              "CREATE INDEX audit_log_at ON audit_log(at)",
              "CREATE INDEX audit_log_user ON audit_log(user_key, at)"),
          // Step 6: messages become a rowid table. WITHOUT ROWID kept the sealed envelope inside
          // the primary key's b-tree, so every key comparison on the way to an insert read a whole
          // envelope from its overflow pages (450 KB for a 1,000-member room): most of the
          // writer's reads. Now the (conversation, seq) index holds only keys and rowids.
          sql(
              "CREATE TABLE messages_by_rowid (conversation TEXT NOT NULL"
                  + " REFERENCES conversations(id), seq INTEGER NOT NULL, message_id BLOB NOT NULL"
                  + " UNIQUE, stored_at INTEGER NOT NULL, sealed BLOB NOT NULL,"
                  + " PRIMARY KEY (conversation, seq))",
              "INSERT INTO messages_by_rowid (conversation, seq, message_id, stored_at, sealed)"
                  + " SELECT conversation, seq, message_id, stored_at, sealed FROM messages"
                  + " ORDER BY conversation, seq",
              "DROP TABLE messages",
              "ALTER TABLE messages_by_rowid RENAME TO messages"),
          // Step 7: new messages' sealed envelopes lie in the envelope log's segment files
          // (EnvelopeLog), written once instead of into the WAL and again into relay.db; a row
          // keeps their place and an empty sealed value. Rows stored before keep theirs inline.
          sql(
              "ALTER TABLE messages ADD COLUMN segment INTEGER",
              "ALTER TABLE messages ADD COLUMN place INTEGER",
              "ALTER TABLE messages ADD COLUMN length INTEGER",
              "CREATE INDEX messages_segment ON messages(segment, place)"
                  + " WHERE segment IS NOT NULL",
              "CREATE TABLE envelope_erasures (segment INTEGER NOT NULL, place INTEGER NOT NULL,"
                  + " length INTEGER NOT NULL)"),
          // Step 8: segments to look at for compaction (EnvelopeCompactions), at first every
          // segment a stored message lies in, so that space deletions and padding took before is
          // given back too.
          sql(
              "CREATE TABLE envelope_compactions (segment INTEGER PRIMARY KEY)",
              "INSERT INTO envelope_compactions (segment)"
                  + " SELECT DISTINCT segment FROM messages WHERE segment IS NOT NULL"),
          // Step 9: #lobby is joined at registration, no longer at every login, so an account
          // registered before that never logged in (and so is in no conversation) joins it now.
          sql(
              "INSERT INTO conversations (id, created_at)"
                  + " SELECT '#lobby', CAST(strftime('%s', 'now') AS INTEGER) * 1000"
                  + " WHERE EXISTS (SELECT 1 FROM users u WHERE NOT EXISTS"
                  + " (SELECT 1 FROM members m WHERE m.user_key = u.user_key))"
                  + " ON CONFLICT(id) DO NOTHING",
              "INSERT INTO members (conversation, user_key, joined_at)"
                  + " SELECT '#lobby', u.user_key, CAST(strftime('%s', 'now') AS INTEGER) * 1000"
                  + " FROM users u WHERE NOT EXISTS"
                  + " (SELECT 1 FROM members m WHERE m.user_key = u.user_key)"),
          // Step 10: each account's name skeleton (UsernameSkeleton), under a unique index, so that
          // no new name can look like an existing one. Of accounts that already look alike, the
          // oldest holds the skeleton and the others keep NULL: they go on working as before, and
          // a new name like theirs is still refused, against the oldest. Changing the skeleton's
          // rules needs a new step that computes the column again.
          Migrations::addSkeletons,
          // Step 11: when and from which client address each session was last used (its login or
          // its latest resume), for the sessions list (list_sessions). A session stored before
          // counts as last used when it was created, from an address not known ('').
          sql(
              "ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0",
              "ALTER TABLE sessions ADD COLUMN last_address TEXT NOT NULL DEFAULT ''",
              "UPDATE sessions SET last_used_at = created_at"),
          // Step 12: who created each room, so that the rooms one user creates can be counted
          // (--max-rooms-per-user). Rooms created before have none: step 13 fills them in.
          sql(
              "ALTER TABLE conversations ADD COLUMN created_by TEXT",
              "CREATE INDEX conversations_created_by ON conversations(created_by)"
                  + " WHERE created_by IS NOT NULL"),
          // Step 13: rooms created before step 12 get a creator, so that they count too.
          sql(BACKFILL_ROOM_CREATORS),
          // Step 14: when a party closed a direct conversation (NULL: open). A closed one is not
          // listed at login and does not count toward the conversations one user may be in; the
          // row stays, so that nothing changes for the other party.
          sql("ALTER TABLE members ADD COLUMN closed_at INTEGER"),
          // Step 15: limits the operator set for one user in place of the relay's (chat-server
          // users set-limit): the rooms and groups they may create. No row: the relay's limit.
          sql(
              "CREATE TABLE user_limits (user_key TEXT PRIMARY KEY REFERENCES users(user_key),"
                  + " max_rooms INTEGER NOT NULL CHECK (max_rooms >= 1)) WITHOUT ROWID"),
          // Step 16: accounts the operator suspended (chat-server users suspend), since when and
          // why ('' if no reason was given). No row: not suspended.
          sql(
              "CREATE TABLE suspensions (user_key TEXT PRIMARY KEY REFERENCES users(user_key),"
                  + " since INTEGER NOT NULL, reason TEXT NOT NULL) WITHOUT ROWID"),
          // Step 17: the reason given with a group ban ('' if none, and for bans from before), so
          // that the group's owner and admins can list it (list_bans, wire version 11).
          sql("ALTER TABLE group_bans ADD COLUMN reason TEXT NOT NULL DEFAULT ''"),
          // Step 18: when a timed ban ends (NULL: when lifted; wire version 11).
          sql("ALTER TABLE group_bans ADD COLUMN until INTEGER"),
          // Step 19: members muted in a group (wire version 12): they read it but may not post to
          // it, until the mute ends (NULL: when lifted). The reason is '' if none was given.
          sql(
              "CREATE TABLE group_mutes (conversation TEXT NOT NULL REFERENCES"
                  + " groups(conversation), user_key TEXT NOT NULL REFERENCES users(user_key),"
                  + " muted_by TEXT NOT NULL, muted_at INTEGER NOT NULL, reason TEXT NOT NULL,"
                  + " until INTEGER, PRIMARY KEY (conversation, user_key)) WITHOUT ROWID"),
          // Step 20 (wire version 13, deleting messages): each new message's sender (user key), as
          // its envelope's header names it, so that deleting the newest messages of one sender
          // reads rows, not envelopes (rows stored before keep NULL: their envelopes are read for
          // it); and when a message was deleted. A deleted message's row stays, without its
          // envelope or sender, so that its number and id are never given again and history pages
          // can say it was deleted instead of leaving a gap.
          sql(
              "ALTER TABLE messages ADD COLUMN sender TEXT",
              "ALTER TABLE messages ADD COLUMN deleted_at INTEGER"),
          // Step 21: each room's name skeleton (RoomSkeleton), under a unique index, so that no
          // new room can look like an existing one (#0ps beside #ops). As in step 10, of rooms that
          // already look alike the oldest holds the skeleton and the others keep NULL; direct
          // conversations have none.
          Migrations::addRoomSkeletons);

  /** One step's work, run inside the step's transaction. */
  @FunctionalInterface
  private interface Step {
    void apply(Statement statement) throws SQLException;
  }

  private static Step sql(String... statements) {
    return statement -> {
      for (String sql : statements) {
        statement.execute(sql);
      }
    };
  }

  private Migrations() {}

  /**
   * Step 10. The skeletons are computed here rather than in SQL so that there is one definition of
   * them. Accounts are read first and updated after, oldest first (then by key), each skeleton set
   * only on the first account that has it. A stored name that breaks today's username rule (none
   * should) keeps NULL rather than stopping the relay from starting.
   */
  private static void addSkeletons(Statement statement) throws SQLException {
    statement.execute("ALTER TABLE users ADD COLUMN skeleton TEXT");
    List<String[]> accounts = new ArrayList<>();
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT user_key, username FROM users ORDER BY created_at, user_key")) {
      while (rows.next()) {
        accounts.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    }
    Set<String> held = new HashSet<>();
    try (PreparedStatement update =
        statement
            .getConnection()
            .prepareStatement("UPDATE users SET skeleton = ? WHERE user_key = ?")) {
      for (String[] account : accounts) {
        if (!Usernames.isValid(account[1])) {
          continue;
        }
        String skeleton = UsernameSkeleton.of(account[1]);
        if (held.add(skeleton)) {
          update.setString(1, skeleton);
          update.setString(2, account[0]);
          update.executeUpdate();
        }
      }
    }
    statement.execute("CREATE UNIQUE INDEX users_skeleton ON users(skeleton)");
  }

  /**
   * Step 21, as step 10 for rooms: read first, {@code #lobby} (the relay's own) then oldest first
   * (then by id), each skeleton set only on the first room that has it; an id that breaks today's
   * room rule keeps NULL.
   */
  private static void addRoomSkeletons(Statement statement) throws SQLException {
    statement.execute("ALTER TABLE conversations ADD COLUMN skeleton TEXT");
    List<String> rooms = new ArrayList<>();
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT id FROM conversations WHERE id LIKE '#%'"
                + " ORDER BY id <> '#lobby', created_at, id")) {
      while (rows.next()) {
        rooms.add(rows.getString(1));
      }
    }
    Set<String> held = new HashSet<>();
    try (PreparedStatement update =
        statement
            .getConnection()
            .prepareStatement("UPDATE conversations SET skeleton = ? WHERE id = ?")) {
      for (String room : rooms) {
        if (!ConversationIds.isRoom(room)) {
          continue;
        }
        String skeleton = RoomSkeleton.of(room);
        if (held.add(skeleton)) {
          update.setString(1, skeleton);
          update.setString(2, room);
          update.executeUpdate();
        }
      }
    }
    statement.execute("CREATE UNIQUE INDEX conversations_skeleton ON conversations(skeleton)");
  }

  /** The schema version this build writes. */
  public static int latestVersion() {
    return STEPS.size();
  }

  /**
   * The schema version of the database on {@code connection}, which only reads: 0 for one no relay
   * has migrated yet.
   */
  public static int version(Connection connection) throws SQLException {
    boolean versioned =
        SqlRows.exists(
            connection,
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
    return versioned ? SqlRows.count(connection, "SELECT max(version) FROM schema_version") : 0;
  }

  /**
   * Brings the schema on {@code connection} to {@link #latestVersion()}, one transaction per step.
   *
   * @throws SQLException if a step fails or the file is from a newer build
   */
  public static void migrate(Connection connection) throws SQLException {
    migrate(connection, STEPS.size());
  }

  /** Brings the schema to {@code target} (at most {@link #latestVersion()}); for upgrade tests. */
  static void migrate(Connection connection, int target) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int current = version(connection);
      if (current > STEPS.size()) {
        throw new SQLException(
            "relay.db has schema version "
                + current
                + ", newer than this build: run the chat-server that wrote it, or restore a"
                + " backup of the data directory made before the upgrade");
      }
      for (int version = current + 1; version <= target; version++) {
        connection.setAutoCommit(false);
        try {
          STEPS.get(version - 1).apply(statement);
          statement.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
          connection.commit();
        } catch (SQLException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
      }
      if (current > 0 && current < target) {
        LOG.info("relay.db upgraded from schema version {} to {}", current, target);
      }
    }
  }
}
