package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ErrorCode;
import chat.protocol.FileDeleteRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deletes of unoffered uploads: sent at once over a connection that is up, else kept in {@code
 * state.json} and sent at the next login, resume or reconnect.
 */
class PendingDeletesTest {
  private static final String SERVER = "relay:7443";

  @TempDir Path dir;
  private final FakeFileRelay relay = new FakeFileRelay(1024, "alice");

  private Path stateFile() {
    return dir.resolve("state.json");
  }

  private ClientState state() {
    return ClientState.load(stateFile(), SERVER);
  }

  /** An upload on the fake relay. */
  private String upload() {
    String fileId = Transfers.newFileId();
    relay.put(fileId, Transfers.CONVERSATION, new byte[10]);
    return fileId;
  }

  @Test
  void discard_online_deletesAtOnce_andKeepsNothing() {
    ClientState state = state();
    String fileId = upload();

    new PendingDeletes(state).discard(Optional.of(relay), fileId);

    assertThat(relay.files).isEmpty();
    assertThat(state.pendingDeletes()).isEmpty();
  }

  @Test
  void discard_offline_keepsTheDeleteInStateJson_andTheNextLoginSendsIt() {
    String fileId = upload();
    new PendingDeletes(state()).discard(Optional.empty(), fileId);
    assertThat(relay.files).containsKey(fileId);

    ClientState afterRestart = state();
    assertThat(afterRestart.pendingDeletes()).containsExactly(fileId);
    new PendingDeletes(afterRestart).sendPending(relay);

    assertThat(relay.files).isEmpty();
    assertThat(afterRestart.pendingDeletes()).isEmpty();
    assertThat(state().pendingDeletes()).as("saved").isEmpty();
  }

  @Test
  void discard_connectionLostWhileDeleting_keepsIt() {
    String fileId = upload();
    relay.loseNext(FakeFileRelay.Loss.BEFORE);

    new PendingDeletes(state()).discard(Optional.of(relay), fileId);

    assertThat(state().pendingDeletes()).containsExactly(fileId);
  }

  @Test
  void discard_relayBusy_keepsIt_butARefusalForGoodIsNotKept() {
    String busy = upload();
    relay.refuseNext(FileDeleteRequest.class, ErrorCode.RATE_LIMITED);
    ClientState state = state();

    new PendingDeletes(state).discard(Optional.of(relay), busy);
    new PendingDeletes(state).discard(Optional.of(relay), Transfers.newFileId()); // NO_SUCH_FILE

    assertThat(state.pendingDeletes()).containsExactly(busy);
  }

  @Test
  void sendPending_connectionLostMidway_keepsTheUnsentOnesForNextTime() {
    ClientState state = state();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(upload());
      new PendingDeletes(state).discard(Optional.empty(), ids.get(i));
    }
    relay.loseAt(2, FakeFileRelay.Loss.BEFORE);

    new PendingDeletes(state).sendPending(relay);

    assertThat(relay.files).doesNotContainKey(ids.get(0)).containsKeys(ids.get(1), ids.get(2));
    assertThat(state().pendingDeletes()).containsExactly(ids.get(1), ids.get(2));

    new PendingDeletes(state).sendPending(relay);
    assertThat(relay.files).isEmpty();
    assertThat(state().pendingDeletes()).isEmpty();
  }

  @Test
  void sendPending_uploadAlreadyGone_forgetsTheDelete() {
    ClientState state = state();
    new PendingDeletes(state).discard(Optional.empty(), Transfers.newFileId());

    new PendingDeletes(state).sendPending(relay);

    assertThat(state.pendingDeletes()).isEmpty();
  }

  @Test
  void discard_moreThanTheLimitOffline_forgetsTheOldest() {
    ClientState state = state();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i <= ClientState.MAX_PENDING_DELETES; i++) {
      ids.add(Transfers.newFileId());
      new PendingDeletes(state).discard(Optional.empty(), ids.get(i));
    }

    List<String> kept = state().pendingDeletes();
    assertThat(kept).hasSize(ClientState.MAX_PENDING_DELETES);
    assertThat(kept).doesNotContain(ids.get(0)).startsWith(ids.get(1)).endsWith(ids.get(100));
  }
}
