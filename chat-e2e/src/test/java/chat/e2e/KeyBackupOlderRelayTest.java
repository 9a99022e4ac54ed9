package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.internal.RelayChatClient;
import chat.protocol.Frame;
import chat.protocol.ProtocolVersions;
import chat.protocol.PutKeyBackupRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client against a relay older than the key backup's password (a hello rewritten on the way to
 * offer wire version 3 at most): registering sends the backup without the password, which such a
 * relay would refuse as an unknown field, and the backup is stored: a second device restores the
 * keys from it.
 */
class KeyBackupOlderRelayTest {
  @RegisterExtension static final HostileRelayExtension relay = new HostileRelayExtension();

  @Test
  void register_relayOlderThanThePassword_backupSentWithoutIt_andRestoredElsewhere() {
    List<Frame> sent = new CopyOnWriteArrayList<>();
    relay.tamper(Tampers.olderThan(ProtocolVersions.KEY_BACKUP_PASSWORD, sent));
    try (RelayChatClient first = Clients.oneShot(relay.port(), relay.homes().resolve("first"))) {
      first.register("carol", PASSWORD.clone(), PASSPHRASE.clone());
    }

    assertThat(sent)
        .filteredOn(PutKeyBackupRequest.class::isInstance)
        .singleElement()
        .satisfies(put -> assertThat(((PutKeyBackupRequest) put).password()).isNull());
    try (RelayChatClient second = Clients.oneShot(relay.port(), relay.homes().resolve("second"))) {
      second.login("carol", PASSWORD.clone(), PASSPHRASE.clone());
      assertThat(second.username()).contains("carol");
    }
  }
}
