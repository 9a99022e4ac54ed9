package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.KeyVerification;
import chat.cli.client.TrustState;
import chat.crypto.SafetyNumber;
import java.util.List;

/** {@code /fingerprint}, {@code /safety}, {@code /verify} and {@code /trust}: contact keys. */
final class TrustCommands {
  private TrustCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named("fingerprint", "/fingerprint [USER]", "show a key fingerprint")
            .arguments(0, 1)
            .completes(ArgumentKind.USER)
            .help(
                "Shows USER's identity key fingerprint, or your own without USER, as 16 groups",
                "of 4 hex digits. examples: /fingerprint   /fingerprint alice")
            .runs(TrustCommands::fingerprint),
        SlashCommand.named("safety", "/safety USER", "show the safety number to compare with USER")
            .aliases("safetynumber")
            .arguments(1, 1)
            .completes(ArgumentKind.USER)
            .help(
                "Read the 60 digits to USER in person or on a call; if theirs are the same,",
                "mark them verified with /verify USER followed by the digits.",
                "example: /safety alice")
            .runs(TrustCommands::safety),
        SlashCommand.named("verify", "/verify USER SAFETY-NUMBER", "mark USER's key verified")
            .arguments(2, SlashCommand.UNLIMITED)
            .acceptsLines()
            .completes(ArgumentKind.USER)
            .help(
                "Checks the safety number you compared with USER (spaces are ignored) and, if",
                "it matches, marks their key verified.",
                "example: /verify alice 12345 67890 ... (all 60 digits)")
            .runs(TrustCommands::verify),
        SlashCommand.named("trust", "/trust USER", "accept USER's new key after a change")
            .arguments(1, 1)
            .completes(ArgumentKind.USER)
            .help(
                "When a contact's key changes, sending to them is refused until you accept the",
                "new key. Compare safety numbers first (/safety USER), then /trust USER.",
                "The key is then pinned again, unverified. An unchanged key is left as it is.")
            .runs(TrustCommands::trust));
  }

  private static void fingerprint(Input.Command command, CommandContext context) {
    String self = Arguments.self(context);
    String user = command.argCount() > 0 ? Arguments.username(command.arg(0)) : self;
    String display =
        known(user, "no fingerprint for ", () -> context.client().fingerprint(user))
            .toDisplayString();
    String whose =
        user.equalsIgnoreCase(self)
            ? "your fingerprint"
            : spelled(user, context) + "'s fingerprint";
    context.info(whose + ": " + display);
  }

  private static void safety(Input.Command command, CommandContext context) {
    String user = otherUser(command.arg(0), context);
    SafetyNumber number =
        known(user, "no safety number with ", () -> context.client().safetyNumber(user));
    String name = spelled(user, context);
    context.info("safety number with " + name + ": " + number.toDisplayString());
    if (context.client().trustState(user) == TrustState.VERIFIED) {
      context.info(name + " is verified: these are the digits you compared");
    } else {
      context.info("if " + name + " sees the same digits: /verify " + name + " followed by them");
    }
  }

  private static void verify(Input.Command command, CommandContext context) {
    String user = otherUser(command.arg(0), context);
    String digits = String.join("", command.args().subList(1, command.argCount()));
    if (!digits.matches("[0-9]{" + SafetyNumber.DIGITS + "}")) {
      throw new CommandException.Usage(KeyVerification.notASafetyNumber(digits) + ": see /safety");
    }
    context.client().verify(user, digits);
    context.info(spelled(user, context) + " is verified");
  }

  private static void trust(Input.Command command, CommandContext context) {
    String user = otherUser(command.arg(0), context);
    TrustState before = context.client().trustState(user);
    context.client().trust(user);
    String name = spelled(user, context);
    context.info(
        TrustReport.afterTrust(name, before, context.client().trustState(user), "/safety " + name));
  }

  /**
   * What {@code ask} gives for {@code user}; a user the relay has no account for is said as the
   * other commands say it ({@code no fingerprint for zzz: the relay has no user of that name}).
   */
  private static <T> T known(String user, String what, java.util.function.Supplier<T> ask) {
    try {
      return ask.get();
    } catch (CommandException.NoSuchUser e) {
      throw new CommandException.NoSuchUser(
          what + TerminalSafe.line(user) + ": the relay has no user of that name");
    }
  }

  /** {@code user} as registered, once this client holds their key ({@link ChatClient#spelling}). */
  private static String spelled(String user, CommandContext context) {
    return TerminalSafe.line(context.client().spelling(user));
  }

  private static String otherUser(String typed, CommandContext context) {
    String user = Arguments.username(typed);
    if (user.equalsIgnoreCase(Arguments.self(context))) {
      throw new CommandException.Usage("that is you: name someone else");
    }
    return user;
  }
}
