package chat.cli.line;

import chat.cli.command.Input;
import chat.cli.command.InputParser;
import chat.cli.command.QuitLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Runs each typed line of the line mode on a thread of its own while the reading thread waits for
 * it, so that leaving never waits for a slow command (a {@code /history} the relay does not
 * answer): Ctrl-C while it runs, and on a terminal that hands over each key, Ctrl-D at an empty
 * line or a {@code /quit} typed ahead, end the wait at once. Other keys typed meanwhile are kept,
 * unshown, for the next prompt ({@link #replayTypedAhead}). What was left running gets a few
 * seconds more as the line mode ends, then one farewell line names it ({@link #farewell}).
 */
final class CommandThreads {
  /** How a command's wait ended. */
  enum Outcome {
    /** The command finished. */
    FINISHED,
    /** The person left while it ran. */
    LEFT
  }

  /** The longest the line mode waits for a command it left before it ends. */
  static final Duration LEFT_COMMAND_GRACE = Duration.ofSeconds(5);

  private static final long POLL_MILLIS = 50;

  /** What a terminal sends before and after pasted text (bracketed paste). */
  private static final String PASTE_START = "\u001b[200~";

  private static final String PASTE_END = "\u001b[201~";
  private static final int CTRL_D = 4;

  private final Terminal terminal;
  private final boolean watchKeys;
  private final StringBuilder typedAhead = new StringBuilder();

  /**
   * For each key of {@link #typedAhead}, the conversation the prompt showed while it was typed (the
   * one of the command that ran then; null for none). Guarded by {@link #keys}.
   */
  private final List<String> keysShown = new ArrayList<>();

  private volatile String shownWhileRunning;
  private final Object keys = new Object();
  private volatile boolean keysPaused;
  private volatile boolean inputEnded;
  private boolean readingKeys; // guarded by keys

  private volatile boolean leave;
  private Thread left;
  private String leftLabel;

  /**
   * Threads for the commands of a line mode on {@code terminal}; {@code watchKeys} where keys
   * arrive one at a time as typed (not a dumb terminal, whose own line editing hands over whole
   * lines, nor input from a pipe, which is read only as prompts ask).
   */
  CommandThreads(Terminal terminal, boolean watchKeys) {
    this.terminal = Objects.requireNonNull(terminal, "terminal");
    this.watchKeys = watchKeys;
  }

  /**
   * Runs {@code command} (typed as {@code line} under a prompt that showed conversation {@code
   * shown}, null for none) on a new thread and waits for it, or for the person to leave. A failure
   * of the command is thrown here, as if it ran on this thread.
   */
  Outcome run(String line, String shown, Runnable command) {
    CountDownLatch done = new CountDownLatch(1);
    RuntimeException[] failure = new RuntimeException[1];
    Thread thread =
        new Thread(
            () -> {
              try {
                command.run();
              } catch (RuntimeException e) {
                failure[0] = e;
              } finally {
                done.countDown();
              }
            },
            "chat-line-command");
    thread.setDaemon(true);
    leave = false;
    shownWhileRunning = shown;
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> leave = true);
    try {
      thread.start();
      while (!await(done)) {
        if (leave || (watchKeys && keyEndsTheWait())) {
          left = thread;
          leftLabel = label(line);
          return Outcome.LEFT;
        }
      }
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return Outcome.FINISHED;
  }

  private boolean await(CountDownLatch done) {
    try {
      boolean readsKeys = watchKeys && !keysPaused && !inputEnded; // then the read waits
      return done.await(readsKeys ? 0 : POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      leave = true;
      return false;
    }
  }

  /**
   * Reads a key typed while a command runs, for up to {@value #POLL_MILLIS} ms: true for Ctrl-D at
   * an empty line or Enter after {@code /quit}; any other key is kept. At the end of the input it
   * stops reading.
   */
  private boolean keyEndsTheWait() {
    synchronized (keys) {
      if (keysPaused || inputEnded) {
        return false;
      }
      readingKeys = true;
    }
    try {
      int key = terminal.reader().read(POLL_MILLIS);
      if (key == NonBlockingReader.READ_EXPIRED) {
        return false;
      }
      if (key == NonBlockingReader.EOF) {
        inputEnded = true; // the command finishes, then the prompt meets the end too
        return false;
      }
      synchronized (keys) {
        String line = typedLine();
        if (key == CTRL_D && line.isEmpty()) {
          return true;
        }
        if ((key == '\r' || key == '\n') && QuitLine.is(line)) {
          return true;
        }
        typedAhead.append((char) key);
        keysShown.add(shownWhileRunning);
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      synchronized (keys) {
        readingKeys = false;
        keys.notifyAll();
      }
    }
  }

  /** What was typed ahead since the last line break. */
  private String typedLine() {
    int start = Math.max(typedAhead.lastIndexOf("\r"), typedAhead.lastIndexOf("\n")) + 1;
    return typedAhead.substring(start);
  }

  /**
   * Stops reading keys (a command is about to read a secret on the terminal) and hands the first
   * line typed ahead to {@code reader}, for that prompt; {@link #resumeKeys} goes on.
   */
  void pauseKeys(LineReaderImpl reader) {
    synchronized (keys) {
      keysPaused = true;
      while (readingKeys) {
        try {
          keys.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      replayTypedAhead(reader);
    }
  }

  /** Goes on reading keys while the command runs. */
  void resumeKeys() {
    keysPaused = false;
  }

  /**
   * The whole lines typed while a command ran that no prompt has taken yet (Enter typed after
   * each), with a backspace taking the key before it: what is left behind when the person leaves.
   * Keys after the last Enter are not a line, and are left out.
   */
  List<String> linesTypedAhead() {
    synchronized (keys) {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < typedAhead.length(); i++) {
        char key = typedAhead.charAt(i);
        if (key == '\r' || key == '\n') {
          if (!line.toString().isBlank()) {
            lines.add(line.toString());
          }
          line.setLength(0);
        } else if (key == '\b' || key == 0x7f) {
          if (line.length() > 0) {
            line.setLength(line.length() - 1);
          }
        } else {
          line.append(key);
        }
      }
      return lines;
    }
  }

  /** How many keys typed while commands ran wait for a prompt, for tests. */
  int keysTypedAhead() {
    synchronized (keys) {
      return typedAhead.length();
    }
  }

  /** Whether the person left while a message (not a command) was being sent. */
  boolean leftAMessage() {
    return left != null && !leftLabel.startsWith("/");
  }

  /**
   * What {@link #replayTypedAhead} handed over.
   *
   * @param line whether it was a whole line (Enter typed after it)
   * @param shown the conversation the prompt showed as its first key was typed (null for none)
   */
  record Replayed(boolean line, String shown) {
    static final Replayed NOTHING = new Replayed(false, null);
  }

  /**
   * Hands the first line typed while commands ran (or the keys typed after the last Enter) to
   * {@code reader}, as if typed at its next prompt; the next lines wait for the prompts after it,
   * so that each is known to have been typed under the conversation it was.
   */
  Replayed replayTypedAhead(LineReaderImpl reader) {
    synchronized (keys) {
      if (typedAhead.length() == 0) {
        return Replayed.NOTHING;
      }
      int end = lineEnd();
      int taken = end < 0 ? typedAhead.length() : end + 1;
      Replayed replayed = new Replayed(end >= 0, keysShown.get(0));
      reader.runMacro(typedAhead.substring(0, taken));
      typedAhead.delete(0, taken);
      keysShown.subList(0, taken).clear();
      return replayed;
    }
  }

  /**
   * Where the first line typed ahead ends (its Enter), or -1 when no Enter was typed. A line break
   * inside a bracketed paste ({@code ESC [200~} … {@code ESC [201~}) is part of the paste, which
   * JLine reads whole: cut there, the prompt would wait for the paste's end, left behind.
   */
  private int lineEnd() {
    boolean pasting = false;
    for (int i = 0; i < typedAhead.length(); i++) {
      if (startsAt(typedAhead, i, PASTE_START)) {
        pasting = true;
        i += PASTE_START.length() - 1;
      } else if (startsAt(typedAhead, i, PASTE_END)) {
        pasting = false;
        i += PASTE_END.length() - 1;
      } else if (!pasting && (typedAhead.charAt(i) == '\r' || typedAhead.charAt(i) == '\n')) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsAt(CharSequence text, int at, String part) {
    return text.length() - at >= part.length()
        && text.subSequence(at, at + part.length()).toString().equals(part);
  }

  /**
   * As the line mode ends: waits up to {@code grace} for the command the person left, and if it is
   * still running, writes the line that says so ({@code chat: left while /history was still
   * running}) to {@code out}.
   */
  void farewell(Duration grace, PrintWriter out) {
    Thread thread = left;
    if (thread == null) {
      return;
    }
    try {
      thread.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      out.println("chat: left while " + leftLabel);
      out.flush();
    }
  }

  /**
   * What was cut short, for the farewell: the command ({@code /history was still running}), never
   * its words, or {@code a message was still being sent}.
   */
  static String label(String line) {
    return InputParser.parse(line) instanceof Input.Command command
        ? "/" + command.name() + " was still running"
        : "a message was still being sent";
  }
}
