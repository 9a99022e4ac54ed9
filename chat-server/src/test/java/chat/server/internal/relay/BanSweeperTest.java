package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.MutableClock;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.GroupBanRepository;
import chat.server.internal.storage.GroupRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ended timed bans leave the disk, with their reasons; bans in force and without end stay. */
class BanSweeperTest {
  @TempDir Path dataDir;

  private final MutableClock clock = new MutableClock();
  private Database database;
  private WriteQueue writes;
  private Storage storage;
  private GroupBanRepository bans;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dataDir);
    writes = new WriteQueue(database);
    storage = new Storage(database, writes);
    bans = new GroupBanRepository(clock);
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
          return null;
        });
  }

  @AfterEach
  void close() throws Exception {
    writes.close();
    database.close();
  }

  /** Every row of group_bans, ended or not. */
  private int rows() {
    return storage.<Integer>read(
        c -> {
          try (java.sql.Statement s = c.createStatement();
              java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM group_bans")) {
            r.next();
            return r.getInt(1);
          }
        });
  }

  @Test
  void sweep_deletesOnlyTheBansThatEnded() {
    BanSweeper sweeper = new BanSweeper(storage, bans);
    assertThat(sweeper.sweep()).isZero();
    assertThat(rows()).isEqualTo(3);

    clock.advance(Duration.ofMinutes(1));

    assertThat(sweeper.sweep()).isEqualTo(1);
    java.util.List<GroupBanRepository.Ban> left =
        storage.read(c -> bans.page(c, "#team", null, 10));
    assertThat(left).extracting(GroupBanRepository.Ban::userKey).containsExactly("bob", "cat");
    assertThat(rows()).as("ann's row is gone from the disk").isEqualTo(2);
    sweeper.close();
  }
}
