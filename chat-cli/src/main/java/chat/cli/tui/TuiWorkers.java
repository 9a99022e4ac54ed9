package chat.cli.tui;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.FriendView;
import chat.cli.client.HistoryPage;
import chat.cli.client.KeptList;
import chat.cli.client.MemberView;
import chat.cli.client.RoomView;
import chat.cli.command.CommandContext;
import chat.cli.command.CommandWords;
import chat.cli.command.Input;
import chat.cli.command.InputDispatcher;
import chat.cli.command.InputParser;
import chat.cli.command.MessageFormatter;
import chat.cli.command.QuitLine;
import chat.cli.emoji.Graphemes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The threads behind the UI: typed lines run one at a time on the command executor; member lists,
 * the conversation list and history are fetched on the background executor (refreshes coalesce).
 * Results go back to the UI thread through {@code post}.
 */
final class TuiWorkers implements TuiBackend {
  /** How much of a failed message its error quotes. */
  private static final int SENT_PREVIEW_GLYPHS = 24;

  private static final Pattern FRIEND_COMMAND =
      Pattern.compile("\\s*/friend\\b", Pattern.CASE_INSENSITIVE);

  private final ChatClient client;
  private final InputDispatcher dispatcher;
  private final Executor commands;
  private final Executor background;
  private final Consumer<Runnable> post;
  private final AtomicBoolean refreshQueued = new AtomicBoolean();
  private volatile String current = TuiModel.STATUS;
  private volatile List<String> listed = List.of();
  private final AtomicLong switchesRequested = new AtomicLong();
  private long switchesShown; // read and written on the UI thread only

  /**
   * Where the last command that moved the screen was typed, and where it moved to: written and read
   * on the command thread, so that a line entered behind it follows it only if it was typed where
   * that command was (the person did not go elsewhere by key in between).
   */
  private volatile String movedFrom;

  private volatile String movedTo = TuiModel.STATUS;
  private Runnable typed = () -> {}; // run on the UI thread
  private CommandContext context;
  private PaneUpdates panes;
  private SessionUpdates session;

  TuiWorkers(
      ChatClient client,
      InputDispatcher dispatcher,
      Executor commands,
      Executor background,
      Consumer<Runnable> post) {
    this.client = Objects.requireNonNull(client, "client");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.background = Objects.requireNonNull(background, "background");
    this.post = Objects.requireNonNull(post, "post");
  }

  /** Connects the workers to the TUI they serve; called once, before any work. */
  void attach(CommandContext context, PaneUpdates panes, SessionUpdates session) {
    this.context = Objects.requireNonNull(context, "context");
    this.panes = Objects.requireNonNull(panes, "panes");
    this.session = Objects.requireNonNull(session, "session");
  }

  /** The conversation current on the UI thread as last published, or {@link TuiModel#STATUS}. */
  String current() {
    return current;
  }

  @Override
  public void selected(String conversation) {
    current = Objects.requireNonNull(conversation, "conversation");
  }

  @Override
  public void listed(List<String> conversations) {
    listed = List.copyOf(conversations);
  }

  @Override
  public void keepList(String username, KeptList list) {
    inBackground(() -> client.keepList(username, list));
  }

  /** The conversation list as numbered on screen when last published. */
  List<String> listed() {
    return listed;
  }

  /**
   * A command moved the current conversation to {@code conversation} (on the command thread); the
   * screen follows once the UI thread calls {@link #switchShown}.
   */
  void commandSwitched(String conversation) {
    Typed now = running;
    movedFrom = now == null ? null : now.conversation();
    movedTo = conversation;
    selected(conversation);
    switchesRequested.incrementAndGet();
  }

  @Override
  public Optional<String> runningLine() {
    Typed now = running;
    return now == null ? Optional.empty() : Optional.of(now.line());
  }

  /** The UI thread shows the conversation a command moved to. */
  void switchShown() {
    switchesShown++;
  }

  /** On the UI thread, at Enter. */
  @Override
  public void submit(String line, String conversation) {
    typed.run();
    submit(line, conversation, () -> {});
  }

  /**
   * Runs {@code action} on the UI thread each time the person submits a line, before the line runs:
   * the notice cap says what it counted and its counts start again, as in line mode.
   */
  void onTyped(Runnable action) {
    this.typed = Objects.requireNonNull(action, "action");
  }

  /** A line submitted for {@code conversation} that has not finished running. */
  private record Typed(String line, String conversation) {}

  /** Lines submitted and not started yet, in order. */
  private final java.util.Queue<Typed> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** The line running now, or null. */
  private volatile Typed running;

  /** Set as the TUI ends: no line starts after it, and the one running then is kept here. */
  private volatile boolean stopping;

  private volatile Typed cutOff;

  /**
   * The TUI is ending: lines not started yet never start, and the one running now is remembered,
   * for {@link #neverRun}, before its thread is stopped. On the UI thread.
   */
  void stopping() {
    synchronized (waiting) {
      stopping = true;
      cutOff = running;
    }
  }

  /** As {@link #submit(String, String)}, then runs {@code finished} on the UI thread. */
  void submit(String line, String conversation, Runnable finished) {
    long shown = switchesShown;
    Typed typed = new Typed(line, conversation);
    waiting.add(typed);
    commands.execute(() -> runLine(typed, shown, finished));
  }

  /**
   * As the TUI ends ({@link #stopping}, its command thread stopped): a line for each message or
   * command typed before {@code /quit} that did not run ({@link QuitLine#neverRun}), after one for
   * a message still being sent, which may have arrived; in the order typed.
   */
  List<String> neverRun() {
    List<String> out = new ArrayList<>();
    Typed now = cutOff;
    if (now != null && InputParser.parse(now.line()) instanceof Input.Text text) {
      out.add(
          "cut off: "
              + QuitLine.quoted(
                  MessageFormatter.conversationLabel(client, now.conversation()), text.text())
              + " was still being sent (it may have arrived: /history shows it)");
    }
    if (now != null && !(InputParser.parse(now.line()) instanceof Input.Text)) {
      // Behind a command, which may have asked for a passphrase typed ahead: never its words.
      if (!waiting.isEmpty()) {
        out.add(QuitLine.neverRunCount(waiting.size()));
      }
      return out;
    }
    for (Typed typed : waiting) {
      out.add(
          QuitLine.neverRun(
              typed.line(), MessageFormatter.conversationLabel(client, typed.conversation())));
    }
    return out;
  }

  private void runLine(Typed typed, long switchesSeen, Runnable finished) {
    synchronized (waiting) { // with stopping(): a line runs, or is said as never run
      if (stopping) {
        return; // said by neverRun, as the TUI ends
      }
      waiting.remove(typed);
      running = typed;
    }
    String line = typed.line();
    String conversation = typed.conversation();
    try {
      boolean moved = switchesRequested.get() > switchesSeen;
      String to = movedTo;
      if (moved && InputParser.parse(line) instanceof Input.Text) {
        // Typed before an earlier command (/join, /pm, /switch) moved the screen: not for here.
        throw new CommandException.Usage(
            "not sent: it was typed before an earlier command moved you to "
                + MessageFormatter.conversationLabel(client, to)
                + "; send it again (Up) to post it there");
      }
      if (moved && conversation.equals(movedFrom)) {
        // A command entered behind /switch where that was typed (pasted with it, or typed ahead):
        // it follows the move, as each line of the line mode runs where the one before left it.
        // One typed after going elsewhere by key runs where it was typed.
        conversation = to;
      }
      dispatcher.dispatchOrThrow(line, new LineContext(context, conversation));
    } catch (CommandException e) {
      context.error(whose(line, conversation, e) + CommandWords.SLASH.said(e));
    } catch (RuntimeException e) {
      context.error("command failed: " + e.getClass().getSimpleName());
    } finally {
      running = null;
      post.accept(session::commandFinished);
      post.accept(finished);
      refresh();
      if (FRIEND_COMMAND.matcher(line).lookingAt()) {
        loadFriends(); // the relay tells the other side of a friendship change, not this one
      }
    }
  }

  /**
   * For a message that failed on the network (no answer, no connection): which message it was, as
   * {@code #lobby, "deploy at no...": }. Such an error comes late, after lines typed behind it
   * waited for it, and maybe in another pane than the one it was typed in; an empty string
   * otherwise.
   */
  private String whose(String line, String conversation, CommandException e) {
    if (!(e instanceof CommandException.Network)
        || !(InputParser.parse(line) instanceof Input.Text text)) {
      return "";
    }
    String label = MessageFormatter.conversationLabel(client, conversation);
    String shown = Graphemes.shorten(TerminalSafe.line(text.text()), SENT_PREVIEW_GLYPHS, "...");
    return label + ", \"" + shown + "\": ";
  }

  /** On the UI thread: stops the UI loop; a command still running is cut off as the TUI stops. */
  @Override
  public void quit() {
    context.quit();
  }

  @Override
  public void loadTitles() {
    inBackground(
        () -> {
          List<RoomView> rooms;
          try {
            rooms = client.rooms();
          } catch (RuntimeException e) {
            return; // Offline or logged out: the next log-in or refresh asks again.
          }
          post.accept(() -> session.titlesListed(rooms));
        });
  }

  @Override
  public void loadFriends() {
    inBackground(
        () -> {
          String user = client.username().orElse(null);
          long askedAt = session.presenceHeard(); // before asking: what is heard later is newer
          List<FriendView> friends;
          try {
            friends = client.friends();
          } catch (RuntimeException e) {
            return; // Offline or logged out: the next log-in or friend change fetches again.
          }
          if (user != null) {
            post.accept(() -> session.friendsListed(user, friends, askedAt));
          }
        });
  }

  @Override
  public void refresh() {
    if (refreshQueued.compareAndSet(false, true) && !inBackground(this::fetchLists)) {
      refreshQueued.set(false);
    }
  }

  /**
   * Runs {@code work} on the background thread; false once the TUI has stopped that thread (a
   * command that ends as the TUI quits still asks for a refresh, which nobody would see).
   */
  private boolean inBackground(Runnable work) {
    try {
      background.execute(work);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private void fetchLists() {
    refreshQueued.set(false);
    long presenceMark = session.presenceMark(); // before asking: news heard later is newer
    String conversation = current;
    List<String> conversations;
    KeptList kept;
    List<MemberView> members = null;
    try {
      conversations = client.conversations();
      kept = client.keptList();
      if (!conversation.equals(TuiModel.STATUS) && client.username().isPresent()) {
        members = withCurrentTrust(client.members(conversation));
      }
    } catch (RuntimeException e) {
      return; // Offline or refused: keep what is shown; the next event refreshes again.
    }
    List<MemberView> fetched = members;
    post.accept(() -> session.refreshed(conversations, kept, conversation, fetched, presenceMark));
  }

  /** The members with the trust this client holds now (a member list may lag a key change). */
  private List<MemberView> withCurrentTrust(List<MemberView> members) {
    List<MemberView> out = new ArrayList<>(members.size());
    for (MemberView member : members) {
      out.add(member.withTrust(client.trustState(member.username())));
    }
    return out;
  }

  @Override
  public void loadHistory(String conversation, int limit) {
    inBackground(
        () -> {
          HistoryPage page;
          try {
            page = client.historyPage(conversation, limit);
          } catch (RuntimeException e) {
            return; // Not logged in or refused: the pane starts empty.
          }
          post.accept(() -> panes.history(conversation, page));
        });
  }
}
