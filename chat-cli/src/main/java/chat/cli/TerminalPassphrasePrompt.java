package chat.cli;

import java.io.Console;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The masked passphrase prompt: {@link Console#readPassword} when the JVM has a console, otherwise
 * the controlling terminal {@code /dev/tty} with echo turned off through {@code stty} (so {@code
 * chat seal < file > out} can still ask, as {@code age} does). Refuses to ask if echo cannot be
 * turned off. A command that will ask after connecting turns the echo off from the start ({@link
 * #hideTyping}), or keeps it off where {@code bin/chat} turned it off before the JVM started
 * ({@link HeldEcho}).
 */
final class TerminalPassphrasePrompt implements PassphrasePrompt {
  private static final String NO_TERMINAL =
      "no terminal to ask for the passphrase; set " + Passphrases.ENV_PASSPHRASE;

  private static final int MAX_LINE_BYTES = 4096;

  private final Console console;
  private final File tty;
  private final HeldEcho heldEcho;

  /**
   * A prompt on {@code console} if not null, else on {@code tty}; {@code heldEcho} is the echo the
   * launcher holds off, if any.
   */
  TerminalPassphrasePrompt(Console console, File tty, HeldEcho heldEcho) {
    this.console = console;
    this.tty = tty;
    this.heldEcho = Objects.requireNonNull(heldEcho, "heldEcho");
  }

  /**
   * Whether the JVM has a console, or the controlling terminal opens: a process without one (a cron
   * job, a service, a pipeline under {@code setsid}) cannot be asked.
   */
  @Override
  public boolean canAsk() {
    if (console != null) {
      return true;
    }
    try {
      new FileInputStream(tty).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public char[] read(String prompt) {
    if (console != null) {
      // not through the console: it is locked while it reads
      Thread endLine = new Thread(this::endLine, "chat-prompt-end-line");
      Runtime.getRuntime().addShutdownHook(endLine);
      try {
        return console.readPassword("%s", prompt);
      } finally {
        removeHook(endLine);
      }
    }
    try (FileInputStream in = new FileInputStream(tty);
        FileOutputStream out = new FileOutputStream(tty)) {
      out.write(prompt.getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (!stty("-echo")) {
        throw new CommandException.Usage(
            "cannot turn off echo on the terminal; set " + Passphrases.ENV_PASSPHRASE);
      }
      Thread restore =
          new Thread(
              () -> {
                stty("echo");
                endLine();
              },
              "chat-prompt-restore");
      Runtime.getRuntime().addShutdownHook(restore);
      try {
        return readLine(in);
      } finally {
        stty("echo");
        removeHook(restore);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new CommandException.Usage(NO_TERMINAL);
    }
  }

  /**
   * Turns the terminal's echo off with {@code stty -echo}, after saving all its settings ({@code
   * stty -g}); closing puts them back, and so does a shutdown hook if the process ends first (a
   * Ctrl-C while connecting). Nothing changes where {@code stty} cannot read the terminal. Where
   * the launcher holds the echo off already, that hold is taken over: closing turns the echo on.
   */
  @Override
  public Hidden hideTyping() {
    if (heldEcho.held()) {
      return heldEcho::release;
    }
    Optional<String> saved = settings();
    if (saved.isEmpty() || !stty("-echo")) {
      return Hidden.NOTHING;
    }
    String original = saved.get();
    Thread restore = new Thread(() -> stty(original), "chat-echo-restore");
    Runtime.getRuntime().addShutdownHook(restore);
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        stty(original);
        removeHook(restore);
      }
    };
  }

  /**
   * Ends the prompt's line on the terminal when Ctrl-C stops the process while it asks, so the
   * shell's prompt starts on a line of its own.
   */
  private void endLine() {
    try (FileOutputStream out = new FileOutputStream(tty)) {
      out.write('\n');
    } catch (IOException e) {
      // the terminal is gone: there is no line to end
    }
  }

  /** The terminal's settings as {@code stty -g} prints them, to give back to {@code stty}. */
  private Optional<String> settings() {
    try {
      Process process =
          new ProcessBuilder("stty", "-g")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor() == 0 && !out.isBlank() ? Optional.of(out.strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private boolean stty(String setting) {
    try {
      Process process =
          new ProcessBuilder("stty", setting)
              .redirectInput(tty)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook restores echo itself
    }
  }

  /** One line without its terminator, or null at end of input; scratch bytes are zeroed. */
  private static char[] readLine(InputStream in) throws IOException {
    byte[] buffer = new byte[128];
    int length = 0;
    try {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      while (b >= 0 && b != '\n') {
        if (length == buffer.length) {
          if (length >= MAX_LINE_BYTES) {
            throw new CommandException.Auth("passphrase longer than 4096 bytes", null);
          }
          byte[] bigger = Arrays.copyOf(buffer, length * 2);
          Arrays.fill(buffer, (byte) 0);
          buffer = bigger;
        }
        buffer[length++] = (byte) b;
        b = in.read();
      }
      if (length > 0 && buffer[length - 1] == '\r') {
        length--;
      }
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(buffer, 0, length));
      char[] out = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return out;
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }
}
