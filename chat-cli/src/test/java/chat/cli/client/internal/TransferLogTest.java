package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferLogTest {
  private static final String SERVER = "relay.test:7443";

  @TempDir Path dir;

  private static FileTransfer done(String id) {
    return new FileTransfer(
        id, false, "#team", "bob", "report.pdf", 3, TransferState.DONE, 3, 3, "/d/r.pdf", "", 1);
  }

  @Test
  void kept_andReadBack_anotherRelaysIsNotTaken() {
    Path file = dir.resolve("files.json");
    TransferLog.load(file, SERVER).put(done("a".repeat(32)), true);

    assertThat(TransferLog.load(file, SERVER).get("a".repeat(32))).contains(done("a".repeat(32)));
    assertThat(TransferLog.load(file, "elsewhere:7443").all()).isEmpty();
  }

  /**
   * Logs of one profile saving at once (parallel {@code chat file get} runs, here threads with a
   * log each) keep every entry: without the lock, one read, another wrote, and the first wrote over
   * it.
   */
  @Test
  void savedAtOnceByManyLogs_keepsEveryEntry() throws Exception {
    Path file = dir.resolve("files.json");
    int writers = 6;
    int each = 15;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        runs.add(
            pool.submit(
                () -> {
                  TransferLog log = TransferLog.load(file, SERVER);
                  for (int i = 0; i < each; i++) {
                    log.put(done("%02d%030d".formatted(writer, i)), true);
                  }
                }));
      }
      for (java.util.concurrent.Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(TransferLog.load(file, SERVER).all()).hasSize(writers * each);
  }

  private static FileTransfer downloading(String id) {
    return new FileTransfer(
        id, false, "#team", "bob", "report.pdf", 3, TransferState.DOWNLOADING, 0, 3, "", "", 1);
  }

  /**
   * A download running in one process (here another log of this one, as {@code chat files} beside a
   * {@code chat file get}) reads as running elsewhere, not as cut off.
   */
  @Test
  void running_readWhileItsProcessRuns_isRunningElsewhere_notFailed() {
    Path file = dir.resolve("files.json");
    TransferLog.load(file, SERVER).put(downloading("a".repeat(32)), true);

    FileTransfer read = TransferLog.load(file, SERVER).get("a".repeat(32)).orElseThrow();

    assertThat(read.state()).isEqualTo(TransferState.DOWNLOADING);
    assertThat(read.detail()).isEqualTo(TransferLog.ELSEWHERE);
  }

  /**
   * Saved by a process that has ended since (a crash, a kill) without saying how it ended: cut off.
   * A later save by another process keeps it as the running process's, not as its own.
   */
  @Test
  void running_ofAProcessThatHasEnded_isFailedInterrupted() throws Exception {
    Path file = dir.resolve("files.json");
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long pid = other.pid();
    long started = other.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    assertThat(other.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    Files.writeString(file, downloadingIn(pid, started));

    FileTransfer read = TransferLog.load(file, SERVER).get("a".repeat(32)).orElseThrow();

    assertThat(read.state()).isEqualTo(TransferState.FAILED);
    assertThat(read.detail()).isEqualTo(TransferLog.CUT_OFF);
    // an entry of no process at all (a file written before processes were noted) too
    TransferLog log = TransferLog.load(file, SERVER);
    log.put(downloading("b".repeat(32)), true);
    Files.writeString(file, Files.readString(file).replace("\"running\"", "\"ran\""));
    assertThat(TransferLog.load(file, SERVER).get("b".repeat(32)).orElseThrow().detail())
        .isEqualTo(TransferLog.CUT_OFF);
  }

  /**
   * A transfer read as running in another process that is killed later reads as cut off at the next
   * refresh of a log kept open (a full screen or line mode), not as running until a restart.
   */
  @Test
  void running_elsewhere_whoseProcessIsKilledLater_isCutOffAtTheNextRefresh() throws Exception {
    Path file = dir.resolve("files.json");
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      long started = other.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
      Files.writeString(file, downloadingIn(other.pid(), started));
      TransferLog log = TransferLog.load(file, SERVER);
      assertThat(log.get("a".repeat(32)).orElseThrow().detail()).isEqualTo(TransferLog.ELSEWHERE);

      other.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
      log.refresh();

      FileTransfer read = log.get("a".repeat(32)).orElseThrow();
      assertThat(read.state()).isEqualTo(TransferState.FAILED);
      assertThat(read.detail()).isEqualTo(TransferLog.CUT_OFF);
    } finally {
      other.destroyForcibly();
    }
  }

  /** A files.json with one download, saved as run by process {@code pid} started then. */
  private static String downloadingIn(long pid, long startedMillis) {
    return "{\"server\":\""
        + SERVER
        + "\",\"files\":[{\"fileId\":\""
        + "a".repeat(32)
        + "\",\"outgoing\":false,\"conversation\":\"#team\",\"sender\":\"bob\","
        + "\"name\":\"report.pdf\",\"size\":3,\"state\":\"DOWNLOADING\",\"bytesDone\":0,"
        + "\"bytesTotal\":3,\"savedPath\":\"\",\"detail\":\"\",\"updatedAtMillis\":1}],"
        + "\"running\":{\""
        + "a".repeat(32)
        + "\":{\"pid\":"
        + pid
        + ",\"startedMillis\":"
        + startedMillis
        + "}}}";
  }

  /** Written over, a damaged log would lose what it records without a word. */
  @Test
  void damaged_isRefusedAndLeftAsItIs() throws Exception {
    Path file = dir.resolve("files.json");
    TransferLog.load(file, SERVER).put(done("a".repeat(32)), true);
    String whole = Files.readString(file);
    String cut = whole.substring(0, whole.length() / 2);
    Files.writeString(file, cut);

    assertThatThrownBy(() -> TransferLog.load(file, SERVER))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining("files.json is damaged")
        .hasMessageContaining("move it away");
    assertThat(Files.readString(file)).isEqualTo(cut);
    Files.writeString(file, "{\"server\":\"" + SERVER + "\",\"files\":[null]}");
    assertThatThrownBy(() -> TransferLog.load(file, SERVER))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining(
            "files.json is damaged (not what the client writes there: an empty entry)");
    Files.writeString(file, "{\"server\":\"" + SERVER + "\",\n\"files\":7}");
    assertThatThrownBy(() -> TransferLog.load(file, SERVER))
        .as("a value of another kind: where it is, never the Java exception's name")
        .hasMessageContaining("files.json is damaged (not what the client writes there at line 2")
        .hasMessageNotContaining("Exception");
    Files.writeString(file, " \n");
    assertThatThrownBy(() -> TransferLog.load(file, SERVER))
        .hasMessageContaining("files.json is damaged (it is empty, or only white space)");
  }
}
