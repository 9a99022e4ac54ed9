package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.PrivateFiles;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this machine did with shared files on one relay, in {@code files.json} (0600): per file id,
 * the direction, name, size, state and where a download was saved. Never a file key: a download is
 * resumed with the key from the offer's envelope, which the relay still holds. Saved merged with
 * what another process on the same profile wrote, the newer entry winning.
 *
 * <p>A transfer that is running is saved with the process that runs it (its id and start time). A
 * reader tells by that process whether it runs still: then it is listed as running {@value
 * #ELSEWHERE}; else it was cut off (a crash, a kill) and reads as failed, {@value #CUT_OFF}.
 */
final class TransferLog {
  /** Entries remembered; the oldest are forgotten first. */
  static final int MAX_ENTRIES = 1000;

  /** The detail of a transfer that runs in another process now. */
  static final String ELSEWHERE = "in another chat process";

  /** The failure detail of a transfer whose process ended before it did. */
  static final String CUT_OFF = "interrupted";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * The file's shape.
   *
   * @param running the process that runs each transfer saved as running, by file id; null (left
   *     out) when none runs
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LogFile(String server, List<FileTransfer> files, Map<String, Runner> running) {}

  /**
   * A process, as it can be told apart from a later one given the same id.
   *
   * @param pid its process id
   * @param startedMillis when it started, or 0 where the system does not say
   */
  record Runner(long pid, long startedMillis) {
    /** This process. */
    static Runner current() {
      ProcessHandle self = ProcessHandle.current();
      return new Runner(self.pid(), startedMillis(self));
    }

    private static long startedMillis(ProcessHandle process) {
      return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Whether this process runs still: one of its id that started at another time is not it. */
    boolean alive() {
      Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      return process.isPresent()
          && (startedMillis == 0
              || startedMillis(process.get()) == 0
              || startedMillis(process.get()) == startedMillis);
    }
  }

  private final Path file;
  private final String server;
  private final Runner self = Runner.current();
  private final Map<String, FileTransfer> entries = new LinkedHashMap<>();

  /** The transfers that other processes run, as read: saved as theirs, not as this one's. */
  private final Map<String, Runner> elsewhere = new HashMap<>();

  private TransferLog(Path file, String server) {
    this.file = file;
    this.server = server;
  }

  /**
   * The log for {@code server} in {@code file}; empty if absent or another relay's.
   *
   * @throws CommandException.FileAccess if it is damaged: written over, it would lose what it
   *     records silently (downloads done would show as offered again)
   */
  static TransferLog load(Path file, String server) {
    TransferLog log = new TransferLog(file, server);
    log.read().forEach(log::takeIn);
    return log;
  }

  /**
   * An entry as saved, a running one as it stands now: running {@link #ELSEWHERE} while the process
   * that saved it runs ({@code runner}), else failed, {@link #CUT_OFF}.
   */
  private record Stored(FileTransfer entry, Runner runner) {}

  private List<Stored> read() {
    List<Stored> out = new ArrayList<>();
    LogFile stored = readFile();
    if (stored == null) {
      return out;
    }
    Map<String, Runner> running = stored.running() == null ? Map.of() : stored.running();
    for (FileTransfer entry : stored.files()) {
      Runner runner = running.get(entry.fileId());
      if (!entry.active()) {
        out.add(new Stored(entry, null));
      } else if (runner != null && (runner.equals(self) || runner.alive())) {
        out.add(new Stored(detailed(entry, entry.state(), ELSEWHERE), runner));
      } else {
        out.add(new Stored(detailed(entry, TransferState.FAILED, CUT_OFF), null));
      }
    }
    return out;
  }

  private static FileTransfer detailed(FileTransfer entry, TransferState state, String detail) {
    return entry.with(
        state, entry.bytesDone(), entry.bytesTotal(), "", detail, entry.updatedAtMillis());
  }

  /** Takes in {@code stored}, read from the file, in place of what this log held of it. */
  private void takeIn(Stored stored) {
    entries.put(stored.entry().fileId(), stored.entry());
    if (stored.runner() == null) {
      elsewhere.remove(stored.entry().fileId());
    } else {
      elsewhere.put(stored.entry().fileId(), stored.runner());
    }
  }

  private LogFile readFile() {
    try {
      LogFile stored = JSON.readValue(Files.readAllBytes(file), LogFile.class);
      if (server.equalsIgnoreCase(stored.server()) && stored.files() != null) {
        if (stored.files().contains(null)) {
          throw new IllegalArgumentException("an empty entry");
        }
        return stored;
      }
    } catch (NoSuchFileException e) {
      // no transfers yet
    } catch (IOException | RuntimeException e) {
      throw Profile.damaged(
          file,
          e,
          " (it only records the file transfers of this profile: files saved stay where they"
              + " are)");
    }
    return null;
  }

  /** The entry for {@code fileId}, if any. */
  synchronized Optional<FileTransfer> get(String fileId) {
    return Optional.ofNullable(entries.get(fileId));
  }

  /**
   * The entry whose id starts with {@code prefix} (lowercase), if one does.
   *
   * @throws CommandException.FileIdRefused if several do, as {@link OfferBook#find} refuses
   */
  synchronized Optional<FileTransfer> startingWith(String prefix) {
    List<FileTransfer> matches =
        entries.values().stream().filter(e -> e.fileId().startsWith(prefix)).limit(2).toList();
    if (matches.size() > 1) {
      throw OfferBook.several(prefix);
    }
    return matches.stream().findFirst();
  }

  /** Every entry, newest first. */
  synchronized List<FileTransfer> all() {
    List<FileTransfer> out = new ArrayList<>(entries.values());
    out.sort(Comparator.comparingLong(FileTransfer::updatedAtMillis).reversed());
    return out;
  }

  /** Records {@code transfer}; with {@code persist}, writes the file (progress updates do not). */
  synchronized void put(FileTransfer transfer, boolean persist) {
    entries.remove(transfer.fileId());
    entries.put(transfer.fileId(), transfer);
    elsewhere.remove(transfer.fileId()); // this process's doing now
    while (entries.size() > MAX_ENTRIES) {
      entries.remove(entries.keySet().iterator().next());
    }
    if (persist) {
      save();
    }
  }

  /**
   * Takes in what another process on the same profile recorded since, the newer entry winning; and
   * a transfer read as running elsewhere whose process has ended since without a word (a crash, a
   * kill) as cut off, which no newer entry would ever say.
   */
  synchronized void refresh() {
    for (Stored other : read()) {
      String id = other.entry().fileId();
      FileTransfer mine = entries.get(id);
      boolean endedElsewhere = elsewhere.containsKey(id) && other.runner() == null;
      if (mine == null
          || other.entry().updatedAtMillis() > mine.updatedAtMillis()
          || endedElsewhere) {
        takeIn(other);
      }
    }
  }

  /**
   * Writes the file, merged with what other processes of the profile wrote since, under the file's
   * lock: two processes saving at once would each write over what the other just wrote (a download
   * done read as offered again, or as cut off).
   */
  private void save() {
    try {
      ProfileLock.holding(
          file,
          () -> {
            refresh();
            write();
            return null;
          });
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot write " + file + ": " + FileIo.reason(e), e);
    }
  }

  private void write() throws IOException {
    List<FileTransfer> out = new ArrayList<>();
    Map<String, Runner> running = new HashMap<>();
    for (FileTransfer entry : all()) {
      if (entry.active()) {
        // saved with who runs it, so that a reader can tell it from one cut off by a crash
        running.put(entry.fileId(), elsewhere.getOrDefault(entry.fileId(), self));
        out.add(detailed(entry, entry.state(), ""));
      } else {
        out.add(entry);
      }
    }
    PrivateFiles.write(
        file, JSON.writeValueAsBytes(new LogFile(server, out, running.isEmpty() ? null : running)));
  }
}
