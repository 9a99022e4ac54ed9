package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AuditRepository#find} of one user: their own events and the group actions others took on
 * them, in any case of the name; never another user's whose name is like theirs.
 */
class AuditRepositoryTest {
  @TempDir Path dir;

  private Connection migrated() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
    Migrations.migrate(c);
    return c;
  }

  private static List<String> details(Connection c, AuditQuery query) throws SQLException {
    return new AuditRepository().find(c, query).stream().map(AuditEvent::detail).toList();
  }

  private static AuditEvent admin(long at, String actor, String detail) {
    return new AuditEvent(at, AuditType.ADMIN, actor, "127.0.0.1", "c1", detail);
  }

  @Test
  void find_ofAUser_alsoGivesTheGroupActionsOnThem() throws Exception {
    try (Connection c = migrated()) {
      new AuditRepository()
          .insertAll(
              c,
              List.of(
                  new AuditEvent(1, AuditType.LOGIN, "Carol", "127.0.0.1", "c1", ""),
                  admin(2, "mod", "kick CAROL in #team"),
                  admin(3, "mod", "ban carol_x in #team"),
                  admin(4, "mod", "ban carolx in #team"),
                  admin(5, "mod", "renamed group #carol to \"carol in #team\""),
                  admin(6, "mod", "kick c_rol in #club"),
                  admin(7, "carol", "created group #club")));

      List<String> carol =
          details(c, new AuditQuery(Optional.of("carol"), 0, Optional.empty(), 100));
      List<String> underscore =
          details(c, new AuditQuery(Optional.of("c_rol"), 0, Optional.empty(), 100));

      assertThat(carol).containsExactly("", "kick CAROL in #team", "created group #club");
      assertThat(underscore).containsExactly("kick c_rol in #club");
    }
  }

  /**
   * After the clock was set back (a step of NTP, a relay restarted under another time), the events
   * recorded since carry earlier times than those before: the newest are still the ones recorded
   * last, and come last.
   */
  @Test
  void find_afterTheClockWasSetBack_theEventsRecordedLastAreTheNewest() throws Exception {
    try (Connection c = migrated()) {
      new AuditRepository()
          .insertAll(
              c,
              List.of(
                  admin(10_000, "ops", "before 1"),
                  admin(11_000, "ops", "before 2"),
                  admin(7_000, "ops", "after the clock went back 1"),
                  admin(8_000, "ops", "after the clock went back 2")));

      List<String> newest = details(c, new AuditQuery(Optional.empty(), 0, Optional.empty(), 3));

      assertThat(newest)
          .containsExactly(
              "before 2", "after the clock went back 1", "after the clock went back 2");
    }
  }
}
