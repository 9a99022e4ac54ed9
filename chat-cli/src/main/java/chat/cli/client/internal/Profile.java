package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.PrivateFiles;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One user's client directory (mode 0700): {@code identity.key} (the passphrase-sealed private
 * keys), {@code identity.pub}, {@code known_servers} (pinned relay certificates), {@code
 * contacts.json} (pinned contact keys and trust), {@code ignored.json} (users whose messages the
 * interactive client does not show) and {@code state.json} (session token, cursors, accepted
 * message ids). Files are owner-only and written atomically. A key change in progress leaves {@code
 * identity.key.pending} and {@code identity.pub.pending} (see {@link PendingIdentity}).
 */
public record Profile(Path dir) {
  /** Checks for null. */
  public Profile {
    Objects.requireNonNull(dir, "dir");
  }

  /** The encrypted private keys. */
  public Path keyFile() {
    return dir.resolve("identity.key");
  }

  /** The armored public bundle. */
  public Path publicFile() {
    return dir.resolve("identity.pub");
  }

  /** New encrypted private keys, written before the relay is told of them. */
  public Path pendingKeyFile() {
    return dir.resolve("identity.key.pending");
  }

  /** The armored public bundle of {@link #pendingKeyFile}. */
  public Path pendingPublicFile() {
    return dir.resolve("identity.pub.pending");
  }

  /** Pinned relay certificates, one {@code host:port sha256} line each. */
  public Path knownServers() {
    return dir.resolve("known_servers");
  }

  /** Pinned contact keys and their trust state. */
  public Path contacts() {
    return dir.resolve("contacts.json");
  }

  /** The users whose messages the full-screen client and line mode do not show. */
  public Path ignored() {
    return dir.resolve("ignored.json");
  }

  /** Session token, cursors and accepted message ids. */
  public Path state() {
    return dir.resolve("state.json");
  }

  /**
   * The failure for {@code file} of a profile that does not read as what it should hold (a disk
   * fault, a hand edit): it names the file and says to move it away, then {@code after} (empty, or
   * what moving it away costs). Nothing is written over such a file. A file that cannot be read at
   * all ({@code cause} an I/O error) is said so instead, without that advice: moving it would not
   * help.
   */
  static CommandException.FileAccess damaged(Path file, Exception cause, String after) {
    if (cause instanceof IOException io && !(cause instanceof JsonProcessingException)) {
      // not damage: a file that cannot be read (permissions, a folder in its place) is not moved
      return new CommandException.FileAccess("cannot read " + file + ": " + FileIo.reason(io), io);
    }
    return damaged(file, reason(cause), cause, after);
  }

  /** As {@link #damaged(Path, Exception, String)}, saying {@code reason} is what is wrong. */
  static CommandException.FileAccess damaged(
      Path file, String reason, Exception cause, String after) {
    return new CommandException.DamagedFile(
        file + " is damaged (" + reason + "); move it away to start over" + after, cause);
  }

  /**
   * What is wrong with a file, in words and with where it is, never the file's text: a hand edit
   * may have put anything there.
   */
  private static String reason(Exception cause) {
    if (cause instanceof MismatchedInputException empty
        && String.valueOf(empty.getOriginalMessage()).startsWith("No content to map")) {
      return "it is empty, or only white space";
    }
    String where = "";
    if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
      JsonLocation at = json.getLocation();
      where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    // Databind wraps a syntax error met deep in a value (a file cut short) with the path to it.
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof JsonParseException) {
        return "not valid JSON" + where;
      }
    }
    if (cause instanceof JsonProcessingException) {
      return "not what the client writes there" + where;
    }
    if (cause instanceof IllegalArgumentException wrong && wrong.getMessage() != null) {
      return "not what the client writes there: " + wrong.getMessage(); // the client's own words
    }
    return "not what the client writes there";
  }

  /** Creates the directory (0700) if it is missing. */
  public void create() {
    PrivateFiles.createDirectory(dir);
  }
}
