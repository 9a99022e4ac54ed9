package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import chat.protocol.ErrorCode;
import chat.server.internal.relay.RelayException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's copy of member sets is never older than the database: after a member is added or
 * removed, and after a write or a batch that had changed members is rolled back.
 */
class MemberKeysCacheTest {
  private static final String ROOM = "#lobby";

  @TempDir Path dataDir;
  private TestStorage storage;
  private Database database;
  private WriteQueue writes;
  private final MemberRepository members = new MemberRepository();
  private MemberKeysCache cache;

  @BeforeEach
  void open() throws Exception {
    storage = TestStorage.open(dataDir);
    database = storage.database();
    writes = storage.writes();
    cache = new MemberKeysCache(members, writes);
    users("alice", "bob", "carol", "mallory");
    write(
        c -> {
          new ConversationRepository().ensure(c, ROOM, 1);
          members.add(c, ROOM, "alice", 1);
          members.add(c, ROOM, "bob", 1);
          return null;
        });
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  /** Users the members table can refer to (its foreign key); only their keys matter here. */
  private void users(String... keys) {
    write(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO users (user_key, username, password_hash, bundle, created_at)"
                      + " VALUES (?, ?, 'unused', x'00', 1)")) {
            for (String key : keys) {
              s.setString(1, key);
              s.setString(2, key);
              s.executeUpdate();
            }
          }
          return null;
        });
  }

  private <T> T write(WriteQueue.Write<T> write) {
    return writes.submit(write).join();
  }

  private Set<String> cached() {
    return write(c -> cache.copy(c, ROOM).keys());
  }

  /** Reads the members behind the cache's back: the database's own answer. */
  private static int rows(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM members")) {
      return s.executeQuery().getInt(1);
    }
  }

  @Test
  void keys_noChange_sameCopyWithoutReadingAgain() {
    Set<String> first = cached();

    assertThat(first).containsExactlyInAnyOrder("alice", "bob");
    assertThat(cached()).isSameAs(first);
  }

  @Test
  void keys_afterAMemberIsAddedOrRemoved_readAgain() {
    cached();

    write(c -> members.add(c, ROOM, "carol", 2));
    assertThat(cached()).containsExactlyInAnyOrder("alice", "bob", "carol");

    write(c -> members.remove(c, ROOM, "bob"));
    assertThat(cached()).containsExactlyInAnyOrder("alice", "carol");

    write(c -> members.removeAll(c, ROOM));
    assertThat(cached()).isEmpty();
  }

  @Test
  void keys_aWriteThatAddedAMemberIsRolledBack_copyItSawIsNotUsed() {
    cached();

    Set<String> seen =
        seenByAFailedWrite(
            c -> {
              throw new RelayException(ErrorCode.NOT_MEMBER);
            });

    assertThat(seen).contains("mallory");
    int rows = write(MemberKeysCacheTest::rows);
    assertThat(rows).isEqualTo(2);
    assertThat(cached()).containsExactlyInAnyOrder("alice", "bob");
  }

  @Test
  void keys_aWholeBatchThatAddedAMemberFails_copyItSawIsNotUsed() {
    cached();

    // As SQLite does after a full disk or an I/O error: the transaction is rolled back and none
    // begun in its place (the driver's rollback() would begin one). The whole batch fails.
    Set<String> seen =
        seenByAFailedWrite(
            c -> {
              try (Statement statement = c.createStatement()) {
                statement.execute("ROLLBACK");
              }
              return null;
            });

    assertThat(seen).contains("mallory");
    assertThat(cached()).containsExactlyInAnyOrder("alice", "bob");
  }

  /**
   * Runs a write that adds mallory, reads the cache, then ends with {@code failing}, which makes
   * the write fail; asserts it failed and returns what the cache gave inside it.
   */
  private Set<String> seenByAFailedWrite(WriteQueue.Write<Void> failing) {
    AtomicReference<Set<String>> seen = new AtomicReference<>();
    Throwable refused =
        catchThrowable(
            () ->
                write(
                    c -> {
                      members.add(c, ROOM, "mallory", 2);
                      seen.set(cache.copy(c, ROOM).keys());
                      return failing.apply(c);
                    }));
    assertThat(refused).isInstanceOf(CompletionException.class);
    return seen.get();
  }

  @Test
  void vouch_onlyForMembers_onlyWhileItsCopyIsCurrent() {
    assertThat(cache.vouch(ROOM, Set.of("alice"))).isNull(); // nothing read yet
    MemberKeysCache.Copy copy = write(c -> cache.copy(c, ROOM));

    assertThat(cache.vouch(ROOM, Set.of("alice", "bob"))).isSameAs(copy);
    assertThat(cache.vouch(ROOM, Set.of("alice", "carol"))).isNull();
    MemberKeysCache.Copy again = write(c -> cache.copy(c, ROOM));
    assertThat(again).isSameAs(copy);

    write(c -> members.remove(c, ROOM, "bob"));
    assertThat(cache.vouch(ROOM, Set.of("alice"))).isNull();
    MemberKeysCache.Copy afterRemoval = write(c -> cache.copy(c, ROOM));
    assertThat(afterRemoval).isNotSameAs(copy);
  }

  @Test
  void vouch_afterAWriteThatReadTheCopyIsRolledBack_none() {
    write(c -> cache.copy(c, ROOM));

    seenByAFailedWrite(
        c -> {
          throw new RelayException(ErrorCode.NOT_MEMBER);
        });

    assertThat(cache.vouch(ROOM, Set.of("alice"))).isNull();
  }

  @Test
  void keys_manyConversations_boundedAndStillRight() {
    String[] users = new String[MemberKeysCache.MAX_CONVERSATIONS + 10];
    for (int i = 0; i < users.length; i++) {
      users[i] = "user" + i;
    }
    users(users);
    write(
        c -> {
          ConversationRepository conversations = new ConversationRepository();
          for (int i = 0; i < MemberKeysCache.MAX_CONVERSATIONS + 10; i++) {
            conversations.ensure(c, "#room" + i, 1);
            members.add(c, "#room" + i, "user" + i, 1);
          }
          return null;
        });

    Set<String> oldest = write(c -> cache.copy(c, "#room0").keys());
    Set<String> newest = null;
    for (int i = 1; i < MemberKeysCache.MAX_CONVERSATIONS + 10; i++) {
      String room = "#room" + i;
      newest = write(c -> cache.copy(c, room).keys());
      assertThat(newest).containsExactly("user" + i);
    }
    Set<String> last = newest;

    Set<String> lastAgain =
        write(c -> cache.copy(c, "#room" + (MemberKeysCache.MAX_CONVERSATIONS + 9)).keys());
    assertThat(lastAgain).isSameAs(last);
    Set<String> again = write(c -> cache.copy(c, "#room0").keys());
    assertThat(again).isNotSameAs(oldest).containsExactly("user0");
  }
}
