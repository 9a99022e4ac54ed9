package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dataDir;

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA " + name)) {
      r.next();
      return r.getString(1);
    }
  }

  private static String pragma(Database database, String name) throws SQLException {
    SqlFunction<String> read = c -> pragma(c, name);
    return database.read(read);
  }

  @Test
  void aNewDatabase_has64KiBPages_inWalMode() throws Exception {
    try (Database database = Database.open(dataDir)) {
      assertThat(pragma(database, "page_size")).isEqualTo(Integer.toString(Database.PAGE_BYTES));
      assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
    }
  }

  @Test
  void theWriter_checkpointsItselfOnlyAsTheBackstop_andKeepsStatementJournalsInMemory()
      throws Exception {
    try (Database database = Database.open(dataDir)) {
      assertThat(pragma(database.writer(), "wal_autocheckpoint"))
          .isEqualTo(Integer.toString(Checkpointer.BACKSTOP_FRAMES));
      assertThat(pragma(database.writer(), "temp_store")).isEqualTo("2"); // MEMORY
    }
  }

  @Test
  void anExistingDatabase_keepsItsPageSize_andIsMigrated() throws Exception {
    Path file = dataDir.resolve("relay.db");
    try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = old.createStatement()) {
        s.execute("PRAGMA page_size = 4096");
        s.execute("PRAGMA journal_mode = WAL");
      }
      Migrations.migrate(old, 5);
    }
    try (Database database = Database.open(dataDir)) {
      assertThat(pragma(database, "page_size")).isEqualTo("4096");
      assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(database, "integrity_check")).isEqualTo("ok");
      try (Connection c = Database.openReadOnly(dataDir);
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT max(version) FROM schema_version")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(Migrations.latestVersion());
      }
    }
  }

  @Test
  void aDatabaseFromANewerBuild_isRefused_andLeftClosed() throws Exception {
    assumeTrue(OpenFiles.listed(), "needs /proc/self/fd");
    Path file = dataDir.resolve("relay.db");
    try (Database database = Database.open(dataDir)) {
      database.read(
          c -> {
            try (Statement s = c.createStatement()) {
              return s.executeUpdate("INSERT INTO schema_version (version) VALUES (" + 1000 + ")");
            }
          });
    }
    assertThat(OpenFiles.count(file)).isZero();

    assertThatThrownBy(() -> Database.open(dataDir))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("newer than this build");
    assertThat(OpenFiles.count(file)).as("connections left open").isZero();
  }
}
