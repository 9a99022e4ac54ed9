package chat.server.internal.cli;

import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A data directory whose {@code relay.db}, at this build's schema, holds accounts, rooms and
 * members written by the relay's own repositories, committed in one transaction on {@link
 * #close()}.
 */
final class UserRows implements AutoCloseable {
  private final Connection connection;
  private final UserRepository users = new UserRepository();
  private final ConversationRepository conversations = new ConversationRepository();
  private final MemberRepository members = new MemberRepository();

  private UserRows(Connection connection) {
    this.connection = connection;
  }

  /** Creates {@code relay.db} in {@code dataDir} as a relay's first start does, and opens it. */
  static UserRows in(Path dataDir) throws SQLException {
    Database.open(dataDir).close();
    Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
    connection.setAutoCommit(false);
    return new UserRows(connection);
  }

  /** Registers {@code username}. */
  UserRows user(String username) throws SQLException {
    String key = username.toLowerCase(Locale.ROOT);
    users.insert(connection, key, username, key, "hash", new byte[] {1}, 1);
    return this;
  }

  /** Room {@code id}, created by {@code creator} (a key, or null for none), with {@code joined}. */
  UserRows room(String id, String creator, String... joined) throws SQLException {
    if (creator == null) {
      conversations.ensure(connection, id, 1);
    } else {
      conversations.create(connection, id, creator, 1);
    }
    for (String key : joined) {
      members.add(connection, id, key, 1);
    }
    return this;
  }

  /** {@code key} closes the direct conversation {@code id} ({@code chat leave @bob}). */
  UserRows close(String id, String key) throws SQLException {
    members.close(connection, id, key, 2);
    return this;
  }

  /** {@code count} rooms {@code #<prefix>-<n>} that {@code key} created and is alone in. */
  UserRows rooms(String key, String prefix, int count) throws SQLException {
    for (int i = 0; i < count; i++) {
      room("#" + prefix + "-" + i, key, key);
    }
    return this;
  }

  /** Runs {@code sql} as it is, for a change no repository makes (an older schema version). */
  UserRows execute(String sql) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    }
    return this;
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.commit();
    } finally {
      connection.close();
    }
  }
}
