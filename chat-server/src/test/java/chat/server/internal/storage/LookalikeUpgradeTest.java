package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.RegisterRequest;
import chat.protocol.Secret;
import chat.server.Relay;
import chat.server.RelayFixture;
import chat.server.TestClient;
import chat.server.internal.auth.PasswordHasher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts that looked alike before schema step 10 both keep working after the upgrade; only new
 * registrations are checked.
 */
class LookalikeUpgradeTest {
  @TempDir Path dataDir;

  @Test
  void accountsThatAlreadyLookedAlike_bothLogIn_andANewLookalikeIsRefused() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    IdentityKeyPair impostor = RelayFixture.identity("aIice");
    String hash = new PasswordHasher(4, RelayFixture.RANDOM).hash(Secret.of(RelayFixture.PASSWORD));
    FilePermissions.ownerOnlyDirectory(dataDir);
    AtRestKeys.loadOrCreate(dataDir); // a relay's data directory holds its keyset with relay.db
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"))) {
      Migrations.migrate(c, 9); // as a relay before step 10 left it
      try (PreparedStatement user =
              c.prepareStatement(
                  "INSERT INTO users (user_key, username, password_hash, bundle, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)");
          Statement s = c.createStatement()) {
        long at = 1;
        for (IdentityKeyPair who : new IdentityKeyPair[] {alice, impostor}) {
          user.setString(1, who.userId().toLowerCase(java.util.Locale.ROOT));
          user.setString(2, who.userId());
          user.setString(3, hash);
          user.setBytes(4, who.bundle().encode());
          user.setLong(5, at++);
          user.executeUpdate();
        }
        s.execute("INSERT INTO conversations (id, created_at) VALUES ('#lobby', 1)");
        s.execute(
            "INSERT INTO members (conversation, user_key, joined_at)"
                + " VALUES ('#lobby', 'alice', 1), ('#lobby', 'aiice', 2)");
      }
    }

    try (Relay relay = RelayFixture.start(dataDir);
        TestClient first = RelayFixture.connect(relay, dataDir);
        TestClient second = RelayFixture.connect(relay, dataDir)) {
      assertThat(RelayFixture.login(first, "alice").username()).isEqualTo("alice");
      assertThat(RelayFixture.login(second, "aIice").username()).isEqualTo("aIice");
      assertThat(
              second
                  .ok(
                      new LoginRequest("again", "AIICE", Secret.of(RelayFixture.PASSWORD)),
                      LoginReply.class)
                  .username())
          .isEqualTo("aIice");

      IdentityKeyPair another = RelayFixture.identity("a1ice");
      ErrorReply refused =
          (ErrorReply)
              first.call(
                  new RegisterRequest(
                      "r",
                      "a1ice",
                      Secret.of(RelayFixture.PASSWORD),
                      Bytes.of(another.bundle().encode())));
      assertThat(refused.code()).isEqualTo(ErrorCode.USERNAME_TAKEN);
      assertThat(refused.message()).contains("too like an existing account's name");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"));
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT group_concat(username || '=' || coalesce(skeleton, 'NULL'), ' ')"
                    + " FROM (SELECT username, skeleton FROM users ORDER BY created_at)")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("alice=alice aIice=NULL");
    }
  }
}
