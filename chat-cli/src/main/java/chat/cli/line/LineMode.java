package chat.cli.line;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.Advice;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.LiveLeftOutCap;
import chat.cli.client.Presence;
import chat.cli.client.TrustState;
import chat.cli.command.AwayTracker;
import chat.cli.command.CommandContext;
import chat.cli.command.CommandWords;
import chat.cli.command.ConnectionLines;
import chat.cli.command.FileText;
import chat.cli.command.Input;
import chat.cli.command.InputCompleter;
import chat.cli.command.InputDispatcher;
import chat.cli.command.InputParser;
import chat.cli.command.LongTasks;
import chat.cli.command.MessageFormatter;
import chat.cli.command.NextConversation;
import chat.cli.command.PastedLineBreaks;
import chat.cli.command.SecretKind;
import chat.cli.command.SecretRedaction;
import chat.protocol.ConversationIds;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * clears it. Of the messages pushed live and left out, each conversation says five in a row and
 * counts the others on one line ({@link LiveLeftOutCap}), so that a relay cannot flood the screen.
 *
 * <p>History is kept in memory and holds only what {@link SecretRedaction#historyEntry} lets
 * through; secrets are read on a masked prompt and never enter it.
 */
public final class LineMode implements CommandContext, ClientListener {
  private final ChatClient client;
  private final InputDispatcher dispatcher;
  private final Terminal terminal;
  private final boolean dumb;
  private final TerminalEcho echo;
  private final boolean typingEchoed;
  private final InMemoryHistory history = new InMemoryHistory();
  private final LineModeReader reader;
  private final MessageLines messages;
  private final AwayTracker away = new AwayTracker();
  private final ConnectionLines connectionLines = new ConnectionLines();
  private final ProgressLines progress = new ProgressLines();
  private final LongTasks transfers = new LongTasks("chat-line-transfer");
  private final CommandThreads commands;
  private final LinePrinter printer;
  private final LineSecrets secrets;
  private final LiveLeftOutCap leftOutCap = new LiveLeftOutCap();

  private volatile String current;
  private volatile boolean commandRunning;

  /**
   * While a typed line runs, the conversation the prompt named when it was typed (empty for none):
   * the line acts on that one even if an event moved the prompt meanwhile. Null between lines.
   */
  private volatile Optional<String> typedFor;

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
    this.printer = new LinePrinter(reader, colour);
    this.messages =
        new MessageLines(client, Objects.requireNonNull(formatter, "formatter"), printer);
    this.secrets = new LineSecrets(options.secrets(), echo, dumb, reader, commands);
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
    client.addListener(this);
    try {
      info("type /help for commands, /quit to leave");
      runStartup(startup);
      if (current == null && client.conversations().contains(ConversationIds.LOBBY)) {
        current = ConversationIds.LOBBY;
      }
      while (!quitRequested) {
        String line;
        String shown = current;
        try {
          commands.replayTypedAhead(reader); // keys typed while a command ran
          line = typed(reader.readLine(prompt(shown)));
        } catch (UserInterruptException e) {
          if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) {
            break;
          }
          continue;
        } catch (EndOfFileException e) {
          transfers.finish(() -> info("waiting for file transfers to finish"));
          break;
        }
        SecretRedaction.historyEntry(line).ifPresent(history::record);
        if (!Objects.equals(shown, current) && InputParser.parse(line) instanceof Input.Text) {
          // Typed under a prompt that named another conversation: never post it elsewhere.
          print(
              LineKind.ERROR,
              NextConversation.notSent(
                  shown == null ? "no conversation" : label(shown),
                  current == null ? "none" : label(current)));
          continue;
        }
        if (!dispatch(line, shown)) {
          break;
        }
      }
    } finally {
      sayLeftOutUnsaid();
      for (String cut : transfers.cutOff()) {
        print(LineKind.ERROR, cut);
      }
      client.removeListener(this);
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
        if (!dispatch(line, current)) {
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
    sayLeftOutUnsaid();
    return commands.run(line, () -> runLine(line, shown)) == CommandThreads.Outcome.FINISHED;
  }

  /**
   * Runs {@code line} as typed for {@code shown}; afterwards, if the current room is one this user
   * is no longer in (removed while the line ran), moves the prompt on and says so.
   */
  private void runLine(String line, String shown) {
    commandRunning = true;
    typedFor = Optional.ofNullable(shown);
    try {
      dispatcher.dispatch(line, this);
    } finally {
      typedFor = null;
      commandRunning = false;
    }
    String now = current;
    if (now != null && ConversationIds.isRoom(now) && !client.conversations().contains(now)) {
      movedAway(now, "you are no longer in " + label(now));
    }
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

  /**
   * This user is out of {@code gone}, the current conversation, by something other than a command
   * typed here: moves to {@code #lobby} (else another conversation) and says {@code said} with
   * where the prompt is now; the prompt changes with it.
   */
  private void movedAway(String gone, String said) {
    current = NextConversation.after(client.conversations(), gone).orElse(null);
    reader.setPrompt(prompt()); // redrawn by print's printAbove; what was typed stays for the old
    print(
        LineKind.SYSTEM,
        said + (current == null ? "; no conversation selected" : "; now in " + label(current)));
  }

  /** The prompt: the current conversation's label and {@code "> "}. */
  String prompt() {
    return prompt(current);
  }

  private String prompt(String conversation) {
    return conversation == null ? "> " : label(conversation) + "> ";
  }

  /** The input history entries, oldest first. */
  List<String> historyEntries() {
    return history.entries();
  }

  private String label(String conversation) {
    return MessageFormatter.conversationLabel(conversation, client.username().orElse(null));
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
    Optional<String> pinned = typedFor;
    return pinned != null ? pinned : Optional.ofNullable(current);
  }

  @Override
  public void switchTo(String conversation) {
    current = Objects.requireNonNull(conversation, "conversation");
    if (typedFor != null) {
      typedFor = Optional.of(conversation); // the line itself moved on
    }
  }

  /** Prints {@code message} as one line ({@link MessageLines#message}). */
  @Override
  public void showMessage(ChatMessage message) {
    messages.message(message, current);
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

  /** A given secret once (as a script's), else one typed twice on masked prompts. */
  @Override
  public char[] readNewSecret(SecretKind kind, String prompt) {
    Optional<char[]> given = secrets.given(kind);
    return given.isPresent() ? given.get() : CommandContext.super.readNewSecret(kind, prompt);
  }

  /**
   * Runs a long task (a file transfer) on a background thread, so the prompt stays usable; progress
   * and the outcome are printed above the prompt. At the end of the input (a script piped in) line
   * mode waits for it before the client closes; {@code /quit} and Ctrl-C cut it off and say so (a
   * cut download resumes later).
   */
  @Override
  public void runLong(Supplier<String> what, Runnable task) {
    transfers.run(what, task, this::error);
  }

  @Override
  public void clear() {
    if (terminal.puts(InfoCmp.Capability.clear_screen)) {
      terminal.flush();
    }
  }

  @Override
  public void quit() {
    quitRequested = true;
  }

  // ClientListener: called on the client's event thread; printAbove is safe from any thread.

  @Override
  public void onMessage(ChatMessage message) {
    sayLeftOutUnsaid(message.conversation());
    showMessage(message);
  }

  /**
   * A message pushed live and left out: said for the first few of its conversation in a row ({@link
   * LiveLeftOutCap}), counted for later after that.
   */
  @Override
  public void onLeftOutPushed(LeftOutMessages left) {
    if (leftOutCap.say(left)) {
      onLeftOut(left);
    }
  }

  /**
   * Says what {@link #leftOutCap} counted in {@code conversation}, before a message shown there.
   */
  private void sayLeftOutUnsaid(String conversation) {
    leftOutCap.beforeMessage(conversation).ifPresent(this::sayLeftOutUnsaid);
  }

  /** Says what {@link #leftOutCap} counted in every conversation: a line was typed, or run ends. */
  private void sayLeftOutUnsaid() {
    leftOutCap.takeAll().forEach(this::sayLeftOutUnsaid);
  }

  private void sayLeftOutUnsaid(LiveLeftOutCap.Unsaid unsaid) {
    onNotice(
        unsaid.conversation(),
        CommandWords.SLASH.leftOutUnsaid(unsaid, client.username().orElse(null)));
  }

  /** A notice that advises a command, with the slash command. */
  @Override
  public void onAdvice(Advice advice) {
    onNotice(advice.conversation(), CommandWords.SLASH.advised(advice));
  }

  /** Held messages, with the slash commands that read them. */
  @Override
  public void onHeld(HeldMessages held) {
    onNotice(held.conversation(), CommandWords.SLASH.held(held));
  }

  @Override
  public void onMembership(String conversation, String username, boolean joined) {
    String self = client.username().orElse(null);
    if (self == null || !username.equalsIgnoreCase(self)) {
      print(LineKind.SYSTEM, EventLines.membership(conversation, username, joined, self));
    } else if (commandRunning) {
      // a /join or /leave typed here says so itself (and dispatch moves on if need be)
    } else if (!joined && conversation.equals(current)) {
      // Left elsewhere (another window, a script): the prompt must not stay in it.
      movedAway(conversation, EventLines.membership(conversation, username, false, self));
    } else {
      print(LineKind.SYSTEM, EventLines.membership(conversation, username, joined, self));
    }
  }

  @Override
  public void onNoLongerIn(String conversation) {
    String line = MessageFormatter.noLongerIn(conversation, client.username().orElse(null));
    if (conversation.equals(current)) {
      movedAway(conversation, line);
    } else {
      print(LineKind.SYSTEM, line);
    }
  }

  @Override
  public void onPresenceChange(String username, Presence presence) {
    AwayTracker.Change change = away.observe(client.username().orElse(null), username, presence);
    if (change != AwayTracker.Change.STILL_AWAY) {
      print(
          LineKind.SYSTEM,
          EventLines.presence(username, presence, change == AwayTracker.Change.BACK));
    }
  }

  @Override
  public boolean showsOwnEvents() {
    return true;
  }

  @Override
  public void onGroupUpdate(GroupUpdate update) {
    String self = client.username().orElse(null);
    String line = EventLines.group(update, self);
    if (self != null
        && update.removes(self)
        && update.conversation().equals(current)
        && !commandRunning) {
      movedAway(update.conversation(), line);
    } else {
      print(LineKind.SYSTEM, line);
    }
  }

  @Override
  public void onFriendUpdate(String username, FriendUpdate update) {
    print(LineKind.SYSTEM, EventLines.friend(username, update));
  }

  @Override
  public void onTrustChange(String username, TrustState state) {
    LineKind kind = state == TrustState.CHANGED ? LineKind.ERROR : LineKind.SYSTEM;
    print(kind, EventLines.trust(username, state));
  }

  @Override
  public void onConnection(ConnectionState state, String detail) {
    if (state != ConnectionState.ONLINE) {
      away.connectionLost();
    }
    LineKind kind = state == ConnectionState.RECONNECTING ? LineKind.ERROR : LineKind.SYSTEM;
    boolean spoken =
        state == ConnectionState.RECONNECTING
            || state == ConnectionState.ONLINE && connectionLines.reconnecting();
    Optional<String> said = connectionLines.line(state, detail, client.serverAddress());
    if (spoken) {
      // Lost, back, and a rare reminder in between: not a line for every attempt.
      said.ifPresent(line -> print(kind, line));
    } else {
      print(kind, EventLines.connection(state, detail, client.serverAddress()));
    }
  }

  /**
   * The relay ended the session or refused its token: why, and how to go on here ({@link
   * CommandWords#SLASH}); the offline line after it says why again.
   */
  @Override
  public void onStopped(CommandException why) {
    if (why instanceof CommandException.SessionEnded ended) {
      print(LineKind.ERROR, CommandWords.SLASH.sessionEnded(ended));
    }
  }

  @Override
  public void onFileOffer(FileOffer offer) {
    sayLeftOutUnsaid(offer.conversation());
    showOffer(offer);
  }

  /** Prints {@code offer} as one line, as it arrives or {@code /history} lists it. */
  @Override
  public void showOffer(FileOffer offer) {
    messages.offer(offer, current);
  }

  @Override
  public void onFileTransfer(FileTransfer transfer) {
    if (progress.shouldPrint(transfer)) {
      print(LineKind.SYSTEM, FileText.progress(transfer));
    }
  }

  @Override
  public void onNotice(String conversation, String text) {
    print(LineKind.SYSTEM, EventLines.notice(conversation, text, client.username().orElse(null)));
  }
}
