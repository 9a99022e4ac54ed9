package chat.cli.line;

import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.FileOffer;
import chat.cli.client.KeptList;
import chat.cli.command.CommandContext;
import chat.cli.command.Input;
import chat.cli.command.InputCompleter;
import chat.cli.command.InputDispatcher;
import chat.cli.command.InputParser;
import chat.cli.command.LongTasks;
import chat.cli.command.MessageFormatter;
import chat.cli.command.NextConversation;
import chat.cli.command.PastedLineBreaks;
import chat.cli.command.QuitLine;
import chat.cli.command.SecretKind;
import chat.cli.command.SecretRedaction;
import java.io.IOError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp;

/**
 * The line-mode front end: a JLine REPL with the current conversation in the prompt ({@code #lobby>
 * }). Typed lines go to an {@link InputDispatcher}, each on a thread of its own while the REPL
 * thread waits for it ({@link CommandThreads}), so that Ctrl-C, or Ctrl-D at an empty line, leaves
 * at once even while a command waits for the relay; messages and events from the client are printed
 * above the prompt with {@link LineReader#printAbove}, one cleaned line each, so typing is never
 * garbled (on a dumb terminal they start below the prompt line, see {@link LineModeReader}). Ends
 * on {@code /quit}, end of input (Ctrl-D), or Ctrl-C on an empty line; Ctrl-C on a non-empty line
 * clears it. Client events are printed by {@link LineEvents}; where the prompt is, and the
 * conversation a running line acts on, is {@link LinePrompt}'s.
 *
 * <p>History is kept in memory and holds only what {@link SecretRedaction#historyEntry} lets
 * through; secrets are read on a masked prompt and never enter it.
 */
public final class LineMode implements CommandContext {
  private final ChatClient client;
  private final InputDispatcher dispatcher;
  private final Terminal terminal;
  private final boolean dumb;
  private final TerminalEcho echo;
  private final boolean typingEchoed;
  private final InMemoryHistory history = new InMemoryHistory();
  private final LineModeReader reader;
  private final MessageLines messages;
  private final LongTasks transfers = new LongTasks("chat-line-transfer");
  private final CommandThreads commands;
  private final LinePrinter printer;
  private final LineSecrets secrets;
  private final LinePrompt prompt;
  private final LineEvents events;

  /** The order conversations are numbered in: see {@link #listOrder}. */
  private final List<String> listed = new ArrayList<>();

  /** Whose {@link #listed} it is: it starts again from the kept order at another user's log-in. */
  private String listedFor;

  private volatile boolean quitRequested;

  /** A line mode over {@code terminal}; nothing is read or printed until {@link #run}. */
  public LineMode(
      ChatClient client,
      InputDispatcher dispatcher,
      InputCompleter completer,
      MessageFormatter formatter,
      Terminal terminal,
      LineModeOptions options) {
    this.client = Objects.requireNonNull(client, "client");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.terminal = Objects.requireNonNull(terminal, "terminal");
    String type = terminal.getType();
    this.dumb = Terminal.TYPE_DUMB.equals(type) || Terminal.TYPE_DUMB_COLOR.equals(type);
    boolean colour =
        Objects.requireNonNull(options, "options").colour() && !Terminal.TYPE_DUMB.equals(type);
    this.echo = options.echo();
    this.typingEchoed = options.typingEchoed();
    this.commands = new CommandThreads(terminal, !dumb);
    this.reader =
        LineModeReader.forLineMode(
            terminal,
            options.typingEchoed(),
            Objects.requireNonNull(completer, "completer"),
            history);
    this.printer = new LinePrinter(reader, colour, !dumb);
    this.messages =
        new MessageLines(client, Objects.requireNonNull(formatter, "formatter"), printer);
    this.secrets = new LineSecrets(options.secrets(), echo, dumb, reader, commands);
    this.prompt = new LinePrompt(client, reader, printer);
    this.events =
        new LineEvents(client, prompt, printer, messages, options.bell(), options.noticeTimer());
  }

  /** The threads that run its commands, for tests. */
  CommandThreads commandThreads() {
    return commands;
  }

  /**
   * Reads and dispatches lines until {@code /quit}, end of input or Ctrl-C on an empty line. Client
   * events are printed while it runs. Does not close the client or the terminal.
   */
  public void run() {
    run(List.of());
  }

  /**
   * Like {@link #run()}, after first dispatching {@code startup} (e.g. {@code /login alice} when
   * the user was given on the command line) with the listener already registered.
   */
  public void run(List<String> startup) {
    Attributes original = holdKeys();
    client.addListener(events);
    try {
      info("type /help for commands, /quit to leave");
      runStartup(startup);
      prompt.startInLobby();
      while (!quitRequested) {
        String line;
        String shown = prompt.current();
        String typedUnder = shown;
        try {
          // keys typed while a command ran; a whole line was typed under the prompt shown then
          CommandThreads.Replayed ahead = commands.replayTypedAhead(reader);
          if (ahead.line()) {
            typedUnder = ahead.shown();
          }
          // The rooms joined since the last prompt take their numbers now, in the order they came
          // in, and the order is kept for the next run (not only at /switch, which would number
          // rooms that came in one after the other in the client's order).
          numberedConversations();
          String read = reader.readLine(prompt.prompt(shown));
          line = typed(read);
          if (line.isBlank() && !InputParser.withoutOuterLineBreaks(read).isEmpty()) {
            // only spaces, or characters that show nothing (U+200B, an escape sequence), as the
            // full screen refuses them; an empty line is passed over as ever
            error(ChatClient.NOTHING_TO_SEND);
            continue;
          }
        } catch (UserInterruptException e) {
          if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) {
            break;
          }
          continue;
        } catch (IOError e) {
          if (!LineModeReader.ctrlC(e)) {
            throw e;
          }
          if (reader.getBuffer().length() == 0) {
            break;
          }
          continue;
        } catch (EndOfFileException e) {
          transfers.finish(() -> info("waiting for file transfers to finish"));
          break;
        }
        SecretRedaction.historyEntry(line).ifPresent(history::record);
        String now = prompt.current();
        if (!Objects.equals(typedUnder, now) && InputParser.parse(line) instanceof Input.Text) {
          // Typed under a prompt that named another conversation: never post it elsewhere.
          print(
              LineKind.ERROR,
              NextConversation.notSent(
                  typedUnder == null ? "no conversation" : prompt.label(typedUnder),
                  now == null ? "none" : prompt.label(now)));
          continue;
        }
        if (!dispatch(line, shown)) {
          break;
        }
      }
    } finally {
      events.sayUnsaid();
      for (String cut : transfers.cutOff()) {
        print(LineKind.ERROR, cut);
      }
      String where = prompt.current();
      List<String> ahead = commands.linesTypedAhead();
      if (commands.leftAMessage()) {
        for (String line : ahead) {
          print(
              LineKind.ERROR,
              QuitLine.neverRun(typed(line), where == null ? "" : prompt.label(where)));
        }
      } else if (!ahead.isEmpty()) {
        // Behind a command, which may have asked for a passphrase typed ahead: never its words.
        print(LineKind.ERROR, QuitLine.neverRunCount(ahead.size()));
      }
      client.removeListener(events);
      printer.end(); // the terminal may close once run returns
      terminal.writer().flush();
      if (original != null) {
        terminal.setAttributes(original);
      }
      commands.farewell(CommandThreads.LEFT_COMMAND_GRACE, terminal.writer());
    }
  }

  /**
   * On a capable terminal, keeps the terminal's own echo off from start to end, not only while
   * JLine reads a line: between lines (while a command runs, or the client connects) the terminal
   * echoed keys where the cursor was, so typed text ran into the next line printed ({@code
   * abcjoined #dev}) and came back in the next prompt. Keys typed then now wait, unshown, for the
   * next prompt or masked secret prompt. Returns the terminal's previous attributes, or null on a
   * dumb terminal, where the real terminal echoes and edits the typing itself.
   */
  private Attributes holdKeys() {
    return dumb ? null : terminal.enterRawMode();
  }

  /**
   * Dispatches the {@code startup} lines. On a dumb terminal that echoes the typing itself, the
   * echo is off meanwhile (where {@link TerminalEcho} can turn it off): the startup line logs in
   * and asks for the passphrase once connected, and a passphrase typed before that prompt appeared
   * was shown in clear. On a capable terminal {@link #holdKeys} already keeps the echo off.
   */
  private void runStartup(List<String> startup) {
    boolean hidden = !startup.isEmpty() && dumb && typingEchoed && echo.off();
    try {
      for (String line : startup) {
        if (!dispatch(line, prompt.current())) {
          quitRequested = true; // left while it ran
          return;
        }
      }
    } finally {
      if (hidden) {
        echo.on();
      }
    }
  }

  /**
   * Runs {@code line} on a thread of its own and waits for it; false if the person left meanwhile
   * (Ctrl-C, Ctrl-D at an empty line), the command then being left to end on its own.
   */
  private boolean dispatch(String line, String shown) {
    events.sayUnsaid();
    return commands.run(
            line, shown, () -> prompt.runTypedFor(shown, () -> dispatcher.dispatch(line, this)))
        == CommandThreads.Outcome.FINISHED;
  }

  /**
   * A line as read, made what the TUI would make of it: escape sequences (whole) and control
   * characters other than line breaks and tabs removed, as others' screens would remove them, a
   * paste's line breaks one per line ({@link PastedLineBreaks}: JLine hands over the two CRs that
   * tmux and xterm send for a CRLF as two line breaks), and its outer line breaks dropped.
   */
  static String typed(String line) {
    return InputParser.withoutOuterLineBreaks(PastedLineBreaks.normalize(TerminalSafe.text(line)));
  }

  /** The prompt: the current conversation's label and {@code "> "}. */
  String prompt() {
    return prompt.prompt();
  }

  /** The input history entries, oldest first. */
  List<String> historyEntries() {
    return history.entries();
  }

  /** The listener that prints client events, registered while {@link #run} runs. */
  ClientListener events() {
    return events;
  }

  /** Prints a line above the prompt; after {@link #run} has returned, nothing. Any thread. */
  private void print(LineKind kind, String cleanText) {
    printer.print(kind, cleanText);
  }

  // CommandContext

  @Override
  public ChatClient client() {
    return client;
  }

  @Override
  public Optional<String> currentConversation() {
    return prompt.commandConversation();
  }

  @Override
  public void switchTo(String conversation) {
    prompt.switchTo(conversation);
  }

  @Override
  public void switchToNone() {
    prompt.switchToNone();
  }

  /**
   * The client's conversations but the private ones with a user ignored, whose messages line mode
   * does not show, as the full screen does not list them; the current conversation always counts.
   * They are numbered as the full screen last listed them ({@link ChatClient#keptList}, so that
   * {@code /switch 3} is Alt+3 there), the others after them in the order this run first listed
   * them (those first listed together in the client's order), as a full screen started now would
   * list them: a room joined now goes to the end.
   */
  @Override
  public List<String> numberedConversations() {
    List<String> conversations = client.conversations();
    Set<String> ignored = client.ignoredUsers();
    String self = client.username().orElse(null);
    String current = prompt.current();
    List<String> out = new ArrayList<>();
    for (String conversation : listOrder(self, conversations)) {
      if (self == null
          || conversation.equals(current)
          || !ChatClient.privateWithIgnored(conversation, self, ignored)) {
        out.add(conversation);
      }
    }
    if (current != null && !out.contains(current)) {
      // a private conversation opened (/pm USER) before its first message: the relay lists it
      // from that message on, and the prompt is in it now
      out.add(current);
    }
    return out;
  }

  /** {@code conversations} in the order they are numbered for {@code self}. */
  private synchronized List<String> listOrder(String self, List<String> conversations) {
    if (self == null || !self.equalsIgnoreCase(listedFor)) {
      listed.clear();
      listedFor = self;
      if (self != null) {
        listed.addAll(client.keptList().order());
      }
    }
    listed.retainAll(conversations); // one left and joined again goes to the end, as it does there
    for (String conversation : conversations) {
      if (!listed.contains(conversation)) {
        listed.add(conversation);
      }
    }
    List<String> order = List.copyOf(listed);
    // Online only: the list is the relay's then, whole (a list not yet had would drop kept rooms).
    if (self != null && !order.isEmpty() && client.connectionState() == ConnectionState.ONLINE) {
      // Kept for the next run, line mode's or the full screen's, as the full screen keeps its own:
      // else a profile used only here would be numbered in the client's order again at each start.
      // The unread counts are the full screen's: line mode prints every message as it comes.
      KeptList kept = client.keptList();
      if (!kept.order().equals(order)) {
        client.keepList(self, new KeptList(order, kept.unread()));
      }
    }
    return order;
  }

  /** Prints {@code message} as one line ({@link MessageLines#message}). */
  @Override
  public void showMessage(ChatMessage message) {
    messages.message(message, prompt.current());
  }

  /** Prints {@code offer} as one line, as {@code /history} lists it. */
  @Override
  public void showOffer(FileOffer offer) {
    messages.offer(offer, prompt.current());
  }

  /**
   * Prints a line of the client's log above the prompt, cleaned as remote text is ({@code -v} adds
   * stack traces: several lines); false once {@link #run} has returned, when it prints nothing. Any
   * thread.
   */
  public boolean printLog(String text) {
    return printer.printLog(text);
  }

  @Override
  public void info(String text) {
    print(LineKind.SYSTEM, TerminalSafe.line(text));
  }

  @Override
  public void error(String text) {
    print(LineKind.ERROR, "error: " + TerminalSafe.line(text));
  }

  /** The options' secret, else one read on a masked prompt ({@link LineSecrets#read}). */
  @Override
  public char[] readSecret(SecretKind kind, String prompt) {
    return secrets.read(kind, prompt);
  }

  @Override
  public Optional<String> secretSource(SecretKind kind) {
    return secrets.source(kind);
  }

  /** Where a person types: not over a pipe or a file (a dumb terminal that does not echo). */
  @Override
  public boolean namesGivenSecrets() {
    return !dumb || typingEchoed;
  }

  /** The line mode's keys (JLine's); a dumb terminal edits the line itself. */
  @Override
  public List<String> keys() {
    if (dumb) {
      return List.of(
          "  Enter            send the line, or run the /command (the terminal edits it)",
          "  Ctrl-R           show again what you typed so far (the terminal's reprint key)",
          "  Ctrl-C           leave line mode");
    }
    return List.of(
        "  Enter            send the line, or run the /command",
        "  Tab              complete a command, name, room or :shortcode:; again to cycle",
        "  Up, Down         the lines typed before",
        "  Ctrl-A, Ctrl-E   start, end of the line",
        "  Ctrl-U, Ctrl-K   delete to the start, to the end of the line",
        "  Ctrl-W           delete a word",
        "  Alt-B, Alt-F     a word back, a word forward; Alt-D deletes the next word",
        "  Insert           type over the text, or again insert it",
        "  Ctrl-C           clear the line; on an empty line, leave line mode",
        "  Ctrl-D           on an empty line, leave line mode",
        "  (other keys as in bash: Alt-3 then x types xxx)");
  }

  /** The secret the options give for {@code kind}, if they give one. */
  @Override
  public Optional<char[]> givenSecret(SecretKind kind) {
    return secrets.given(kind);
  }

  /**
   * Runs a long task (a file transfer) on a background thread, so the prompt stays usable; progress
   * and the outcome are printed above the prompt. At the end of the input (a script piped in) line
   * mode waits for it before the client closes; {@code /quit} and Ctrl-C cut it off and say so (a
   * cut download resumes later).
   */
  @Override
  public void runLong(Supplier<String> what, Runnable task) {
    transfers.run(what, task, this::error, this::info);
  }

  @Override
  public void clear() {
    if (terminal.puts(InfoCmp.Capability.clear_screen)) {
      terminal.flush();
    }
  }

  /** Group changes this user makes are printed as {@link LineEvents} gets them from the relay. */
  @Override
  public boolean showsOwnEvents() {
    return true;
  }

  @Override
  public void quit() {
    quitRequested = true;
  }
}
