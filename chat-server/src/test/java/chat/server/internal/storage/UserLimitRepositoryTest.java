package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One user's own room limit: set, replaced, removed, and only for an account that exists. */
class UserLimitRepositoryTest {
  @TempDir Path dir;
  private Connection c;
  private final UserLimitRepository limits = new UserLimitRepository();

  @BeforeEach
  void schema() throws SQLException {
    c = TestStorage.migratedConnection(dir);
    for (String key : new String[] {"ann", "bob"}) {
      new UserRepository().insert(c, key, key, key, "hash", new byte[] {1}, 0);
    }
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  @Test
  void setMaxRooms_replacesThePreviousOne_andClearLeavesTheRelays() throws SQLException {
    assertThat(limits.maxRooms(c, "ann")).isEmpty();

    limits.setMaxRooms(c, "ann", 5);
    limits.setMaxRooms(c, "ann", 7);
    limits.setMaxRooms(c, "bob", 1);

    assertThat(limits.maxRooms(c, "ann")).isEqualTo(OptionalInt.of(7));
    assertThat(limits.maxRoomsOfEach(c)).isEqualTo(Map.of("ann", 7, "bob", 1));
    limits.clearMaxRooms(c, "ann");
    limits.clearMaxRooms(c, "ann");
    assertThat(limits.maxRooms(c, "ann")).isEmpty();
    assertThat(limits.maxRoomsOfEach(c)).isEqualTo(Map.of("bob", 1));
  }

  @Test
  void setMaxRooms_noSuchAccountOrBelowOne_isRefused() {
    assertThatThrownBy(() -> limits.setMaxRooms(c, "nobody", 5)).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> limits.setMaxRooms(c, "ann", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
