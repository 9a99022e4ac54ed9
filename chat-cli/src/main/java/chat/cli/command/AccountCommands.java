package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.client.ChatClient;
import chat.cli.client.ConnectionState;
import chat.cli.client.InputRules;
import chat.cli.client.SessionView;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.net.UnknownHostException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /register}, {@code /login}, {@code /logout}, {@code /sessions}, {@code /passwd}, {@code
 * /passphrase} and {@code /rekey}. Secrets are asked through {@link CommandContext#readSecret}
 * unless the password was typed inline, never shown, and zeroed after use.
 */
final class AccountCommands {
  /** The word that confirms {@code /rekey}. */
  private static final String CONFIRM = "yes";

  private AccountCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named("register", "/register NAME [PASSWORD]", "create an account and log in")
            .arguments(1, 2)
            .withoutLogin()
            .help(
                "Creates your identity keys on this machine, sealed with a passphrase, and",
                "registers NAME on the relay. The password (for the relay) and the passphrase",
                "(for the key file, never sent) are each asked twice. Leave the password out",
                "so it is asked on a hidden prompt. A name that is taken is said before",
                "anything is asked.",
                "example: /register alice")
            .runs(sayingWhere(AccountCommands::register, true)),
        SlashCommand.named("login", "/login NAME [PASSWORD]", "log in, or resume a saved session")
            .arguments(1, 2)
            .withoutLogin()
            .completes(ArgumentKind.USER)
            .help(
                "Logs in as NAME. When this machine holds a session for NAME, only the",
                "passphrase of the key file is asked; otherwise the password, then the",
                "passphrase.",
                "examples: /login alice",
                "          /login alice PASSWORD   (kept out of the input history)")
            .runs(sayingWhere(AccountCommands::login, false)),
        SlashCommand.named("logout", "/logout", "end the session on the relay")
            .help("Revokes the session on the relay and forgets the stored session token.")
            .runs(AccountCommands::logout),
        SlashCommand.named(
                "sessions", "/sessions [end ID]", "list your logged-in devices, or end one")
            .arguments(0, 2)
            .completes(ArgumentKind.SESSION_ACTION, ArgumentKind.SESSION_ID)
            .help(
                "Without arguments, lists the sessions of your account (each device logged in):",
                "its id, when it was last used and created, and the address it was last used",
                "from; this device is marked. 'end ID' logs out another device: the relay ends",
                "that session and disconnects it. For a lost device, end its session, then",
                "change your password with /passwd if it may have leaked. Use /logout for this",
                "device.",
                "examples: /sessions",
                "          /sessions end 3f9a0c17b2d4")
            .runs(AccountCommands::sessions),
        SlashCommand.named("passwd", "/passwd", "change your account password")
            .help(
                "Changes your account password on the relay: asks the current one, then the new",
                "one twice (at least 8 characters). Every other session of your account ends:",
                "other devices, and anyone who logged in with the old password, must log in",
                "again with the new one. This session stays; your keys and their passphrase do",
                "not change.",
                "example: /passwd")
            .runs(sayingWhere(AccountCommands::passwd, false)),
        SlashCommand.named("passphrase", "/passphrase", "change your key passphrase")
            .help(
                "Changes the passphrase of your private keys, here and in the relay's encrypted",
                "backup, so that a login on another machine asks the new one. Asks your account",
                "password (the relay checks it before it replaces the backup), then the new",
                "passphrase twice (at least 8 characters). The keys stay the same; contacts see",
                "no change. After a leak, use /rekey instead.",
                "example: /passphrase")
            .runs(sayingWhere(AccountCommands::passphrase, false)),
        SlashCommand.named("rekey", "/rekey [NAME] [yes]", "replace your identity keys")
            .arguments(0, 2)
            .withoutLogin()
            .help(
                "Makes new identity keys for NAME (you, when logged in; another account only",
                "when logged out) under a new passphrase, asked twice, and publishes them with",
                "your account password. For a forgotten passphrase or a leaked key: the old",
                "key file is not needed. The relay's encrypted key backup is replaced too.",
                "Contacts see your key as CHANGED until they accept it; messages sent to your",
                "old key can no longer be read. This cannot be undone, so without 'yes' it",
                "only explains.",
                "examples: /rekey        (explains; changes nothing)",
                "          /rekey yes    (replaces your keys)")
            .runs(sayingWhere(AccountCommands::rekey, false)));
  }

  /**
   * {@code handler}, whose failure for a refused password or passphrase says where that came from
   * when the front end took it from the environment or a file without asking ({@link
   * CommandException.Auth#givenIn}); never the value. A password typed in the command ({@code
   * /login NAME PASSWORD}) is not said to come from anywhere. A handler that reads the secrets it
   * chooses as the account's password and passphrase ({@code /register}) has {@code newAsCurrent}
   * ({@link SecretKind#refused}).
   */
  private static CommandHandler sayingWhere(CommandHandler handler, boolean newAsCurrent) {
    return (command, context) -> {
      try {
        handler.run(command, context);
      } catch (CommandException.Auth e) {
        Optional<CommandException.Auth.Refused> refused = e.refused();
        if (refused.isEmpty()) {
          throw e;
        }
        SecretKind kind = SecretKind.refused(refused.get(), newAsCurrent);
        if (kind == SecretKind.PASSWORD && inlinePassword(command)) {
          throw e; // typed inline
        }
        throw context.secretSource(kind).map(e::givenIn).orElse(e);
      }
    };
  }

  /**
   * Whether {@code /register} or {@code /login} has its password on the line. Not when that is the
   * {@link SecretRedaction#MASK} its history entry holds in the password's place (Up, then Enter),
   * which is asked for then instead of being sent: no password is that short.
   */
  private static boolean inlinePassword(Input.Command command) {
    return command.argCount() > 1 && !command.arg(1).equals(SecretRedaction.MASK);
  }

  private static void register(Input.Command command, CommandContext context) {
    String name = Arguments.username(command.arg(0));
    context.client().checkRegistrable(name); // before any secret is asked for
    beforeSecrets(() -> context.client().checkNameFree(name), "/register " + name);
    char[] password = null;
    char[] passphrase = null;
    try {
      password =
          inlinePassword(command)
              ? command.arg(1).toCharArray()
              : context.readNewSecret(SecretKind.PASSWORD, "new password for " + name + ": ");
      requireNonEmpty(password, SecretKind.PASSWORD);
      InputRules.requireNewPassword(password); // before the passphrase is asked
      passphrase =
          context.readNewSecret(SecretKind.PASSPHRASE, "passphrase for your new key file: ");
      requireNonEmpty(passphrase, SecretKind.PASSPHRASE);
      context.client().register(name, password, passphrase);
    } finally {
      Arguments.zero(password, passphrase);
    }
    loggedIn(
        context,
        "registered and logged in as ",
        takenFrom(context, !inlinePassword(command), SecretKind.PASSPHRASE));
  }

  private static void login(Input.Command command, CommandContext context) {
    String name = Arguments.username(command.arg(0));
    ChatClient client = context.client();
    boolean inlinePassword = inlinePassword(command);
    if (client.connectionState() == ConnectionState.ONLINE
        && client
            .username()
            .filter(u -> Usernames.key(u).equals(Usernames.key(name)))
            .isPresent()) {
      // Logging in again would end this session first, and a mistyped secret would leave none:
      // with the password on the line too.
      context.info("already logged in as " + client.username().get());
      return;
    }
    beforeSecrets(() -> client.checkReachable(name), "/login " + name); // before any secret
    if (!inlinePassword && client.hasStoredSession(name)) {
      resume(name, context);
      return;
    }
    char[] password = null;
    try {
      password =
          inlinePassword
              ? command.arg(1).toCharArray()
              : context.readSecret(SecretKind.PASSWORD, "password for " + name + ": ");
      requireNonEmpty(password, SecretKind.PASSWORD);
      client.login(name, password, () -> readPassphrase(name, context)); // after the password
    } finally {
      Arguments.zero(password);
    }
    loggedIn(context, "logged in as ", takenFrom(context, !inlinePassword, SecretKind.PASSPHRASE));
  }

  /**
   * Resumes the stored session. If the relay no longer accepts it (the client then forgets it),
   * falls back to the password with the passphrase already typed.
   */
  private static void resume(String name, CommandContext context) {
    ChatClient client = context.client();
    char[] passphrase = readPassphrase(name, context);
    char[] password = null;
    boolean withPassword = false;
    try {
      try {
        client.resume(name, passphrase);
      } catch (CommandException.Auth e) {
        withPassword = true;
        if (client.hasStoredSession(name)) {
          throw e;
        }
        context.info(e.getMessage() + ": log in with the password"); // asked next
        password = context.readSecret(SecretKind.PASSWORD, "password for " + name + ": ");
        requireNonEmpty(password, SecretKind.PASSWORD);
        client.login(name, password, passphrase);
      }
    } finally {
      Arguments.zero(password, passphrase);
    }
    loggedIn(context, "logged in as ", takenFrom(context, withPassword, SecretKind.PASSPHRASE));
  }

  private static void logout(Input.Command command, CommandContext context) {
    String name = Arguments.self(context);
    context.client().logout();
    context.info("logged out " + name);
  }

  private static void sessions(Input.Command command, CommandContext context) {
    if (command.argCount() == 0) {
      Arguments.self(context);
      List<SessionView> sessions = context.client().sessions();
      SessionText.table(sessions, ZoneId.systemDefault()).forEach(context::info);
      return;
    }
    if (command.argCount() != 2 || !command.arg(0).equalsIgnoreCase("end")) {
      throw new CommandException.Usage("usage: /sessions, or /sessions end ID");
    }
    Arguments.self(context);
    String id = command.arg(1).strip().toLowerCase(java.util.Locale.ROOT);
    context.client().endSession(id);
    context.info(SessionText.ended(id, CommandWords.SLASH));
  }

  private static void passwd(Input.Command command, CommandContext context) {
    String name = Arguments.self(context);
    char[] password = null;
    char[] newPassword = null;
    int ended;
    try {
      password = context.readSecret(SecretKind.PASSWORD, "current password for " + name + ": ");
      requireNonEmpty(password, SecretKind.PASSWORD);
      newPassword =
          context.readNewSecret(SecretKind.NEW_PASSWORD, "new password for " + name + ": ");
      requireNonEmpty(newPassword, SecretKind.NEW_PASSWORD);
      ended = context.client().changePassword(password, newPassword);
    } finally {
      Arguments.zero(password, newPassword);
    }
    context.info(AccountText.passwordChanged(name, ended));
  }

  private static void passphrase(Input.Command command, CommandContext context) {
    String name = Arguments.self(context);
    char[] password = null;
    char[] passphrase = null;
    try {
      password = context.readSecret(SecretKind.PASSWORD, "password for " + name + ": ");
      requireNonEmpty(password, SecretKind.PASSWORD);
      passphrase =
          context.readNewSecret(
              SecretKind.NEW_PASSPHRASE, "new passphrase for " + name + "'s keys: ");
      requireNonEmpty(passphrase, SecretKind.NEW_PASSPHRASE);
      context.client().changePassphrase(password, passphrase);
    } finally {
      Arguments.zero(password, passphrase);
    }
    context.info(AccountText.passphraseChanged(name));
  }

  /**
   * What {@code /rekey} without {@code yes} says: that the change cannot be undone, what contacts
   * see, and the line that goes ahead.
   */
  static String rekeyWarning(String name, boolean self) {
    return "replacing the keys of "
        + name
        + " cannot be undone: every contact will see that your key changed and must accept it,"
        + " and messages sent to your old key can no longer be read. To go ahead, type: /rekey "
        + (self ? "" : name + " ")
        + CONFIRM;
  }

  private static void rekey(Input.Command command, CommandContext context) {
    ChatClient client = context.client();
    Optional<String> self = client.username();
    int count = command.argCount();
    if (count > 0 && count <= 2 && command.arg(count - 1).equalsIgnoreCase("no")) {
      // an answer to the warning, as "yes" is one, not a name
      context.info("your keys were not replaced");
      return;
    }
    boolean confirmed = count > 0 && command.arg(count - 1).equalsIgnoreCase(CONFIRM);
    if (count == 2 && !confirmed) {
      throw new CommandException.Usage("usage: /rekey [NAME] [yes]");
    }
    if (count == 1 && confirmed && self.isEmpty()) {
      confirmed = false; // logged out, "/rekey yes" names the account
    }
    boolean named = count == 2 || (count == 1 && !confirmed);
    String name =
        named
            ? Arguments.username(command.arg(0))
            : self.orElseThrow(() -> new CommandException.Usage("not logged in: /rekey NAME"));
    if (confirmed) {
      // before any secret is asked for, and before advice that needs the relay (/logout)
      client.checkReachable(name);
    }
    if (self.isPresent() && !Usernames.key(self.get()).equals(Usernames.key(name))) {
      // replacing them takes a session of that account: refused before this one is left
      throw new CommandException.Usage(
          "you are logged in as "
              + self.get()
              + ": /rekey replaces the keys of the account you are in. To replace those of "
              + name
              + ", /logout first, then /rekey "
              + name
              + " yes");
    }
    if (self.isPresent()) {
      name = self.get(); // as registered, whatever case was typed
    }
    if (!confirmed) {
      context.info(rekeyWarning(name, !named));
      return;
    }
    char[] password = null;
    char[] passphrase = null;
    try {
      password = context.readSecret(SecretKind.PASSWORD, "password for " + name + ": ");
      requireNonEmpty(password, SecretKind.PASSWORD);
      // typed, as for /passphrase: never the passphrase given for logging in
      passphrase =
          context.readNewSecret(
              SecretKind.NEW_PASSPHRASE, "passphrase for " + name + "'s new keys: ");
      requireNonEmpty(passphrase, SecretKind.NEW_PASSPHRASE);
      try {
        client.saveState(name); // a full or read-only profile refuses before the relay is told
      } catch (CommandException.FileAccess e) {
        throw e.nothingSent();
      }
      client.replaceKeys(name, password, passphrase);
    } finally {
      Arguments.zero(password, passphrase);
    }
    String now = client.username().orElse(name);
    context.info(
        "replaced your keys; new fingerprint: " + client.fingerprint(now).toDisplayString());
    loggedIn(context, "logged in as ", takenFrom(context, true, SecretKind.NEW_PASSPHRASE));
  }

  private static char[] readPassphrase(String name, CommandContext context) {
    char[] passphrase =
        context.readSecret(SecretKind.PASSPHRASE, "passphrase for " + name + "'s key file: ");
    requireNonEmpty(passphrase, SecretKind.PASSPHRASE);
    return passphrase;
  }

  private static void requireNonEmpty(char[] secret, SecretKind kind) {
    if (secret.length == 0) {
      throw new CommandException.Usage("no " + kind.noun() + " given: nothing was done");
    }
  }

  /**
   * Runs {@code check}, which reaches the relay, before any secret is asked for; a relay that
   * cannot be reached says what to type to try again ({@code retry}), since nothing retries a login
   * by itself. An unknown host, or a certificate other than the one pinned (the name check's TLS
   * meets it), is left as it is: trying again cannot help.
   */
  private static void beforeSecrets(Runnable check, String retry) {
    try {
      check.run();
    } catch (CommandException.Network e) {
      if (e.getCause() instanceof UnknownHostException || e.certificateChanged()) {
        throw e;
      }
      throw new CommandException.Network(e.getMessage() + "; " + retry + " tries again", e);
    }
  }

  /**
   * Where {@code context} took the secrets it did not ask for, if it names them ({@link
   * CommandContext#namesGivenSecrets}): the password's if {@code password} was sent, then each of
   * {@code others}: {@code " (the password from CHAT_PASSWORD, the passphrase from
   * CHAT_PASSPHRASE)"}; empty when none was taken so.
   */
  private static String takenFrom(CommandContext context, boolean password, SecretKind... others) {
    if (!context.namesGivenSecrets()) {
      return "";
    }
    List<SecretKind> kinds = new ArrayList<>();
    if (password) {
      kinds.add(SecretKind.PASSWORD);
    }
    kinds.addAll(List.of(others));
    List<String> named = new ArrayList<>();
    for (SecretKind kind : kinds) {
      context
          .secretSource(kind)
          .ifPresent(source -> named.add("the " + kind.noun() + " from " + source));
    }
    return named.isEmpty() ? "" : " (" + String.join(", ", named) + ")";
  }

  /**
   * Reports the login, {@code what} (logged in as) with the user and relay, then {@code takenFrom}
   * ({@link #takenFrom}), and selects the lobby when no conversation of this user is selected.
   */
  private static void loggedIn(CommandContext context, String what, String takenFrom) {
    ChatClient client = context.client();
    List<String> conversations = client.conversations();
    boolean currentIsValid =
        context.currentConversation().map(conversations::contains).orElse(false);
    if (!currentIsValid && conversations.contains(ConversationIds.LOBBY)) {
      context.switchTo(ConversationIds.LOBBY); // first: the full screen says it where one lands
    }
    // who, and where: line mode says no other line at a login (its online event and this line
    // came in either order)
    context.info(
        what + client.username().orElse("?") + " on " + client.serverAddress() + takenFrom);
  }
}
