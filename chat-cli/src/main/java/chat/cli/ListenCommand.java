package chat.cli;

import chat.cli.client.Advice;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.Deletion;
import chat.cli.client.FileOffer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.Presence;
import chat.cli.client.TrustState;
import chat.cli.command.CommandWords;
import chat.cli.command.ConnectionLines;
import chat.cli.command.DaySeparators;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SocialLines;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat listen}: stays connected and prints every message (and, with {@code --json}, every
 * event) as it arrives, one line each, until stopped (Ctrl-C or SIGTERM, a normal end: exit 0; see
 * {@link StopOnSignal}). It first catches up on what arrived since the last run and reconnects by
 * itself.
 */
@Command(
    name = "listen",
    description = {
      "Stay connected and print messages as they arrive, one per line, until stopped.",
      "With --json every line is a JSON object: message, file_offer, deleted, membership,"
          + " presence, group, friend, trust, connection or notice."
    })
final class ListenCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @picocli.CommandLine.Option(
      names = "--count",
      paramLabel = "N",
      description = "exit after N messages (default, and 0: run until stopped)")
  int count;

  ListenCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    CountDownLatch stopped = new CountDownLatch(1);
    if (count < 0) {
      throw new CommandException.Usage("--count must be 0 (no limit) or more");
    }
    try (StopOnSignal signals =
        new StopOnSignal(
            stopped::countDown,
            () -> {
              support.out().flush();
              support.err().flush();
            })) {
      String user = support.options().requireUser(context);
      ChatClient client = support.client(true);
      Printer printer = new Printer(support, client, stopped, count);
      client.addListener(printer);
      ChatClient live = support.loggedIn(client);
      knowFriends(live);
      try {
        if (!support.options().json()) {
          support.err().println("chat: listening as " + user + "; stop with Ctrl-C");
          support.err().flush();
        }
        stopped.await();
      } finally {
        // What arrives from now on was not printed: the next listen starts with it.
        live.stopMessages(false);
        try {
          close(live, printer);
        } finally {
          support.sayUnsaid(); // what listen counted and did not say yet
        }
      }
      if (printer.localWriteFailure != null) {
        throw new CommandException.FileAccess(
            printer.localWriteFailure
                + ": stopped; nothing is lost: once the folder can be written, the next listen"
                + " shows again what could not be recorded",
            null);
      }
      if (printer.outputLost) {
        throw new CommandException.FileAccess(
            "cannot write to standard output ("
                + StdoutWriter.reason(support.out(), "closed?")
                + "): stopped; the next listen starts with the message that could not be printed",
            null);
      }
      if (printer.stoppedBy instanceof CommandException.Network network
          && network.certificateChanged()) {
        // its warning, both fingerprints in it, was said as it came: not a second time (exit 3)
        throw new CommandException.Network(
            "stopped: the relay's certificate changed (see the warning above); once that is"
                + " settled, run chat listen again",
            null);
      }
      if (printer.stoppedBy != null) {
        // keys replaced elsewhere (exit 4), the session ended (2)
        throw printer.stoppedBy;
      }
      if (printer.sessionLost != null) {
        throw new CommandException.Auth(printer.sessionLost, null);
      }
      signals.succeeded();
      return 0;
    }
  }

  /**
   * Asks the friends list once, so that the client knows the presence of friends online already,
   * whom no event names until they change: one who leaves while the connection is down is then said
   * to have gone, after the reconnect, as one heard of since is.
   */
  private static void knowFriends(ChatClient live) {
    try {
      live.friends();
    } catch (RuntimeException e) {
      // a relay without friends, or a connection lost at once: only friends heard of are known
    }
  }

  /**
   * Closes {@code live}; its state failing to save again is not news once listen stopped for it.
   */
  private static void close(ChatClient live, Printer printer) {
    try {
      live.close();
    } catch (CommandException.FileAccess e) {
      if (printer.localWriteFailure == null) {
        throw e;
      }
    }
  }

  /**
   * Prints what the client reports. A message it does not print (past {@code --count}, or when the
   * output is gone, such as a pipe whose reader exited) it refuses, so that the client neither
   * marks it as seen nor moves the cursor past it. Reports from different threads (the login's
   * connection state, the client's events) are printed one at a time, so that nothing is printed
   * after the last counted message.
   */
  private static final class Printer implements ClientListener {
    private final RelayCommandSupport support;
    private final ChatClient client;
    private final CountDownLatch stopped;
    private volatile String sessionLost;
    private volatile CommandException stoppedBy;
    private volatile boolean outputLost;
    private volatile String localWriteFailure;
    private final int limit;
    private final DaySeparators days = Output.days();
    private final ConnectionLines connectionLines = new ConnectionLines();
    private int printed;

    /**
     * Every conversation the client has listed while this listened: a removal or a disband is
     * printed only for one of them (the client has dropped it by the time it is told), never for a
     * conversation this user was not in.
     */
    private final Set<String> listed = new HashSet<>();

    Printer(RelayCommandSupport support, ChatClient client, CountDownLatch stopped, int limit) {
      this.support = support;
      this.client = client;
      this.stopped = stopped;
      this.limit = limit;
    }

    private boolean json() {
      return support.options().json();
    }

    /**
     * Whether listen is stopping (after {@code --count} messages, a signal, a lost session or
     * output): then nothing more is printed, so the last counted message is the last line.
     */
    private boolean finished() {
      return stopped.getCount() == 0;
    }

    private void emit(ObjectNode node) {
      if (finished()) {
        return;
      }
      support.out().println(JsonLines.line(node));
      written(false);
    }

    /**
     * Whether what was just printed reached the output. If not, listen stops; with {@code message},
     * the message being reported is refused, so the next listen prints it.
     */
    private boolean written(boolean message) {
      if (!support.out().checkError()) { // flushes first
        return true;
      }
      outputLost = true;
      client.stopMessages(message);
      stopped.countDown();
      return false;
    }

    /**
     * Whether another message may be printed under {@code --count}; if not, the one being reported
     * and everything after it are left for the next listen.
     */
    private boolean room() {
      if (!outputLost && (limit == 0 || printed < limit)) {
        return true;
      }
      client.stopMessages(true);
      return false;
    }

    /**
     * One more message was printed: the listener stops once {@code --count} are, and the client at
     * once, so that a catch-up under way ends here instead of failing on the closing connection.
     */
    private void printedOne() {
      printed++;
      if (limit > 0 && printed >= limit) {
        client.stopMessages(false);
        stopped.countDown();
      }
    }

    /**
     * The profile cannot be written (full, read-only): listen stops, refusing what is reported from
     * now on, so that no cursor moves past a message this machine could not record.
     */
    @Override
    public void onLocalWriteFailure(String text) {
      localWriteFailure = text;
      client.stopMessages(true);
      stopped.countDown();
    }

    @Override
    public synchronized void onMessage(ChatMessage message) {
      listed.addAll(client.conversations());
      if (!room()) {
        return;
      }
      Output.message(support, message, days);
      if (written(true)) {
        printedOne();
      }
    }

    /** A file offer is a message of its conversation: it counts toward {@code --count}. */
    @Override
    public synchronized void onFileOffer(FileOffer offer) {
      listed.addAll(client.conversations());
      if (!room()) {
        return;
      }
      Output.offer(support, offer, days);
      if (written(true)) {
        printedOne();
      }
    }

    /**
     * A membership change (another member's only in a conversation this user is in, as the client
     * tells them): with {@code --json} a {@code membership} line; in text, only this user's own,
     * made on another device or window (listen makes none), on stderr in the words of the line mode
     * ({@code you joined #rust}, {@code you left #rust}, {@code you closed @bob}, {@code you
     * opened @bob}), since which messages it prints from then on changes.
     */
    @Override
    public synchronized void onMembership(String conversation, String username, boolean joined) {
      listed.addAll(client.conversations());
      if (json()) {
        emit(
            JsonLines.object("membership")
                .put("conversation", conversation)
                .put("user", username)
                .put("change", joined ? "joined" : "left"));
      } else if (client.username().filter(username::equalsIgnoreCase).isPresent()) {
        say(
            MessageFormatter.membership(
                conversation, username, joined, username, client::spelling));
      }
    }

    /**
     * A conversation a reconnect found this user out of: with {@code --json} a {@code membership}
     * line naming this user, as a leave made on another device is while connected; in text, the
     * line the TUI says, on stderr after the reconnect's own.
     */
    @Override
    public synchronized void onNoLongerIn(String conversation) {
      if (json()) {
        onMembership(conversation, client.username().orElse(""), false);
      } else {
        say(
            MessageFormatter.noLongerIn(
                conversation, client.username().orElse(null), client::spelling));
      }
    }

    /**
     * Says {@code text} (cleaned by the caller) on stderr in text mode, unless listen is stopping.
     */
    private void say(String text) {
      if (!finished()) {
        support.err().println("chat: " + text);
        support.err().flush();
      }
    }

    @Override
    public synchronized void onPresenceChange(String username, Presence presence) {
      if (json()) {
        ObjectNode node =
            JsonLines.object("presence")
                .put("user", username)
                .put("online", presence.isOnline())
                .put("status", presence.status().name());
        if (!presence.message().isEmpty()) {
          node.put("message", presence.message());
        }
        emit(node);
      }
    }

    @Override
    public synchronized void onGroupUpdate(GroupUpdate update) {
      listed.addAll(client.conversations());
      if (json()) {
        emit(
            JsonLines.object("group")
                .put("conversation", update.conversation())
                .put("actor", update.actor())
                .put("change", update.kind().name())
                .put("user", update.target())
                .put("title", update.title())
                .put("reason", update.reason())
                .put("until", update.until() == null ? "" : JsonLines.time(update.until())));
      } else if (printed(update)) {
        line(
            SocialLines.group(
                update,
                client.username().orElseThrow(),
                CommandWords.SCRIPT,
                client.conversations().contains(update.conversation())));
      }
    }

    /**
     * Messages deleted, which a reader of the output may have seen: a {@code deleted} line with
     * {@code --json}, else who deleted whose; an ignored user's deleting their own, which were not
     * printed, is not said.
     */
    @Override
    public synchronized void onDeleted(Deletion deletion) {
      if (json()) {
        emit(JsonLines.deleted(deletion));
      } else if (!(deletion.bySender() && client.ignores(deletion.sender()))) {
        line(SocialLines.deleted(deletion, client.username().orElse(null), client::spelling));
      }
    }

    /**
     * Whether text mode prints {@code update}: an invitation to this user, a decline of an
     * invitation to a group this user is a member of (the owner of a script that invites wants to
     * know), this user's removal or ban from a group, a mute of this user or its end, and a group
     * disbanded (after which nothing more comes from it, which a script should not take for
     * silence); the other group events only with {@code --json}.
     */
    private boolean printed(GroupUpdate update) {
      String self = client.username().orElse(null);
      if (self == null) {
        return false;
      }
      return switch (update.kind()) {
        case INVITED -> update.target().equalsIgnoreCase(self);
        case KICKED, BANNED ->
            update.target().equalsIgnoreCase(self) && listed.contains(update.conversation());
        case MUTED, UNMUTED, MUTE_ENDED -> update.target().equalsIgnoreCase(self);
        case DISBANDED -> listed.contains(update.conversation());
        case UNINVITED ->
            update.declined() && client.conversations().contains(update.conversation());
        default -> false;
      };
    }

    /** Prints an event line in text mode (cleaned by the caller), unless listen is stopping. */
    private void line(String text) {
      if (finished()) {
        return;
      }
      support.out().println(support.rows().wrap(text));
      written(false);
    }

    @Override
    public synchronized void onFriendUpdate(String username, FriendUpdate update) {
      if (json()) {
        var node = JsonLines.object("friend").put("user", username).put("change", update.change());
        if (update.own()) {
          node.put("own", true); // this user's own change, made on another device
        }
        emit(node);
      } else if (update == FriendUpdate.REQUESTED) {
        line(SocialLines.friend(username, update, CommandWords.SCRIPT));
      }
    }

    @Override
    public synchronized void onTrustChange(String username, TrustState state) {
      if (json()) {
        emit(JsonLines.object("trust").put("user", username).put("state", state.name()));
      }
    }

    @Override
    public synchronized void onStopped(CommandException why) {
      stoppedBy = why;
    }

    @Override
    public synchronized void onConnection(ConnectionState state, String detail) {
      listed.addAll(client.conversations());
      if (json()) {
        emit(JsonLines.object("connection").put("state", state.name()).put("detail", detail));
      } else {
        // OFFLINE ends the command, whose error says the same once.
        connectionLines.line(state, detail, client.serverAddress()).ifPresent(this::say);
      }
      if (state == ConnectionState.OFFLINE) {
        sessionLost = detail;
        stopped.countDown();
      }
    }

    @Override
    public synchronized void onNotice(String conversation, String text) {
      if (json()) {
        emit(JsonLines.object("notice").put("conversation", conversation).put("text", text));
      }
    }

    /**
     * A notice that advises a command: with {@code --json}, a {@code notice} line in a script's
     * words.
     */
    @Override
    public synchronized void onAdvice(Advice advice) {
      onNotice(advice.conversation(), CommandWords.SCRIPT.advised(advice));
    }

    /**
     * Held messages: with {@code --json}, a {@code notice} line in a script's words that also says
     * what it counts, as a {@code held} line of {@code chat history} does.
     */
    @Override
    public synchronized void onHeld(HeldMessages held) {
      if (json()) {
        emit(
            JsonLines.held(
                JsonLines.object("notice")
                    .put("conversation", held.conversation())
                    .put("text", CommandWords.SCRIPT.held(held)),
                held));
      }
    }

    /**
     * Messages left out for good: with {@code --json} a {@code notice} line that also says what it
     * counts, as a {@code left_out} line of {@code chat history} does, one for each message pushed
     * live. The notice goes to stderr in either mode, as every notice does (the listener of {@code
     * RelayCommandSupport.client}, which says five pushed live in a row per conversation and counts
     * the others, see {@link chat.cli.client.LiveNoticeCap}).
     */
    @Override
    public synchronized void onLeftOut(LeftOutMessages left) {
      if (json()) {
        emit(
            JsonLines.leftOut(
                JsonLines.object("notice")
                    .put("conversation", left.conversation())
                    .put("text", left.notice()),
                left));
      }
    }

    /**
     * Messages a catch-up left out from more senders than its notices name: with {@code --json}, a
     * {@code notice} line for each sender and reason as for the others, so that a script still
     * learns every message; stderr counts them on one line.
     */
    @Override
    public synchronized void onLeftOutFromOthers(LeftOutFromOthers others) {
      if (json()) {
        others.messages().forEach(this::onLeftOut);
      }
    }
  }
}
