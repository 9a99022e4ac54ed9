package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invitations last {@link GroupInviteRepository#LIFETIME} from when they were made or renewed. */
class GroupInviteRepositoryTest {
  private static final Instant MADE = Instant.parse("2026-11-01T12:00:00Z");
  private static final Instant EXPIRED = MADE.plus(GroupInviteRepository.LIFETIME).plusSeconds(1);

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

  private static GroupInviteRepository at(Instant now) {
    return new GroupInviteRepository(Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void anInvitationOlderThanItsLifetime_isAbsentToEveryQuery_andDeletedBySweeping()
      throws SQLException {
    assertThat(at(MADE).add(c, "#team", "bob", "olivia", MADE.toEpochMilli())).isTrue();
    GroupInviteRepository later = at(EXPIRED);

    assertThat(later.isInvited(c, "#team", "bob")).isFalse();
    assertThat(later.count(c, "#team")).isZero();
    assertThat(later.invitationsOf(c, "bob")).isEmpty();
    assertThat(later.invitees(c, "#team")).isEmpty();
    assertThat(at(MADE).isInvited(c, "#team", "bob")).as("still there until swept").isTrue();
    assertThat(later.deleteExpired(c)).isEqualTo(1);
    assertThat(at(MADE).isInvited(c, "#team", "bob")).isFalse();
  }

  @Test
  void renewingAnExpiredInvitation_makesItNewAgain() throws SQLException {
    at(MADE).add(c, "#team", "bob", "olivia", MADE.toEpochMilli());
    GroupInviteRepository later = at(EXPIRED);

    assertThat(later.add(c, "#team", "bob", "olivia", EXPIRED.toEpochMilli())).isTrue();
    assertThat(later.isInvited(c, "#team", "bob")).isTrue();
    assertThat(later.remove(c, "#team", "bob")).isTrue();
  }
}
