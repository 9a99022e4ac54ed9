package chat.cli.line;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.Advice;
import chat.cli.client.CappedClientListener;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.Deletion;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.FriendView;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.LiveNoticeCap;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.command.AwayTracker;
import chat.cli.command.Bell;
import chat.cli.command.CommandWords;
import chat.cli.command.ConnectionLines;
import chat.cli.command.FileText;
import chat.cli.command.HeldLogIns;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SocialLines;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The line mode's listener: each client event printed above the prompt as one cleaned line, called
 * on the client's event thread ({@link LinePrinter} is safe from any thread). An event that takes
 * this user out of the current conversation moves the prompt on ({@link LinePrompt#movedAway}). Of
 * the notices of what the relay pushes (messages left out or held, replayed copies dropped,
 * messages not delivered), each conversation says five of a kind in a row and counts the others on
 * one line, and so do invalid keys announced, second offers of a file and messages encrypted to
 * other members, once for all conversations ({@link LiveNoticeCap}), so that a relay cannot flood
 * the screen. A contact's changed key is said by its advice, once per key the relay announces; a
 * change of trust state alone prints nothing (the relay serving the pinned key again and then the
 * new one would otherwise print a line each time, and the person's own {@code /trust} or {@code
 * /verify} says its result itself). A private message, or one that names this user, rings the
 * terminal's bell ({@link Bell}). Someone coming online is printed once that has lasted {@link
 * HeldLogIns#BRIEF_VISIT}, and not if they wrote or left meanwhile, so that a one-shot command's
 * log-in and log-out print nothing.
 */
final class LineEvents implements CappedClientListener {
  private final ChatClient client;
  private final LinePrompt prompt;
  private final LinePrinter printer;
  private final MessageLines messages;
  private final Bell bell;
  private final AwayTracker away = new AwayTracker();
  private final ConnectionLines connectionLines = new ConnectionLines();
  private final ProgressLines progress = new ProgressLines();
  private final LiveNoticeCap cap;
  private volatile boolean stopSaid; // set by onStopped, read by the offline line after it

  /** Runs the cap's count lines, and prints a log-in once {@link HeldLogIns#BRIEF_VISIT} passed. */
  private final LiveNoticeCap.Timer timer;

  /** Log-ins not printed yet. */
  private final HeldLogIns comingOnline = new HeldLogIns();

  /**
   * How many presence fetches were started ({@link #listPresence}): the last one's result counts.
   */
  private final AtomicLong presenceFetches = new AtomicLong();

  LineEvents(
      ChatClient client,
      LinePrompt prompt,
      LinePrinter printer,
      MessageLines messages,
      Bell bell,
      LiveNoticeCap.Timer timer) {
    this.client = client;
    this.prompt = prompt;
    this.printer = printer;
    this.messages = messages;
    this.bell = bell;
    this.timer = timer;
    this.cap =
        new LiveNoticeCap(
            unsaid ->
                onNotice(
                    unsaid.conversation(),
                    CommandWords.SLASH.unsaid(unsaid, self(), client::spelling)),
            timer);
  }

  @Override
  public void onMessage(ChatMessage received) {
    if (client.hides(received)) {
      return;
    }
    ChatMessage message = client.unquotingIgnored(received);
    comingOnline.wrote(message.sender());
    cap.beforeMessage(message.conversation());
    messages.message(message, prompt.current());
    if (bell.rings(message, self())) {
      printer.bell();
    }
  }

  @Override
  public LiveNoticeCap noticeCap() {
    return cap;
  }

  /** Says what {@link #cap} counted in every conversation: a line was typed, or run ends. */
  void sayUnsaid() {
    cap.sayAll();
  }

  /**
   * A notice that advises a command, with the slash command; a {@link Advice#warning} (a contact's
   * changed key) as {@code warning: }, in the errors' style.
   */
  @Override
  public void onAdvice(Advice advice) {
    if (advice.warning()) {
      printer.print(
          LineKind.ERROR, "warning: " + TerminalSafe.line(CommandWords.SLASH.advised(advice)));
      return;
    }
    onNotice(advice.conversation(), CommandWords.SLASH.advised(advice));
  }

  /** Held messages, with the slash commands that read them. */
  @Override
  public void onHeld(HeldMessages held) {
    onNotice(held.conversation(), CommandWords.SLASH.held(held));
  }

  @Override
  public void onMembership(String conversation, String username, boolean joined) {
    String self = self();
    if (self == null || !username.equalsIgnoreCase(self)) {
      printer.print(
          LineKind.SYSTEM,
          MessageFormatter.membership(conversation, username, joined, self, client::spelling));
    } else if (prompt.lineRunning()) {
      // a /join or /leave typed here says so itself (and the prompt moves on if need be)
    } else if (!joined && conversation.equals(prompt.current())) {
      // Left elsewhere (another window, a script): the prompt must not stay in it.
      prompt.movedAway(
          conversation,
          MessageFormatter.membership(conversation, username, false, self, client::spelling));
    } else {
      printer.print(
          LineKind.SYSTEM,
          MessageFormatter.membership(conversation, username, joined, self, client::spelling));
    }
  }

  @Override
  public void onNoLongerIn(String conversation) {
    String line = MessageFormatter.noLongerIn(conversation, self(), client::spelling);
    if (conversation.equals(prompt.current())) {
      prompt.movedAway(conversation, line);
    } else {
      printer.print(LineKind.SYSTEM, line);
    }
  }

  @Override
  public void onPresenceChange(String username, Presence presence) {
    AwayTracker.Change change = away.observe(self(), username, presence);
    if (!change.news() || client.ignores(username)) {
      return;
    }
    String line = EventLines.presence(username, presence, change == AwayTracker.Change.BACK);
    if (change == AwayTracker.Change.CAME_ONLINE) {
      HeldLogIns.Held held = comingOnline.hold(username, line, System.currentTimeMillis());
      timer.after(
          HeldLogIns.BRIEF_VISIT,
          () -> comingOnline.release(held).ifPresent(this::sayComingOnline));
      return;
    }
    if (change == AwayTracker.Change.WENT_OFFLINE && comingOnline.leftWithin(username)) {
      return; // in and out within BRIEF_VISIT: a one-shot command, worth no line
    }
    comingOnline.takeBefore(username).ifPresent(this::sayComingOnline);
    printer.print(LineKind.SYSTEM, line);
  }

  /** Prints a log-in held, unless its user is ignored meanwhile. */
  private void sayComingOnline(HeldLogIns.Held held) {
    if (!client.ignores(held.username())) {
      printer.print(LineKind.SYSTEM, held.line());
    }
  }

  @Override
  public void onGroupUpdate(GroupUpdate update) {
    if (client.hides(update)) {
      return;
    }
    String self = self();
    String line =
        EventLines.group(update, self, client.conversations().contains(update.conversation()));
    if (self != null
        && update.removes(self)
        && update.conversation().equals(prompt.current())
        && !prompt.lineRunning()) {
      prompt.movedAway(update.conversation(), line);
    } else {
      printer.print(LineKind.SYSTEM, line);
    }
  }

  /**
   * Who deleted whose messages; what line mode printed of them stays in the terminal's scrollback.
   * An ignored user's deleting their own, which were not shown, is not said.
   */
  @Override
  public void onDeleted(Deletion deletion) {
    if (!(deletion.bySender() && client.ignores(deletion.sender()))) {
      printer.print(LineKind.SYSTEM, SocialLines.deleted(deletion, self(), client::spelling));
    }
  }

  @Override
  public void onFriendUpdate(String username, FriendUpdate update) {
    if (!update.own() && client.ignores(username)) {
      return; // requests, answers and removals of a user ignored: /friends still lists them
    }
    printer.print(LineKind.SYSTEM, EventLines.friend(username, update));
  }

  @Override
  public void onConnection(ConnectionState state, String detail) {
    away.connection(state, detail);
    if (state != ConnectionState.ONLINE) {
      // Heard before the loss, which comes next: said now, as whether they stay will not be heard.
      comingOnline.takeDue(System.currentTimeMillis(), true).forEach(this::sayComingOnline);
    }
    if (state == ConnectionState.ONLINE) {
      listPresence(); // at log-in, and again after a reconnect (it may have changed)
    }
    LineKind kind = state == ConnectionState.RECONNECTING ? LineKind.ERROR : LineKind.SYSTEM;
    boolean spoken =
        state == ConnectionState.RECONNECTING
            || state == ConnectionState.ONLINE && connectionLines.reconnecting();
    Optional<String> said = connectionLines.line(state, detail, client.serverAddress());
    boolean endSaid = stopSaid;
    stopSaid = false;
    if (spoken) {
      // Lost, back, and a rare reminder in between: not a line for every attempt.
      said.ifPresent(line -> printer.print(kind, line));
    } else if (state == ConnectionState.ONLINE) {
      // Online not after a loss is a login, whose command says who and where (logged in as alice
      // on host:port): a line here too would come before or after it, as the threads run.
    } else if (state == ConnectionState.OFFLINE && endSaid) {
      // onStopped printed why (a suspension in the relay's own words): not a second time here.
      printer.print(kind, EventLines.connection(state, "", client.serverAddress()));
    } else {
      printer.print(kind, EventLines.connection(state, detail, client.serverAddress()));
    }
  }

  /**
   * Fetches, on a thread of its own (a listener returns at once), the friends list and the members
   * of the conversation at the prompt, and notes each one's presence as they give it, as the full
   * screen does with its friends and the pane shown: one online now and reconnecting after the
   * relay restarts is then not said to come online, nor one away now to come back, and one who
   * stayed away while this client was gone is said to be back when they are.
   */
  private void listPresence() {
    String self = self();
    if (self == null) {
      return;
    }
    String current = prompt.current();
    long fetch = presenceFetches.incrementAndGet();
    Thread fetching =
        new Thread(
            () -> {
              long askedAt = away.mark(); // before asking: what is heard later is newer
              List<FriendView> friends = List.of();
              try {
                friends = client.friends();
              } catch (RuntimeException e) {
                // offline or logged out: the next log-in or reconnect asks again
              }
              List<MemberView> members = List.of();
              try {
                members = current == null ? List.of() : client.members(current);
              } catch (RuntimeException e) {
                // as above, or no longer in that conversation
              }
              if (fetch != presenceFetches.get()
                  || !self.equalsIgnoreCase(String.valueOf(self()))) {
                return; // a newer fetch has begun, or another user (or none) is logged in now
              }
              away.listedFriends(self, friends, askedAt);
              away.listedMembers(self, members, askedAt);
            },
            "chat-presence-list");
    fetching.setDaemon(true);
    fetching.start();
  }

  /**
   * The relay ended the session or refused its token: why, and how to go on here ({@link
   * CommandWords#SLASH}); the offline line after it is then a bare {@code disconnected}.
   */
  @Override
  public void onStopped(CommandException why) {
    if (why instanceof CommandException.SessionEnded ended) {
      printer.print(LineKind.ERROR, CommandWords.SLASH.sessionEnded(ended));
      stopSaid = true;
    }
  }

  @Override
  public void onFileOffer(FileOffer offer) {
    if (client.hides(offer)) {
      return;
    }
    cap.beforeMessage(offer.conversation());
    messages.offer(offer, prompt.current());
  }

  @Override
  public void onFileTransfer(FileTransfer transfer) {
    if (progress.shouldPrint(transfer)) {
      printer.print(LineKind.SYSTEM, FileText.progress(transfer));
    }
  }

  @Override
  public void onNotice(String conversation, String text) {
    printer.print(LineKind.SYSTEM, EventLines.notice(conversation, text, self(), client::spelling));
  }

  /** This user's name, or null before the login. */
  private String self() {
    return client.username().orElse(null);
  }
}
