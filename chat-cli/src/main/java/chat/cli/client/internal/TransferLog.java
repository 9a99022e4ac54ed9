package chat.cli.client.internal;

import chat.cli.CommandException;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this machine did with shared files on one relay, in {@code files.json} (0600): per file id,
 * the direction, name, size, state and where a download was saved. Never a file key: a download is
 * resumed with the key from the offer's envelope, which the relay still holds. Saved merged with
 * what another process on the same profile wrote, the newer entry winning.
 */
final class TransferLog {
  /** Entries remembered; the oldest are forgotten first. */
  static final int MAX_ENTRIES = 1000;

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The file's shape. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LogFile(String server, List<FileTransfer> files) {}

  private final Path file;
  private final String server;
  private final Map<String, FileTransfer> entries = new LinkedHashMap<>();

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
    log.read().forEach(t -> log.entries.put(t.fileId(), t));
    return log;
  }

  private List<FileTransfer> read() {
    try {
      LogFile stored = JSON.readValue(Files.readAllBytes(file), LogFile.class);
      if (server.equalsIgnoreCase(stored.server()) && stored.files() != null) {
        if (stored.files().contains(null)) {
          throw new IllegalArgumentException("an empty entry");
        }
        return stored.files();
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
    return List.of();
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
    while (entries.size() > MAX_ENTRIES) {
      entries.remove(entries.keySet().iterator().next());
    }
    if (persist) {
      save();
    }
  }

  /** Takes in what another process on the same profile recorded since, the newer entry winning. */
  synchronized void refresh() {
    for (FileTransfer other : read()) {
      FileTransfer mine = entries.get(other.fileId());
      if (mine == null || other.updatedAtMillis() > mine.updatedAtMillis()) {
        entries.put(other.fileId(), other);
      }
    }
  }

  private void save() {
    refresh();
    List<FileTransfer> out = new ArrayList<>();
    for (FileTransfer entry : all()) {
      // A transfer cut off by a crash is not running any more.
      out.add(
          entry.active()
              ? entry.with(
                  TransferState.FAILED,
                  entry.bytesDone(),
                  entry.bytesTotal(),
                  "",
                  "interrupted",
                  entry.updatedAtMillis())
              : entry);
    }
    try {
      PrivateFiles.write(file, JSON.writeValueAsBytes(new LogFile(server, out)));
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot write " + file, e);
    }
  }
}
