package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.MutableClock;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.GroupBanRepository;
import chat.server.internal.storage.GroupMuteRepository;
import chat.server.internal.storage.GroupRepository;
import chat.server.internal.storage.TimedGroupRows;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ended timed bans and mutes leave the disk, with their reasons; those in force and without end
 * stay.
 */
class GroupSweeperTest {
  @TempDir Path dataDir;

  private final MutableClock clock = new MutableClock();
  private Database database;
  private WriteQueue writes;
  private Storage storage;
  private GroupBanRepository bans;
  private GroupMuteRepository mutes;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dataDir);
    writes = new WriteQueue(database);
    storage = new Storage(database, writes);
    bans = new GroupBanRepository(clock);
    mutes = new GroupMuteRepository(clock);
    long now = clock.millis();
    storage.write(
        c -> {
          UserRepository users = new UserRepository();
          for (String name : new String[] {"ann", "bob", "cat"}) {
            users.insert(c, name, name, name, "hash", new byte[] {1}, 0);
          }
          new ConversationRepository().ensure(c, "#team", 0);
          new GroupRepository().create(c, "#team", "team", 0);
          bans.add(c, "#team", "ann", "olivia", now, "flood", now + 60_000);
          bans.add(c, "#team", "bob", "olivia", now, "spam", now + 3_600_000);
          bans.add(c, "#team", "cat", "olivia", now, "", null);
          mutes.add(c, "#team", "bob", "olivia", now, "shouting", now + 30_000);
          mutes.add(c, "#team", "cat", "olivia", now, "", now + 7_200_000);
          mutes.add(c, "#team", "ann", "olivia", now, "", null);
          return null;
        });
  }

  @AfterEach
  void close() throws Exception {
    writes.close();
    database.close();
  }

  /** Every row of {@code table}, ended or not. */
  private int rows(String table) {
    return storage.<Integer>read(
        c -> {
          try (java.sql.Statement s = c.createStatement();
              java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getInt(1);
          }
        });
  }

  @Test
  void sweep_deletesOnlyTheBansAndMutesThatEnded() {
    GroupSweeper sweeper = new GroupSweeper(storage, bans, mutes);
    assertThat(sweeper.sweep()).isZero();
    assertThat(rows("group_bans")).isEqualTo(3);
    assertThat(rows("group_mutes")).isEqualTo(3);

    clock.advance(Duration.ofMinutes(1));

    assertThat(sweeper.sweep()).isEqualTo(2);
    assertThat(storage.<List<TimedGroupRows.Entry>>read(c -> bans.page(c, "#team", null, 10)))
        .extracting(TimedGroupRows.Entry::userKey)
        .containsExactly("bob", "cat");
    assertThat(storage.<List<TimedGroupRows.Entry>>read(c -> mutes.page(c, "#team", null, 10)))
        .extracting(TimedGroupRows.Entry::userKey)
        .containsExactly("ann", "cat");
    assertThat(rows("group_bans")).as("ann's ban is gone from the disk").isEqualTo(2);
    assertThat(rows("group_mutes")).as("bob's mute is gone from the disk").isEqualTo(2);
    sweeper.close();
  }
}
