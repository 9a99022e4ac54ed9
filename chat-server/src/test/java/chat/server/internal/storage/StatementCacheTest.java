package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
  @TempDir Path dir;

  private Connection raw;
  private Connection cached;

  @BeforeEach
  void open() throws SQLException {
    raw = connect();
    try (Statement s = raw.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)");
      s.execute("INSERT INTO t VALUES (1), (2)");
    }
    cached = StatementCache.wrap(connect());
  }

  @AfterEach
  void close() throws SQLException {
    cached.close();
    raw.close();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
  }

  private static PreparedStatement real(PreparedStatement leased) throws SQLException {
    return leased.unwrap(PreparedStatement.class);
  }

  private static final String INSERT = "INSERT INTO t VALUES (?)";

  private static void insert(Connection c, long x) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setLong(1, x);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  private static long count(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM t");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void prepareStatement_theSameSqlAfterAClose_reusesTheCompiledStatement() throws SQLException {
    PreparedStatement first;
    try (PreparedStatement s = cached.prepareStatement("SELECT x FROM t WHERE x = ?")) {
      first = real(s);
    }
    try (PreparedStatement s = cached.prepareStatement("SELECT x FROM t WHERE x = ?")) {
      assertThat(real(s)).isSameAs(first);
      s.setLong(1, 2);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        assertThat(r.getLong(1)).isEqualTo(2);
      }
    }
    assertThat(first.isClosed()).isFalse();
    assertThat(StatementCache.idleCount(cached)).isEqualTo(1);
  }

  @Test
  void close_clearsTheParameters_soTheNextUseDoesNotSeeTheLastOnesValues() throws SQLException {
    try (PreparedStatement s = cached.prepareStatement("SELECT ?")) {
      s.setString(1, "secret of the last use");
      try (ResultSet r = s.executeQuery()) {
        r.next();
      }
    }
    try (PreparedStatement s = cached.prepareStatement("SELECT ?");
        ResultSet r = s.executeQuery()) {
      r.next();
      assertThat(r.getString(1)).isNull(); // SQLite binds NULL to a parameter left unset
    }
  }

  @Test
  void close_ofAQueryLeftOnARow_resetsIt_soTheConnectionReadsLaterCommits() throws SQLException {
    PreparedStatement leased = cached.prepareStatement("SELECT x FROM t ORDER BY x");
    ResultSet rows = leased.executeQuery();
    assertThat(rows.next()).isTrue(); // on the first of two rows: the read snapshot is held
    leased.close(); // the result set is never closed by the caller
    try (Statement s = raw.createStatement()) {
      s.execute("INSERT INTO t VALUES (3)");
      // and nothing keeps the WAL from being copied back in full
      try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
        r.next();
        assertThat(r.getInt(1)).as("checkpoint busy").isZero();
      }
    }
    assertThat(count(cached)).isEqualTo(3);
    assertThat(StatementCache.idleCount(cached)).isEqualTo(2);
  }

  @Test
  void aNestedUseOfTheSameSql_getsAStatementOfItsOwn_andOneIsKept_theOtherClosed()
      throws SQLException {
    String sql = "SELECT x FROM t ORDER BY x";
    PreparedStatement outerReal;
    PreparedStatement innerReal;
    try (PreparedStatement outer = cached.prepareStatement(sql);
        ResultSet outerRows = outer.executeQuery()) {
      outerReal = real(outer);
      assertThat(outerRows.next()).isTrue();
      try (PreparedStatement inner = cached.prepareStatement(sql)) {
        innerReal = real(inner);
        assertThat(innerReal).isNotSameAs(outerReal);
        try (ResultSet innerRows = inner.executeQuery()) {
          assertThat(innerRows.next()).isTrue();
          assertThat(innerRows.getLong(1)).isEqualTo(1);
        }
      }
      assertThat(outerRows.next()).isTrue();
      assertThat(outerRows.getLong(1)).isEqualTo(2);
    }
    assertThat(StatementCache.idleCount(cached)).isEqualTo(1);
    assertThat(outerReal.isClosed() != innerReal.isClosed()).as("exactly one closed").isTrue();
  }

  @Test
  void aSettingOfTheStatementsOwn_doesNotCarryOverToTheNextUse() throws SQLException {
    String sql = "SELECT x FROM t ORDER BY x";
    try (PreparedStatement s = cached.prepareStatement(sql)) {
      s.setMaxRows(1);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        assertThat(r.next()).isFalse();
      }
    }
    int rows = 0;
    try (PreparedStatement s = cached.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows++;
      }
    }
    assertThat(rows).as("rows of a use that set no limit").isEqualTo(2);
  }

  @Test
  void aKeptStatement_outlivesARollbackAndASavepointsRollback() throws SQLException {
    cached.setAutoCommit(false);
    insert(cached, 10);
    cached.rollback();
    try (Statement savepoints = cached.createStatement()) {
      savepoints.execute("SAVEPOINT w");
      insert(cached, 11);
      savepoints.execute("ROLLBACK TO w");
      savepoints.execute("RELEASE w");
      insert(cached, 12);
    }
    cached.commit();
    cached.setAutoCommit(true);
    assertThat(count(raw)).isEqualTo(3); // 1, 2 and 12
    assertThat(StatementCache.idleCount(cached)).isEqualTo(1);
  }

  @Test
  void aUseThatFailed_closesTheStatement() throws SQLException {
    PreparedStatement failed;
    try (PreparedStatement s = cached.prepareStatement(INSERT)) {
      failed = real(s);
      s.setLong(1, 1);
      assertThatThrownBy(s::executeUpdate).isInstanceOf(SQLException.class);
    }
    assertThat(failed.isClosed()).isTrue();
    assertThat(StatementCache.idleCount(cached)).isZero();
    insert(cached, 4);
    assertThat(StatementCache.idleCount(cached)).isEqualTo(1);
  }

  @Test
  void aStatementRunByExecute_isClosedAtTheEnd() throws SQLException {
    PreparedStatement used;
    try (PreparedStatement s = cached.prepareStatement("SELECT x FROM t")) {
      used = real(s);
      assertThat(s.execute()).isTrue();
    }
    assertThat(used.isClosed()).isTrue();
    assertThat(StatementCache.idleCount(cached)).isZero();
    assertThat(count(cached)).isEqualTo(2);
  }

  @Test
  void aClosedLease_refusesToBeUsed_andMayBeClosedAgain() throws SQLException {
    PreparedStatement s = cached.prepareStatement("SELECT ?");
    s.close();
    assertThat(s.isClosed()).isTrue();
    assertThatThrownBy(() -> s.setLong(1, 1)).isInstanceOf(SQLException.class);
    s.close();
    assertThat(StatementCache.idleCount(cached)).isEqualTo(1);
  }

  @Test
  void pastItsCapacity_theLeastRecentlyUsedIsClosed() throws SQLException {
    List<PreparedStatement> reals = new ArrayList<>();
    for (int i = 0; i <= StatementCache.CAPACITY; i++) {
      try (PreparedStatement s = cached.prepareStatement("SELECT " + i)) {
        reals.add(real(s));
      }
      if (i == 1) {
        // the first used again after the second, so the least recently used is the second
        try (PreparedStatement s = cached.prepareStatement("SELECT 0")) {
          assertThat(real(s)).isSameAs(reals.get(0));
        }
      }
    }
    assertThat(StatementCache.idleCount(cached)).isEqualTo(StatementCache.CAPACITY);
    assertThat(reals.get(1).isClosed()).isTrue();
    assertThat(reals.get(0).isClosed()).isFalse();
    assertThat(reals.get(StatementCache.CAPACITY).isClosed()).isFalse();
  }

  @Test
  void closingTheConnection_closesTheKeptStatements() throws SQLException {
    PreparedStatement kept;
    try (PreparedStatement s = cached.prepareStatement("SELECT 1")) {
      kept = real(s);
    }
    cached.close();
    assertThat(kept.isClosed()).isTrue();
    assertThat(StatementCache.idleCount(cached)).isZero();
  }
}
