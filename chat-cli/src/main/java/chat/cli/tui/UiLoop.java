package chat.cli.tui;

import chat.cli.tui.PaneEntry.NoteKind;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The UI thread: owns the Lanterna screen, feeds key strokes and queued tasks to the controller one
 * at a time, and draws a frame whenever something changed. Other threads only {@link #post}.
 */
final class UiLoop {
  private static final long IDLE_WAIT_MILLIS = 20;
  private static final long MINUTE_MILLIS = 60_000;

  private final Terminal terminal;
  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private volatile boolean inputEnded;
  private volatile Thread uiThread;
  private TuiController controller;
  private BooleanSupplier keysHeld = () -> false;
  private TerminalScreen screen;
  private ScreenWriter writer;
  private volatile boolean monochrome;

  UiLoop(Terminal terminal) {
    this.terminal = Objects.requireNonNull(terminal, "terminal");
  }

  /**
   * Draws without colours from {@link #start} on ({@link ScreenWriter#ScreenWriter(Screen,
   * boolean)}).
   */
  void monochrome() {
    monochrome = true;
  }

  /** Queues {@code task} for the UI thread; any thread. */
  void post(Runnable task) {
    tasks.add(Objects.requireNonNull(task, "task"));
  }

  boolean isRunning() {
    return running;
  }

  /** Whether the calling thread is the UI thread. */
  boolean isUiThread() {
    return Thread.currentThread() == uiThread;
  }

  /** Rings the terminal's bell, while the screen is up; on the UI thread, between frames. */
  void ringBell() {
    if (!running) {
      return;
    }
    try {
      terminal.bell();
      terminal.flush();
    } catch (IOException e) {
      // a terminal that cannot ring fails at the next frame too, where it is reported
    }
  }

  /** Ends the loop once the tasks queued before this one have run; any thread. */
  void requestStop() {
    post(() -> running = false);
  }

  /**
   * Leaves the keys typed in the terminal, unread, while {@code held} says so (asked on the UI
   * thread); they are read, in order, once it no longer does.
   */
  void holdKeysWhile(BooleanSupplier held) {
    keysHeld = Objects.requireNonNull(held, "held");
  }

  /** Starts the screen; the calling thread becomes the UI thread. */
  void start(TuiController controller) throws IOException {
    this.controller = Objects.requireNonNull(controller, "controller");
    screen = new TerminalScreen(terminal);
    screen.startScreen();
    writer = new ScreenWriter(screen, monochrome);
    uiThread = Thread.currentThread();
    running = true;
  }

  /** Runs until a stop is requested or the terminal's input ends. */
  void runUntilStopped() throws IOException {
    try {
      boolean woken = false;
      long minute = System.currentTimeMillis() / MINUTE_MILLIS;
      while (drain(woken)) {
        Runnable task = tasks.poll(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        woken = task != null;
        if (woken) {
          safely(task);
        }
        long now = System.currentTimeMillis() / MINUTE_MILLIS;
        if (now != minute) {
          // A frame at each new minute, though nothing happened: what ends with the clock goes
          // (the mark of a timed mute, which ends on a minute and of which nothing is told).
          minute = now;
          woken = true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Does all pending work: a resize, the keys typed, the queued tasks (until none are left), then
   * one frame if anything happened or {@code force}. Returns whether the loop is still running.
   */
  boolean drain(boolean force) throws IOException {
    boolean changed = force;
    if (screen.doResizeIfNecessary() != null) {
      controller.repaintAll();
      changed = true;
    }
    boolean more = true;
    while (running && more) {
      more = false;
      KeyStroke key;
      while (running && !keysHeld.getAsBoolean() && (key = screen.pollInput()) != null) {
        KeyStroke typed = key;
        if (typed.getKeyType() == KeyType.EOF) {
          inputEnded = true;
          running = false;
        } else {
          safely(() -> controller.handle(typed));
        }
        more = true;
      }
      Runnable task;
      while (running && (task = tasks.poll()) != null) {
        safely(task);
        more = true;
      }
      controller.publishSelection();
      changed |= more;
    }
    if (running) {
      changed |= controller.session().showHeldLogins(); // a friend's log-in held long enough
    }
    if (changed && running) {
      controller.render(screen, writer);
    }
    return running;
  }

  /** Runs UI work so that a failure in one step is reported instead of ending the TUI. */
  private void safely(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      controller
          .panes()
          .note(TuiModel.STATUS, NoteKind.ERROR, "internal error: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Ends the loop and the screen (leaving the terminal's private mode), then writes {@code
   * farewell}, lines already cleaned, on the terminal's normal screen, where they stay in view
   * after the TUI; not when the terminal's input ended (the terminal is gone).
   */
  void stop(List<String> farewell) throws IOException {
    running = false;
    if (screen == null) {
      return;
    }
    screen.stopScreen();
    if (inputEnded || farewell.isEmpty()) {
      return;
    }
    for (String line : farewell) {
      // A character at a time: this terminal's putString takes one glyph (TuiTerminals).
      for (int i = 0; i < line.length(); i++) {
        terminal.putCharacter(line.charAt(i));
      }
      terminal.putCharacter('\n');
    }
    terminal.flush();
  }
}
