package chat.cli.tui;

import chat.cli.client.ChatClient;
import chat.cli.command.Bell;
import chat.cli.command.GivenSecrets;
import chat.cli.command.InputCompleter;
import chat.cli.command.InputDispatcher;
import chat.cli.command.LongTasks;
import chat.cli.command.MessageFormatter;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The full-screen terminal UI, in the manner of weechat or profanity: conversation list, message
 * pane with scrollback, member list, status bar and an input line that feeds the slash-command
 * layer.
 *
 * <p>{@link #run} owns a Lanterna screen over the given terminal on the calling thread (the UI
 * thread) until {@code /quit} or the end of input. Lines typed run one after another on a command
 * thread, and member lists and history load on a background thread, so a slow relay never freezes
 * the screen. Client events ({@link TuiEvents}) and the commands' calls ({@link TuiContext}) may
 * come from any thread; they are queued to the UI thread. Every string from the network is cleaned
 * before it is drawn.
 *
 * <p>Typical use from {@code main}; the caller owns, and closes, the terminal and the client:
 *
 * <pre>{@code
 * try (Terminal terminal = TuiTerminals.open()) {
 *   new ChatTui(client, dispatcher, completer, formatter, terminal, Clock.systemDefaultZone()).run();
 * } finally {
 *   client.close();
 * }
 * }</pre>
 */
public final class ChatTui {
  private final ChatClient client;
  private final List<ExecutorService> ownedExecutors;
  private final UiLoop loop;
  private final TuiWorkers workers;
  private final TuiController controller;
  private final TuiContext context;
  private final TuiEvents events;
  private final TuiSecrets secrets;
  private final LongTasks transfers = new LongTasks("chat-tui-transfer");

  /** Startup lines not yet done (see {@link #start(List)}); UI thread only. */
  private int startupRunning;

  /**
   * A TUI for {@code client} on {@code terminal}. It does not start the screen or touch the
   * terminal until {@link #run}; the caller keeps ownership of the client and the terminal and
   * closes both afterwards.
   *
   * @param client the session with the relay
   * @param dispatcher runs typed lines (slash commands and text)
   * @param completer Tab completion
   * @param formatter times, senders, text and conversation labels
   * @param terminal the terminal to draw on (a real one, or a virtual one in tests)
   * @param clock the time for the TUI's own lines
   */
  public ChatTui(
      ChatClient client,
      InputDispatcher dispatcher,
      InputCompleter completer,
      MessageFormatter formatter,
      Terminal terminal,
      Clock clock) {
    this(
        client,
        dispatcher,
        completer,
        formatter,
        terminal,
        clock,
        daemonThread("chat-tui-command"),
        daemonThread("chat-tui-refresh"),
        true);
  }

  /**
   * As above, with the executors for typed lines and for background fetches given (tests pass
   * {@code Runnable::run} to make everything happen inside {@link #drain}). File transfers still
   * run on the TUI's own transfer thread.
   */
  ChatTui(
      ChatClient client,
      InputDispatcher dispatcher,
      InputCompleter completer,
      MessageFormatter formatter,
      Terminal terminal,
      Clock clock,
      Executor commands,
      Executor background) {
    this(client, dispatcher, completer, formatter, terminal, clock, commands, background, false);
  }

  private ChatTui(
      ChatClient client,
      InputDispatcher dispatcher,
      InputCompleter completer,
      MessageFormatter formatter,
      Terminal terminal,
      Clock clock,
      Executor commands,
      Executor background,
      boolean ownsExecutors) {
    this.client = Objects.requireNonNull(client, "client");
    this.loop = new UiLoop(terminal);
    this.ownedExecutors = new ArrayList<>();
    for (Executor executor : List.of(commands, background)) {
      if (ownsExecutors && executor instanceof ExecutorService service) {
        ownedExecutors.add(service);
      }
    }
    this.workers = new TuiWorkers(client, dispatcher, commands, background, loop::post);
    this.controller =
        new TuiController(client, completer, new EntryFormatter(formatter), clock, workers);
    this.secrets = new TuiSecrets(loop, controller);
    this.context = new TuiContext(client, loop, workers, controller, secrets, transfers);
    workers.attach(context, controller.panes(), controller.session());
    this.events = new TuiEvents(client, loop, controller.panes(), controller.session());
    workers.onTyped(events::sayUnsaid);
    loop.holdKeysWhile(() -> startupRunning > 0 && !controller.secretOpen());
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Shows the TUI until {@code /quit} or the end of the terminal's input, then stops the screen
   * (leaving the terminal's private mode). Call once, on the thread that should own the screen.
   *
   * @throws IOException if the terminal fails
   */
  public void run() throws IOException {
    run(List.of());
  }

  /**
   * Like {@link #run()}, after queueing {@code startup} lines (e.g. {@code /login alice} when the
   * user was named on the command line) on the command thread, as if typed.
   *
   * @throws IOException if the terminal fails
   */
  public void run(List<String> startup) throws IOException {
    start(startup);
    try {
      loop.runUntilStopped();
    } finally {
      stop();
    }
  }

  /**
   * {@link #start()}, then queues {@code startup} on the command thread. Until those lines are
   * done, keys typed are left unread in the terminal except while a masked prompt is open: a
   * passphrase typed ahead of the prompt of the {@code --user} login goes to that prompt, never
   * into the input line, where Enter would have offered it as a message and kept it in the input
   * history.
   */
  void start(List<String> startup) throws IOException {
    startupRunning = startup.size(); // before the first frame, which reads the keys typed so far
    start(!startup.isEmpty());
    for (String line : startup) {
      workers.submit(line, TuiModel.STATUS, () -> startupRunning--);
    }
  }

  /** Starts the screen and listens to the client; the calling thread becomes the UI thread. */
  void start() throws IOException {
    start(false);
  }

  /** {@link #start()}; with {@code loginQueued}, without the hint to log in (one is under way). */
  private void start(boolean loginQueued) throws IOException {
    loop.start(controller);
    client.addListener(events);
    controller.session().start(loginQueued);
    loop.drain(true);
  }

  /** What the commands typed here may do to the TUI (for tests). */
  TuiContext context() {
    return context;
  }

  /** The listener that takes the client's events to the UI thread (for tests). */
  TuiEvents events() {
    return events;
  }

  /** Does all pending UI work and draws; returns whether the TUI is still running (for tests). */
  boolean drain() throws IOException {
    return loop.drain(false);
  }

  /**
   * Stops listening, cancels an open prompt, cuts off the file transfers still running or queued
   * (without interrupting them: closing the client ends them), stops the other threads it owns and
   * ends the screen. Then it says which transfers were cut off, and which messages and commands
   * typed before {@code /quit} never ran, on the terminal's normal screen where the shell goes on,
   * unless the terminal's input ended (the terminal is gone).
   */
  void stop() throws IOException {
    client.removeListener(events);
    secrets.cancel();
    List<String> farewell = new ArrayList<>(transfers.cutOff());
    workers.stopping();
    for (ExecutorService executor : ownedExecutors) {
      executor.shutdownNow();
    }
    farewell.addAll(workers.neverRun());
    loop.stop(farewell);
  }

  /**
   * Rings the terminal's bell as {@code ringer} says for each message arriving (a private one, or
   * one that names this user: {@link Bell}); without this call it never rings. Call before {@link
   * #run}.
   */
  public ChatTui withBell(Bell ringer) {
    events.setBell(ringer);
    return this;
  }

  /**
   * Draws in the terminal's own colours only, keeping bold and showing the bars and the current
   * list entry in reverse video: for {@code NO_COLOR}. Call before {@link #run}.
   */
  public ChatTui withoutColour() {
    loop.monochrome();
    return this;
  }

  /**
   * Takes the secrets {@code given} has (the environment's or files') without asking, as a script
   * does; only a secret it lacks opens a masked prompt. Call before {@link #run}.
   *
   * @return this TUI
   */
  public ChatTui withSecrets(GivenSecrets given) {
    secrets.setGiven(given);
    return this;
  }
}
