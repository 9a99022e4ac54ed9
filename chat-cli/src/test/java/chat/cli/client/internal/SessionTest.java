package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a session the relay ended on a connection is handled twice, by the reader as the relay
 * says so and by the event thread after the connection closed: only the first forgets.
 */
class SessionTest {
  private static final String SERVER = "localhost:7443";

  @TempDir Path dir;

  /**
   * The reader forgot the ended session and took the newer one another window's password login
   * stored; the event thread, handling the same end, must not forget that one. A later connection
   * the relay ends is another end.
   */
  @Test
  void forgetEndedOn_onceForEachConnection_keepsTheNewerSessionAnotherWindowStored()
      throws Exception {
    Path file = dir.resolve("state.json");
    ClientState state = ClientState.load(file, SERVER);
    state.session(new ClientState.Session("alice", "old-token", 99));
    Session session = new Session(new Profile(dir), state, null, null, null, null);
    ClientState.Session newer = new ClientState.Session("alice", "new-token", 199);
    ClientState.load(file, SERVER).session(newer);

    try (MembersRelay first = new MembersRelay(conversation -> List.of());
        MembersRelay second = new MembersRelay(conversation -> List.of())) {
      assertThat(session.forgetEndedOn(first.connection)).contains(newer);
      assertThat(session.forgetEndedOn(first.connection)).contains(newer);
      assertThat(ClientState.load(file, SERVER).session()).contains(newer);

      assertThat(session.forgetEndedOn(second.connection)).isEmpty();
      assertThat(ClientState.load(file, SERVER).session()).isEmpty();
    }
  }
}
