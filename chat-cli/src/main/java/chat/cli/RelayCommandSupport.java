package chat.cli;

import chat.cli.client.Advice;
import chat.cli.client.CappedClientListener;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.FileOffer;
import chat.cli.client.HeldMessages;
import chat.cli.client.LiveNoticeCap;
import chat.cli.command.CommandWords;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SecretKind;
import chat.cli.line.RowWrapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the networked subcommands share: their merged {@link RelayOptions}, the secrets, and logging
 * in. A command resumes the stored session when there is one (no password, no bcrypt on the relay)
 * and otherwise logs in with the password.
 */
final class RelayCommandSupport {
  private final CliContext context;
  private final CommandSpec spec;
  private final RelayOptions options;

  /** Whether the terminal's echo is held off for a coming prompt (see {@link #hideTypingIf}). */
  private boolean typingHidden;

  /** The rows of standard output's terminal ({@link #rows}), as wide as {@link #columns}. */
  private RowWrapper rows;

  /** The width of standard output's terminal as it changes; 0 for a file or a pipe. */
  private StdoutColumns.Following columns;

  /** The width {@link #rows} wraps to. */
  private int width;

  /** The client made last ({@link #client}), whose user names private conversations on stderr. */
  private volatile ChatClient made;

  /**
   * The notices of what the relay pushes that stderr says in a row; the others are counted on one
   * line each conversation and kind (each kind, for a global one, and one line for conversations
   * past the bound), said by {@link #notice}.
   */
  private final LiveNoticeCap cap =
      new LiveNoticeCap(
          unsaid -> notice(unsaid.conversation(), unsaid(made, unsaid)),
          LiveNoticeCap.Timer.BACKGROUND);

  /** What {@link #cap} says past its notices, private conversations named as {@code client}'s. */
  private static String unsaid(ChatClient client, LiveNoticeCap.Counted counted) {
    return client == null
        ? CommandWords.SCRIPT.unsaid(counted, null, UnaryOperator.identity())
        : CommandWords.SCRIPT.unsaid(counted, client.username().orElse(null), client::spelling);
  }

  RelayCommandSupport(CliContext context, CommandSpec spec, RelayOptions local) {
    this.context = context;
    this.spec = spec;
    Object root = spec.root().userObject();
    this.options = root instanceof ChatCommand chat ? local.merged(chat.relay) : local;
  }

  RelayOptions options() {
    return options;
  }

  CliContext context() {
    return context;
  }

  Secrets secrets() {
    return new Secrets(context, options);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /**
   * Rows that fit the terminal standard output writes to, as wide as it is now ({@link
   * StdoutColumns#following}); none when it writes to a file or a pipe. Any thread.
   */
  synchronized RowWrapper rows() {
    if (columns == null) {
      columns =
          context.stdoutIsTerminal()
              ? StdoutColumns.following()
              : new StdoutColumns.Following(() -> 0); // asked once, never resized
    }
    int now = columns.columns();
    if (rows == null || now != width) {
      width = now;
      rows = RowWrapper.forTerminal(now);
    }
    return rows;
  }

  /**
   * Prints a command's one result: {@code json} as one JSON line under {@code --json}, else {@code
   * text} (already made terminal-safe by the caller).
   */
  void result(com.fasterxml.jackson.databind.node.ObjectNode json, String text) {
    out().println(options().json() ? JsonLines.line(json) : text);
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /**
   * {@code conversation} as the person names it, cleaned: a room as {@code #ops}, a private
   * conversation as {@code @bob} (its other party), as the TUI and the line mode show it.
   */
  String label(String conversation) {
    ChatClient client = made;
    if (client != null && client.username().isPresent()) {
      return MessageFormatter.conversationLabel(client, conversation);
    }
    return MessageFormatter.conversationLabel(conversation, options.user(context).orElse(null));
  }

  /**
   * The identity files of the profile (no network, no passphrase): {@code --home DIR}, which holds
   * one user's and so needs no {@code --user}, as {@code chat identity show --home DIR} does not;
   * else the profile of {@code --user} under {@code CHAT_HOME} or the default location.
   */
  IdentityHome identityHome() {
    if (options.home != null) {
      Path dir = options.profileDir(context);
      return new IdentityHome(
          dir,
          "create one with 'chat identity new --home "
              + dir
              + "', or, for an account on a relay, log in ('chat login', which restores the keys"
              + " from the relay's backup) or install a key file ('chat keys import FILE')");
    }
    String user = options.requireUser(context);
    return new IdentityHome(
        options.profileDir(context),
        "log in with 'chat login --user "
            + user
            + "' (it restores your keys from the relay's backup), or install a key file with"
            + " 'chat keys import FILE --user "
            + user
            + "'");
  }

  /** A client that is not logged in yet. */
  ChatClient client(boolean live) {
    ChatClient client = context.clientFactory().create(options.clientOptions(context, live));
    made = client;
    client.addListener(
        new CappedClientListener() {
          @Override
          public LiveNoticeCap noticeCap() {
            return cap;
          }

          @Override
          public void onNotice(String conversation, String text) {
            notice(conversation, text);
          }

          /** A notice that advises a command, in a script's words. */
          @Override
          public void onAdvice(Advice advice) {
            onNotice(advice.conversation(), CommandWords.SCRIPT.advised(advice));
          }

          /** Held messages, with the commands that read them in a script's words. */
          @Override
          public void onHeld(HeldMessages held) {
            onNotice(held.conversation(), CommandWords.SCRIPT.held(held));
          }

          /** Before a message printed, what was counted in its conversation. */
          @Override
          public void onMessage(ChatMessage message) {
            cap.beforeMessage(message.conversation());
          }

          /** Before a file offer printed (a message of its conversation), the same. */
          @Override
          public void onFileOffer(FileOffer offer) {
            cap.beforeMessage(offer.conversation());
          }

          /**
           * Not said here: a one-shot command meets the same failure when it closes the client (a
           * warning once the change is made, else exit 7), and listen says it when it stops.
           */
          @Override
          public void onLocalWriteFailure(String text) {}
        });
    return client;
  }

  /**
   * Says on stderr what was counted and not said yet of the notices of what the relay pushes (see
   * {@link LiveNoticeCap}), in every conversation: for {@code chat listen} when it ends.
   */
  void sayUnsaid() {
    cap.sayAll();
  }

  /** A notice on stderr: {@code chat: #ops: text}, or {@code chat: text} for a global one. */
  private void notice(String conversation, String text) {
    err()
        .println(
            "chat: "
                + (conversation.isEmpty() ? "" : label(conversation) + ": ")
                + TerminalSafe.line(text));
    err().flush();
  }

  /**
   * A logged-in client: resumes the stored session (asking only the key passphrase) or logs in with
   * the password. When the passphrase is not given, so that it will be asked for, the terminal's
   * echo is off from here on, while the client starts and reaches the relay.
   */
  @SuppressWarnings("try") // the echo is held off for the block, not used in it
  ChatClient loggedIn(boolean live, ClientListener... listeners) {
    options.requireUser(context);
    try (PassphrasePrompt.Hidden typing = hideTypingIf(!secrets().passphraseGiven())) {
      ChatClient client = client(live);
      for (ClientListener listener : listeners) {
        client.addListener(listener);
      }
      return loggedIn(client);
    }
  }

  /**
   * The terminal's echo held off if {@code prompting} and not held already (see {@link
   * PassphrasePrompt#hideTyping}), else nothing.
   */
  private PassphrasePrompt.Hidden hideTypingIf(boolean prompting) {
    if (!prompting || typingHidden) {
      return PassphrasePrompt.Hidden.NOTHING;
    }
    PassphrasePrompt.Hidden hidden = context.passphrasePrompt().hideTyping();
    typingHidden = true;
    return () -> {
      typingHidden = false;
      hidden.close();
    };
  }

  /**
   * {@code client}, made by {@link #client} (for a listener that needs it before the login), logged
   * in as {@link #loggedIn(boolean, ClientListener...)} does; closed if that fails. Where it will
   * prompt, the terminal's echo is off from the start, while the relay is reached (see {@link
   * PassphrasePrompt#hideTyping}).
   */
  @SuppressWarnings("try") // the echo is held off for the block, not used in it
  ChatClient loggedIn(ChatClient client) {
    String user = options.requireUser(context);
    boolean password;
    try {
      password = !client.hasStoredSession(user); // refuses a profile of another relay
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    try (PassphrasePrompt.Hidden typing = hideTypingIf(secrets().wouldPrompt(password))) {
      reachableBeforePrompting(client, user, password);
      CommandException.SessionEnded refused = null;
      if (client.hasStoredSession(user)) {
        char[] passphrase = secrets().passphrase(user);
        try {
          client.resume(user, passphrase);
          return client;
        } catch (CommandException.Auth e) {
          if (!secrets().passwordGiven() || e.getMessage().contains("passphrase")) {
            throw e;
          }
          refused = e instanceof CommandException.SessionEnded ended ? ended : null;
        } finally {
          Arrays.fill(passphrase, '\0');
        }
      }
      login(client, user);
      if (refused != null) {
        loggedInAgain(refused);
      }
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw secrets().sayWhere(e);
    }
  }

  /**
   * Says on stderr that the saved session was {@code refused} and the password given logged in
   * instead: a session ended from another device (one thought lost, say) does not end a script that
   * has the password, and whoever ended it can see here why it came back.
   */
  private void loggedInAgain(CommandException.SessionEnded refused) {
    err()
        .println(
            "chat: "
                + TerminalSafe.line(refused.getMessage())
                + "; logged in again with the password"
                + secrets()
                    .source(SecretKind.PASSWORD)
                    .map(source -> " from " + TerminalSafe.line(source))
                    .orElse(""));
    err().flush();
  }

  /**
   * {@code client}, logged in for a command that sends the account password again ({@code chat
   * passwd}, {@code chat keys passwd}): resumes the stored session, else logs in with {@code
   * password}, so the password is read once. Closed if that fails.
   */
  ChatClient loggedIn(ChatClient client, char[] password) {
    String user = options.requireUser(context);
    try {
      char[] passphrase = secrets().passphrase(user);
      try {
        CommandException.SessionEnded refused = null;
        if (client.hasStoredSession(user)) {
          try {
            client.resume(user, passphrase);
            return client;
          } catch (CommandException.Auth e) {
            if (e.getMessage().contains("passphrase")) {
              throw e;
            }
            refused = e instanceof CommandException.SessionEnded ended ? ended : null;
          }
        }
        client.login(user, password, passphrase);
        if (refused != null) {
          loggedInAgain(refused);
        }
        return client;
      } finally {
        Arrays.fill(passphrase, '\0');
      }
    } catch (RuntimeException e) {
      client.close();
      throw secrets().sayWhere(e);
    }
  }

  /**
   * Runs {@code change}, a one-shot command's change on the relay (a message sent, a room joined),
   * with {@code client} logged in, then closes the client; returns what {@code change} returned.
   * The exit code tells a script whether the change went out:
   *
   * <ul>
   *   <li>this machine's state is written first, so a full or read-only profile refuses with exit 7
   *       before anything goes out;
   *   <li>once {@code change} has returned the relay has made it, so a state that cannot be written
   *       then (when closing) is a warning on stderr saying that {@code done}, not a failure: a
   *       script that retries on failure would post the message twice.
   * </ul>
   */
  <T> T change(ChatClient client, String done, Function<ChatClient, T> change) {
    return change(client, client::saveState, done, change);
  }

  /**
   * {@link #change(ChatClient, String, Function)} for a change that logs in by itself ({@code chat
   * keys replace}): {@code saveFirst} writes the profile's state before anything goes out.
   */
  <T> T change(ChatClient client, Runnable saveFirst, String done, Function<ChatClient, T> change) {
    T result;
    try {
      try {
        saveFirst.run();
      } catch (CommandException.FileAccess e) {
        throw e.nothingSent();
      }
      result = change.apply(client);
    } catch (RuntimeException e) {
      try {
        client.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    try {
      client.close();
    } catch (CommandException.FileAccess e) {
      err()
          .println(
              "chat: warning: "
                  + done
                  + ", but "
                  + TerminalSafe.line(e.getMessage())
                  + ": this machine did not record it, so a later listen or history may show"
                  + " messages again");
      err().flush();
    }
    return result;
  }

  /** Logs {@code client} in with the password and passphrase. */
  void login(ChatClient client, String user) {
    reachableBeforePrompting(client, user, true);
    char[] password = secrets().password(user);
    char[] passphrase = null;
    try {
      passphrase = secrets().passphrase(user);
      client.login(user, password, passphrase);
    } catch (RuntimeException e) {
      throw secrets().sayWhere(e);
    } finally {
      Arrays.fill(password, '\0');
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  /**
   * Runs {@code step}, which sends the password or unlocks the keys with the secrets read here; if
   * it refuses one taken from a file or the environment, its failure says so ({@link
   * Secrets#sayWhere}).
   */
  void sayingWhere(Runnable step) {
    sayingWhere(step, false);
  }

  /**
   * {@link #sayingWhere(Runnable)} for a step given the secrets chosen by a command that reads them
   * as the account's password and passphrase ({@code register}, {@code keys replace}).
   */
  void sayingWhere(Runnable step, boolean newAsCurrent) {
    try {
      step.run();
    } catch (RuntimeException e) {
      throw secrets().sayWhere(e, newAsCurrent);
    }
  }

  /**
   * Checks that the relay is reachable, and shows the certificate {@code user}'s profile pinned,
   * before a secret would be typed at a prompt, so that nobody types a password for a relay that is
   * down or has changed. When every secret comes from a file or the environment nothing is probed:
   * the connection itself then says so.
   */
  void reachableBeforePrompting(ChatClient client, String user, boolean password) {
    if (secrets().wouldPrompt(password)) {
      client.checkReachable(user);
    }
  }
}
