package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.protocol.StrictJson;
import chat.protocol.Usernames;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The users whose messages and file offers this profile's full-screen client and line mode do not
 * show, in {@code ignored.json} (0600): their usernames in lowercase. Only those front ends leave
 * them out; the relay still delivers them, the client still accepts them (so they show once the
 * user is no longer ignored), and scripts ({@code chat listen}, {@code chat history}) see
 * everything.
 *
 * <p>Other processes of the profile share the file. A read looks whether it changed since this
 * process last read or wrote it ({@link FileStamp}) and reads it again if so; a file that does not
 * parse any more leaves what was read before. A change reads it again under {@code
 * ignored.json.lock} ({@link ProfileLock}), adds or removes one name and writes it.
 */
final class IgnoredUsers {
  /** Users ignored at most. */
  static final int MAX = 1_000;

  /** Strict, as for frames: a number is not a name. */
  private static final ObjectMapper JSON = StrictJson.reading(JsonMapper.builder()).build();

  /** The file's shape. */
  record IgnoredFile(List<String> ignored) {}

  private final Path file;
  private final ProfileWriter writer;
  private Set<String> users = Set.of();
  private FileStamp stamp;

  IgnoredUsers(Path file, ProfileWriter writer) {
    this.file = file;
    this.writer = writer;
  }

  /** The ignored usernames, lowercase. */
  synchronized Set<String> current() {
    Optional<FileStamp> now = FileStamp.of(file);
    if (now.isPresent() && !now.get().sameAs(stamp)) {
      try {
        users = read();
        stamp = now.get();
      } catch (CommandException.FileAccess e) {
        // Damaged: what was read before stays; the log-in, a listing or a change says so.
      }
    }
    return users;
  }

  /**
   * The ignored usernames as the file holds them now, for listing them.
   *
   * @throws CommandException.FileAccess if the file is damaged (its users' messages are shown
   *     meanwhile, as {@link #current} keeps only what it read before)
   */
  synchronized Set<String> checked() {
    users = read();
    stamp = FileStamp.of(file).orElse(null);
    return users;
  }

  /**
   * Ignores {@code username} ({@code ignore}) or no longer does; returns whether that changed
   * anything.
   *
   * @throws CommandException.Usage past {@link #MAX} users
   * @throws CommandException.FileAccess if the file is damaged or cannot be written
   */
  synchronized boolean change(String username, boolean ignore) {
    String key = Usernames.key(username);
    try {
      return ProfileLock.holding(
          file,
          () -> {
            Set<String> now = new TreeSet<>(read());
            boolean changed = ignore ? now.add(key) : now.remove(key);
            if (now.size() > MAX) {
              throw new CommandException.Usage(
                  "you ignore " + MAX + " users already: /unignore one first");
            }
            if (changed) {
              writer.write(file, JSON.writeValueAsBytes(new IgnoredFile(List.copyOf(now))));
            }
            users = Set.copyOf(now);
            stamp = FileStamp.of(file).orElse(null);
            return changed;
          });
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot write " + file + ": " + FileIo.reason(e), e);
    }
  }

  /**
   * The names in the file (none if it does not exist).
   *
   * @throws CommandException.FileAccess if it cannot be read or parsed
   */
  private Set<String> read() {
    try {
      IgnoredFile stored = JSON.readValue(Files.readAllBytes(file), IgnoredFile.class);
      if (stored.ignored() == null) {
        throw new IllegalArgumentException("no list of users");
      }
      Set<String> names = new TreeSet<>();
      for (String name : stored.ignored()) {
        // Not a name the client writes: a hand edit, and the user it meant would be shown.
        if (name == null || !Usernames.isValid(name)) {
          throw new IllegalArgumentException("not a username");
        }
        if (names.size() < MAX) {
          names.add(Usernames.key(name));
        }
      }
      return Set.copyOf(names);
    } catch (NoSuchFileException e) {
      return Set.of();
    } catch (IOException | RuntimeException e) {
      throw Profile.damaged(file, e, "");
    }
  }
}
