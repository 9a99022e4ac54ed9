package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A timed ban is in force until its end, and absent to every query from then on. */
class GroupBanRepositoryTest {
  private static final Instant MADE = Instant.parse("2026-12-01T12:00:00Z");
  private static final long ENDS = MADE.plus(Duration.ofHours(1)).toEpochMilli();

  @TempDir Path dir;
  private Connection c;

  @BeforeEach
  void schema() throws SQLException {
    c = TestStorage.migratedConnection(dir);
    new UserRepository().insert(c, "bob", "bob", "bob", "hash", new byte[] {1}, 0);
    new ConversationRepository().ensure(c, "#team", 0);
    new GroupRepository().create(c, "#team", "team", 0);
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  private static GroupBanRepository at(Instant now) {
    return new GroupBanRepository(Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aTimedBan_holdsUntilItsEnd_thenIsAbsentToEveryQuery_andSweepingDeletesIt()
      throws SQLException {
    assertThat(at(MADE).add(c, "#team", "bob", "olivia", MADE.toEpochMilli(), "spam", ENDS))
        .isTrue();
    GroupBanRepository before = at(Instant.ofEpochMilli(ENDS - 1));
    GroupBanRepository after = at(Instant.ofEpochMilli(ENDS));

    assertThat(before.isBanned(c, "#team", "bob")).isTrue();
    assertThat(before.page(c, "#team", null, 10))
        .containsExactly(
            new GroupBanRepository.Entry(
                "bob", "bob", "olivia", MADE.toEpochMilli(), "spam", ENDS));
    assertThat(before.add(c, "#team", "bob", "olivia", ENDS - 1, "", null))
        .as("already banned")
        .isFalse();

    assertThat(after.isBanned(c, "#team", "bob")).isFalse();
    assertThat(after.page(c, "#team", null, 10)).isEmpty();
    assertThat(after.deleteExpired(c)).isEqualTo(1);
    assertThat(before.isBanned(c, "#team", "bob")).as("gone once swept").isFalse();
  }

  @Test
  void anEndedBan_isReplacedByANewOne_andCannotBeLifted() throws SQLException {
    at(MADE).add(c, "#team", "bob", "olivia", MADE.toEpochMilli(), "", ENDS);
    GroupBanRepository after = at(Instant.ofEpochMilli(ENDS + 1));

    assertThat(after.remove(c, "#team", "bob")).as("nothing in force to lift").isFalse();
    at(MADE).add(c, "#team", "bob", "olivia", MADE.toEpochMilli(), "", ENDS);
    assertThat(after.add(c, "#team", "bob", "adam", ENDS + 1, "again", null)).isTrue();
    assertThat(after.page(c, "#team", null, 10))
        .containsExactly(
            new GroupBanRepository.Entry("bob", "bob", "adam", ENDS + 1, "again", null));
    assertThat(after.remove(c, "#team", "bob")).isTrue();
  }
}
