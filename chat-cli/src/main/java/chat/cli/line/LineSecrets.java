package chat.cli.line;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.command.GivenSecrets;
import chat.cli.command.HiddenPrompt;
import chat.cli.command.SecretKind;
import java.io.IOError;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;

/**
 * Line mode's secrets: the ones the options give, else one read on a masked prompt of the line
 * reader while the command threads leave the keys to it.
 */
final class LineSecrets {
  private final GivenSecrets given;
  private final TerminalEcho echo;
  private final boolean dumb;
  private final LineModeReader reader;
  private final CommandThreads commands;

  LineSecrets(
      GivenSecrets given,
      TerminalEcho echo,
      boolean dumb,
      LineModeReader reader,
      CommandThreads commands) {
    this.given = given;
    this.echo = echo;
    this.dumb = dumb;
    this.reader = reader;
    this.commands = commands;
  }

  /** The secret the options give for {@code kind}, if they give one. */
  Optional<char[]> given(SecretKind kind) {
    return given.secret(kind);
  }

  /** Where the options' secret for {@code kind} came from, if they give one. */
  Optional<String> source(SecretKind kind) {
    return given.source(kind);
  }

  /**
   * The secret the options give for {@code kind}, else one read on a prompt that says the input is
   * hidden ({@link HiddenPrompt}) and shows nothing per typed character, not even a {@code *} that
   * would give its length away (with the terminal's echo off on a dumb terminal where the options
   * can turn it off, else under JLine's empty mask). Must be called while no line is being read, as
   * from a command on the REPL thread. JLine hands the answer over as a {@link String}, which
   * cannot be zeroed; the returned array can.
   */
  char[] read(SecretKind kind, String prompt) {
    Optional<char[]> secret = given.secret(kind);
    if (secret.isPresent()) {
      return secret.get();
    }
    String what = kind.noun();
    if (reader.isReading()) {
      throw new CommandException.Auth("cannot ask for the " + what + " now: try again", null);
    }
    commands.pauseKeys(reader); // the prompt reads the terminal now
    try {
      String shown = HiddenPrompt.of(TerminalSafe.line(prompt));
      if (dumb && echo.off()) {
        try {
          return reader.readHidden(shown);
        } finally {
          echo.on();
        }
      }
      return reader.readLine(shown, LineReaderImpl.NULL_MASK).toCharArray();
    } catch (EndOfFileException e) {
      throw new CommandException.Auth("no " + what + " given", null);
    } catch (UserInterruptException e) {
      throw new CommandException.Auth(what + " prompt cancelled", null);
    } catch (IOError e) {
      if (!LineModeReader.ctrlC(e)) {
        throw e;
      }
      throw new CommandException.Auth(what + " prompt cancelled", null);
    } finally {
      commands.resumeKeys();
    }
  }
}
