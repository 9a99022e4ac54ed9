package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.CapturedLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path dir;

  private Connection open() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA foreign_keys = ON");
    }
    return c;
  }

  private static byte[] envelope(int n) {
    byte[] bytes = new byte[20_000]; // several overflow pages
    Arrays.fill(bytes, (byte) n);
    return bytes;
  }

  private static void insert(Connection c, String conversation, long seq, int n)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO messages (conversation, seq, message_id, stored_at, sealed)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, conversation);
      s.setLong(2, seq);
      s.setBytes(3, new byte[] {(byte) n, 1, 2, 3});
      s.setLong(4, 1000L + n);
      s.setBytes(5, envelope(n));
      s.executeUpdate();
    }
  }

  private static List<String> rows(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT conversation, seq, message_id, stored_at, sealed FROM messages"
                    + " ORDER BY conversation, seq")) {
      while (r.next()) {
        out.add(
            r.getString(1)
                + "/"
                + r.getLong(2)
                + "/"
                + Arrays.toString(r.getBytes(3))
                + "/"
                + r.getLong(4)
                + "/"
                + Arrays.hashCode(r.getBytes(5))
                + "/"
                + r.getBytes(5).length);
      }
    }
    return out;
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  /** An operator sees that the start changed the file, which an older relay then cannot open. */
  @Test
  void anUpgrade_isLogged_aNewDatabaseAndOneUpToDateAreNot() throws Exception {
    CapturedLog log = CapturedLog.of(Migrations.class);
    try (log;
        Connection c = open()) {
      Migrations.migrate(c, 6);
      Migrations.migrate(c);
      Migrations.migrate(c);
    }

    assertThat(log.messages())
        .containsExactly(
            "relay.db upgraded from schema version 6 to " + Migrations.latestVersion());
  }

  @Test
  void step6_keepsEveryMessage_andMakesMessagesARowidTableWithTheSameConstraints()
      throws Exception {
    try (Connection c = open()) {
      Migrations.migrate(c, 5);
      assertThat(single(c, "SELECT sql FROM sqlite_master WHERE name = 'messages'"))
          .contains("WITHOUT ROWID");
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO conversations (id, created_at) VALUES ('#a', 1), ('#b', 1)");
      }
      insert(c, "#a", 1, 1);
      insert(c, "#a", 2, 2);
      insert(c, "#b", 1, 3);
      List<String> before = rows(c);

      Migrations.migrate(c);

      assertThat(single(c, "SELECT max(version) FROM schema_version"))
          .isEqualTo(Integer.toString(Migrations.latestVersion()));
      assertThat(single(c, "SELECT sql FROM sqlite_master WHERE name = 'messages'"))
          .doesNotContain("WITHOUT ROWID");
      assertThat(
              single(
                  c,
                  "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'messages_%'"))
          .as("no table left behind")
          .isEqualTo("0");
      assertThat(rows(c)).isEqualTo(before).hasSize(3);
      assertThat(single(c, "PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(single(c, "PRAGMA foreign_key_check")).isNull();

      insert(c, "#b", 2, 4);
      assertThatThrownBy(() -> insert(c, "#b", 2, 5))
          .as("(conversation, seq) is still the primary key")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> insert(c, "#b", 3, 4))
          .as("message_id is still unique")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> insert(c, "#nowhere", 1, 6))
          .as("the conversation must exist")
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void step10_theOldestOfEachLookalikeGroupHoldsItsSkeleton_theOthersKeepNull_andItIsUnique()
      throws Exception {
    try (Connection c = open()) {
      Migrations.migrate(c, 9);
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO users (user_key, username, password_hash, bundle, created_at) VALUES"
                + " ('aiice', 'aIice', 'h', x'01', 2), ('alice', 'alice', 'h', x'01', 1),"
                + " ('a1ice', 'a1ice', 'h', x'01', 3), ('bob', 'Bob', 'h', x'01', 5),"
                + " ('modern', 'modern', 'h', x'01', 4), ('modem', 'modem', 'h', x'01', 4)");
      }

      Migrations.migrate(c);

      assertThat(
              single(
                  c,
                  "SELECT group_concat(user_key || '=' || coalesce(skeleton, 'NULL'), ' ')"
                      + " FROM (SELECT user_key, skeleton FROM users ORDER BY user_key)"))
          .as("the oldest holds it (created_at, then user_key), whatever the insertion order")
          .isEqualTo("a1ice=NULL aiice=NULL alice=alice bob=bob modem=rnoclern modern=NULL");
      assertThat(single(c, "SELECT sql FROM sqlite_master WHERE name = 'users_skeleton'"))
          .startsWith("CREATE UNIQUE INDEX");
      UserRepository users = new UserRepository();
      assertThat(users.insert(c, "aiice2", "aIice2", "alice", "h", new byte[] {1}, 6))
          .as("a skeleton already held")
          .isFalse();
      assertThat(users.insert(c, "alice", "alice", "alice_", "h", new byte[] {1}, 6))
          .as("a key already taken")
          .isFalse();
      assertThat(users.insert(c, "carol", "carol", "carol", "h", new byte[] {1}, 6)).isTrue();
      assertThat(single(c, "SELECT count(*) FROM users")).isEqualTo("7");
    }
  }

  @Test
  void step21_theOldestOfEachLookalikeRoomHoldsItsSkeleton_directConversationsHaveNone()
      throws Exception {
    try (Connection c = open()) {
      Migrations.migrate(c, 20);
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO conversations (id, created_at) VALUES ('#0ps', 2), ('#ops', 1),"
                + " ('#dev-ops', 3), ('#dev_ops', 3), ('@alice+bob', 1), ('#team', 4),"
                + " ('#1obby', 1), ('#lobby', 9)");
      }

      Migrations.migrate(c);

      assertThat(
              single(
                  c,
                  "SELECT group_concat(id || '=' || coalesce(skeleton, 'NULL'), ' ')"
                      + " FROM (SELECT id, skeleton FROM conversations ORDER BY id)"))
          .as("#lobby, then the oldest holds it (created_at, then id), whatever the order")
          .isEqualTo(
              "#0ps=NULL #1obby=NULL #dev-ops=clev_ops #dev_ops=NULL #lobby=lobby #ops=ops"
                  + " #team=tearn @alice+bob=NULL");
      assertThat(single(c, "SELECT sql FROM sqlite_master WHERE name = 'conversations_skeleton'"))
          .startsWith("CREATE UNIQUE INDEX");
      ConversationRepository conversations = new ConversationRepository();
      assertThat(conversations.skeletonTaken(c, "ops")).isTrue();
      assertThat(conversations.skeletonTaken(c, "opz")).isFalse();
      assertThat(conversations.create(c, "#pub", "alice", 5)).isTrue();
      assertThat(conversations.skeletonTaken(c, "pub")).isTrue();
      assertThat(conversations.claimSkeleton(c, "#0ps"))
          .as("a lookalike kept from before cannot take it, so it cannot be brought back")
          .isFalse();
      assertThat(conversations.claimSkeleton(c, "#ops")).isTrue();
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO conversations (id, created_at) VALUES ('#solo', 6)");
      }
      assertThat(conversations.claimSkeleton(c, "#solo")).isTrue();
      assertThat(single(c, "SELECT skeleton FROM conversations WHERE id = '#solo'"))
          .isEqualTo("solo");
    }
  }

  @Test
  void step9_anAccountInNoConversation_joinsTheLobby_othersAreLeftAlone() throws Exception {
    try (Connection c = open()) {
      Migrations.migrate(c, 8);
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO users (user_key, username, password_hash, bundle, created_at) VALUES"
                + " ('never', 'never', 'h', x'01', 1), ('left', 'left', 'h', x'01', 1)");
        s.execute("INSERT INTO conversations (id, created_at) VALUES ('#ops', 1)");
        s.execute(
            "INSERT INTO members (conversation, user_key, joined_at) VALUES ('#ops', 'left', 1)");
      }

      Migrations.migrate(c);

      assertThat(single(c, "SELECT group_concat(conversation || ':' || user_key) FROM members"))
          .contains("#lobby:never", "#ops:left")
          .doesNotContain("#lobby:left");
      assertThat(single(c, "PRAGMA foreign_key_check")).isNull();
    }
  }

  @Test
  void step8_everySegmentStoredMessagesLieIn_becomesACandidateForCompaction() throws Exception {
    try (Connection c = open()) {
      Migrations.migrate(c, 7);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO conversations (id, created_at) VALUES ('#a', 1)");
        s.execute(
            "INSERT INTO messages (conversation, seq, message_id, stored_at, sealed, segment,"
                + " place, length) VALUES ('#a', 1, x'01', 1, x'', 0, 0, 10),"
                + " ('#a', 2, x'02', 1, x'', 0, 10, 10), ('#a', 3, x'03', 1, x'', 2, 0, 10),"
                + " ('#a', 4, x'04', 1, x'11', NULL, NULL, NULL)");
      }

      Migrations.migrate(c);

      assertThat(
              single(
                  c,
                  "SELECT group_concat(segment) FROM"
                      + " (SELECT segment FROM envelope_compactions ORDER BY segment)"))
          .isEqualTo("0,2");
    }
  }

  /**
   * A ban stored before step 17 is kept, with no reason and no end; a ban made after keeps its
   * reason.
   */
  @Test
  void step17_aBanFromBefore_listsWithoutAReason() throws Exception {
    try (Connection c = open()) {
      Migrations.migrate(c, 16);
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO users (user_key, username, skeleton, password_hash, bundle, created_at)"
                + " VALUES ('alice', 'alice', 'alice', 'h', x'01', 1),"
                + " ('mallory', 'Mallory', 'mallory', 'h', x'01', 1),"
                + " ('carol', 'carol', 'carol', 'h', x'01', 1)");
        s.execute("INSERT INTO conversations (id, created_at) VALUES ('#team', 1)");
        s.execute(
            "INSERT INTO groups (conversation, title, created_at) VALUES ('#team', 'team', 1)");
        s.execute(
            "INSERT INTO group_bans (conversation, user_key, banned_by, banned_at)"
                + " VALUES ('#team', 'mallory', 'alice', 5)");
      }

      Migrations.migrate(c);

      GroupBanRepository bans = new GroupBanRepository(java.time.Clock.systemUTC());
      assertThat(bans.add(c, "#team", "carol", "alice", 7, "spam links", null)).isTrue();
      assertThat(bans.page(c, "#team", null, 10))
          .containsExactly(
              new GroupBanRepository.Entry("carol", "carol", "alice", 7, "spam links", null),
              new GroupBanRepository.Entry("mallory", "Mallory", "alice", 5, "", null));
      assertThat(bans.page(c, "#team", "carol", 10))
          .extracting(GroupBanRepository.Entry::userKey)
          .containsExactly("mallory");
      assertThat(single(c, "PRAGMA foreign_key_check")).isNull();
    }
  }

  /**
   * Step 19 adds an empty table of mutes to a database of step 18, whose groups and bans stay; a
   * mute then keeps its reason and end, and refers to an existing group and user.
   */
  @Test
  void step19_mutesStartEmpty_andKeepTheirReasonAndEnd() throws Exception {
    try (Connection c = open()) {
      Migrations.migrate(c, 18);
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO users (user_key, username, skeleton, password_hash, bundle, created_at)"
                + " VALUES ('alice', 'alice', 'alice', 'h', x'01', 1),"
                + " ('bob', 'Bob', 'bob', 'h', x'01', 1)");
        s.execute("INSERT INTO conversations (id, created_at) VALUES ('#team', 1)");
        s.execute(
            "INSERT INTO groups (conversation, title, created_at) VALUES ('#team', 'team', 1)");
      }

      Migrations.migrate(c);

      GroupMuteRepository mutes = new GroupMuteRepository(java.time.Clock.systemUTC());
      assertThat(mutes.page(c, "#team", null, 10)).isEmpty();
      long until = System.currentTimeMillis() + 3_600_000;
      assertThat(mutes.add(c, "#team", "bob", "alice", 7, "calm down", until)).isTrue();
      assertThat(mutes.find(c, "#team", "bob"))
          .contains(new TimedGroupRows.Entry("bob", "Bob", "alice", 7, "calm down", until));
      assertThat(mutes.inForce(c, "#team", "alice")).isFalse();
      assertThat(single(c, "PRAGMA foreign_key_check")).isNull();
    }
  }

  /**
   * Rooms made before step 12 have no creator. Step 13 gives each one with members its
   * longest-standing member (first joined, then the smaller key); rooms that have a creator, {@code
   * #lobby}, direct conversations and empty rooms keep theirs or none.
   */
  @Test
  void step13_roomsCreatedBeforeStep12_countForTheirLongestStandingMember() throws Exception {
    try (Connection c = open()) {
      Migrations.migrate(c, 11);
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO users (user_key, username, password_hash, bundle, created_at) VALUES"
                + " ('alice', 'alice', 'h', x'01', 1), ('bob', 'bob', 'h', x'01', 1),"
                + " ('carol', 'carol', 'h', x'01', 1)");
        s.execute(
            "INSERT INTO conversations (id, created_at) VALUES ('#lobby', 1), ('#alices', 10),"
                + " ('#tie', 30), ('#creator-left', 5), ('#emptied', 1), ('@alice+bob', 1)");
        s.execute(
            "INSERT INTO members (conversation, user_key, joined_at) VALUES"
                + " ('#lobby', 'alice', 1), ('#lobby', 'bob', 1), ('#lobby', 'carol', 1),"
                + " ('#alices', 'bob', 20), ('#alices', 'alice', 10),"
                + " ('#tie', 'bob', 30), ('#tie', 'alice', 30),"
                + " ('#creator-left', 'carol', 50), ('#creator-left', 'bob', 40),"
                + " ('@alice+bob', 'alice', 1), ('@alice+bob', 'bob', 1)");
      }
      Migrations.migrate(c, 12);
      try (Statement s = c.createStatement()) { // as the relay of step 12 created a room
        s.execute(
            "INSERT INTO conversations (id, created_at, created_by) VALUES ('#carols', 60,"
                + " 'carol')");
      }
      ConversationRepository conversations = new ConversationRepository();
      new MemberRepository().add(c, "#carols", "alice", 2);
      assertThat(conversations.createdBy(c, "alice")).as("before step 13").isZero();

      Migrations.migrate(c);

      String creators =
          "SELECT group_concat(id || '=' || coalesce(created_by, 'NULL'), ' ')"
              + " FROM (SELECT id, created_by FROM conversations ORDER BY id)";
      assertThat(single(c, creators))
          .isEqualTo(
              "#alices=alice #carols=carol #creator-left=bob #emptied=NULL #lobby=NULL #tie=alice"
                  + " @alice+bob=NULL");
      assertThat(conversations.createdBy(c, "alice")).isEqualTo(2);
      assertThat(conversations.createdBy(c, "bob")).isEqualTo(1);
      assertThat(conversations.createdBy(c, "carol")).isEqualTo(1);

      try (Statement s = c.createStatement()) {
        assertThat(s.executeUpdate(Migrations.BACKFILL_ROOM_CREATORS))
            .as("run again, it finds nothing to fill")
            .isZero();
      }
      assertThat(single(c, creators)).contains("#alices=alice #carols=carol");
      assertThat(single(c, "PRAGMA foreign_key_check")).isNull();
    }
  }

  @Test
  void migrate_twice_changesNothing() throws Exception {
    try (Connection c = open()) {
      Migrations.migrate(c);
      String schema = single(c, "SELECT group_concat(sql, ';') FROM sqlite_master");
      Migrations.migrate(c);
      assertThat(single(c, "SELECT group_concat(sql, ';') FROM sqlite_master")).isEqualTo(schema);
      assertThat(single(c, "SELECT count(*) FROM schema_version"))
          .isEqualTo(Integer.toString(Migrations.latestVersion()));
    }
  }
}
