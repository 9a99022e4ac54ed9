package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.ConnectionState;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FileChunkReply;
import chat.protocol.FileDeleteRequest;
import chat.protocol.FileFinishReply;
import chat.protocol.Frame;
import chat.protocol.Reply;
import chat.protocol.SendRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A file that is uploaded but then not offered (a chunk, the finish or the offer's send refused)
 * does not stay on the relay until it expires: the client deletes its upload ({@code file_delete}).
 * A relay that misbehaves on purpose ({@link HostileRelay}) plays each refusal once.
 */
class UnofferedUploadEndToEndTest {
  /** Where the upload is refused. */
  enum Refusal {
    CHUNK,
    FINISH,
    OFFER
  }

  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob");

  @ParameterizedTest
  @EnumSource(Refusal.class)
  void refusedOnce_theUploadIsDeleted_andTheNextSendIsTheOnlyFileLeft(Refusal refusal)
      throws Exception {
    relay.tamper(refuseOnce(refusal));
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      alice.join("#side");
      bob.join("#side");
      Path plan = Files.write(relay.homes().resolve("plan.bin"), new byte[300_000]);

      assertThatThrownBy(() -> alice.sendFile("#side", plan)).isInstanceOf(CommandException.class);
      assertThat(storedFiles()).isZero();

      String sent = alice.sendFile("#side", plan).fileId();
      assertThat(bobEvents.awaitOffer("plan.bin").fileId()).isEqualTo(sent);
      assertThat(storedFiles()).isOne();
    }
  }

  /**
   * The connection is lost as the client sends the delete: the client keeps it in {@code
   * state.json} and sends it once it has reconnected, and the upload is gone from the relay.
   */
  @ParameterizedTest
  @EnumSource(Refusal.class)
  void refusedAndTheDeleteLost_theDeleteIsSentAfterTheReconnect(Refusal refusal) throws Exception {
    Tamper refuse = refuseOnce(refusal);
    AtomicBoolean deleteLost = new AtomicBoolean();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            return refuse.toClient(link, frame);
          }

          @Override
          public List<Frame> toRelay(Link link, Frame frame) {
            if (frame instanceof FileDeleteRequest && !deleteLost.getAndSet(true)) {
              link.close();
              return List.of();
            }
            return refuse.toRelay(link, frame);
          }
        });
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents)) {
      alice.join("#side");
      Path plan = Files.write(relay.homes().resolve("plan.bin"), new byte[300_000]);

      assertThatThrownBy(() -> alice.sendFile("#side", plan)).isInstanceOf(CommandException.class);

      assertThat(deleteLost).isTrue();
      Path state = relay.homes().resolve("alice").resolve("state.json");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> storedFiles() == 0 && !Files.readString(state).contains("pendingDeletes"));
      assertThat(aliceEvents.states).contains(ConnectionState.RECONNECTING);
    }
  }

  /** Refuses the first chunk, finish or offer; later ones pass. */
  private static Tamper refuseOnce(Refusal refusal) {
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    return new Tamper() {
      @Override
      public List<Frame> toClient(Link link, Frame frame) {
        if (frame instanceof FileFinishReply) {
          finished.set(true);
        }
        boolean refuse =
            (refusal == Refusal.CHUNK && frame instanceof FileChunkReply)
                || (refusal == Refusal.FINISH && frame instanceof FileFinishReply);
        if (refuse && !done.getAndSet(true)) {
          return List.of(
              new ErrorReply(((Reply) frame).re(), ErrorCode.NOT_UPLOADER, "refused on purpose"));
        }
        return List.of(frame);
      }

      @Override
      public List<Frame> toRelay(Link link, Frame frame) {
        if (refusal == Refusal.OFFER
            && frame instanceof SendRequest send
            && finished.get()
            && !done.getAndSet(true)) {
          // A conversation the sender is not in: the relay refuses the offer (NOT_MEMBER).
          return List.of(new SendRequest(send.id(), "#elsewhere", send.envelope()));
        }
        return List.of(frame);
      }
    };
  }

  private long storedFiles() throws Exception {
    return storedFiles(relay.dataDir());
  }

  /** How many uploads, finished or not, the relay with data folder {@code dataDir} holds. */
  static long storedFiles(Path dataDir) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"));
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM files")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
