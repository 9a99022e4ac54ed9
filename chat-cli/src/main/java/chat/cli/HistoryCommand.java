package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.HeldMessages;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.Posted;
import chat.cli.command.CommandWords;
import chat.cli.command.DaySeparators;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code chat history [ROOM|@USER] [-n N]}: the last messages of a conversation, decrypted, file
 * offers among them printed as {@code chat listen} prints them. Messages held because their
 * sender's key changed are not printed; each sender's count is said on stderr (and, with {@code
 * --json}, as a {@code held} line), and the command exits {@link ExitCode#KEY_REJECTED} after
 * printing the rest.
 */
@Command(
    name = "history",
    description = {
      "Print the last N messages of a room or of your private conversation with @USER.",
      "A file offer is one of them, printed as listen prints it (with --json a file_offer line)."
    })
final class HistoryCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ROOM|@USER",
      description = "a room (default: lobby) or @USER for your private conversation")
  String target;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "50",
      converter = Limit.class,
      description =
          "how many messages, 1 to " + ChatClient.MAX_HISTORY + " (default: ${DEFAULT-VALUE})")
  int limit;

  /** Reads {@code -n}: a refusal says what is expected, where picocli's says only "not an int". */
  static final class Limit implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int limit = Integer.parseInt(value);
        if (limit >= 1 && limit <= ChatClient.MAX_HISTORY) {
          return limit;
        }
      } catch (NumberFormatException e) {
        // refused below, as a number out of range is
      }
      throw new TypeConversionException(
          "'" + value + "' is not a number from 1 to " + ChatClient.MAX_HISTORY);
    }
  }

  HistoryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    checkTarget(target);
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      String conversation = resolve(client, target);
      DaySeparators days = Output.days();
      HistoryPage page = client.historyPage(conversation, limit);
      for (Posted posted : page.entries()) {
        Output.posted(support, posted, days);
      }
      if (page.notForYou() > 0 && support.options().json()) {
        // as for held messages: a line of its own for scripts, and the sentence on stderr
        support
            .out()
            .println(
                JsonLines.line(
                    JsonLines.object("not_encrypted_to_you")
                        .put("conversation", conversation)
                        .put("count", page.notForYou())));
      }
      page.notForYouNote(support.label(conversation))
          .ifPresent(note -> support.err().println("chat: " + note));
      if (page.entries().isEmpty()
          && page.notForYou() == 0
          && page.held().isEmpty()
          && page.leftOut().isEmpty()) {
        // said where a person reads it; stdout stays empty, as a script expects of no messages
        support.err().println("chat: no messages in " + support.label(conversation));
      }
      for (HeldMessages held : page.held()) {
        if (support.options().json()) {
          support
              .out()
              .println(
                  JsonLines.line(
                      JsonLines.held(
                          JsonLines.object("held").put("conversation", held.conversation()),
                          held)));
        }
        support
            .err()
            .println(
                "chat: "
                    + support.label(held.conversation())
                    + ": "
                    + TerminalSafe.line(CommandWords.SCRIPT.held(held)));
      }
      for (LeftOutMessages left : page.leftOut()) {
        if (support.options().json()) {
          support
              .out()
              .println(
                  JsonLines.line(
                      JsonLines.leftOut(
                          JsonLines.object("left_out").put("conversation", left.conversation()),
                          left)));
        }
      }
      // every sender and reason in --json; on stderr, the first few senders and then the others
      for (String notice : LeftOutFromOthers.notices(page.leftOut())) {
        support
            .err()
            .println("chat: " + support.label(conversation) + ": " + TerminalSafe.line(notice));
      }
      support.out().flush();
      support.err().flush();
      return page.held().isEmpty() ? ExitCode.OK.code() : ExitCode.KEY_REJECTED.code();
    }
  }

  /**
   * A room name, a conversation id, or {@code @user} as a conversation id; none given is the lobby,
   * and an empty or blank one (a shell variable not set) is refused rather than taken for it.
   */
  static String resolve(ChatClient client, String target) {
    if (target == null) {
      return ConversationIds.LOBBY;
    }
    checkTarget(target);
    if (target.startsWith("@") && !target.contains("+")) {
      return client.directWith(target.substring(1));
    }
    return RelayOptions.conversationArgument(target);
  }

  /**
   * Refuses a {@code target} that {@link #resolve} would refuse by its spelling alone (none, a room
   * name or a username it cannot be), before anything is asked or unlocked: a mistyped room is said
   * as such, not after a passphrase prompt or as a wrong passphrase. Null (the lobby) passes.
   */
  static void checkTarget(String target) {
    if (target == null) {
      return;
    }
    if (target.isBlank()) {
      throw new CommandException.Usage("no room: give ROOM, @USER or a conversation id");
    }
    if (target.startsWith("@") && !target.contains("+")) {
      if (!Usernames.isValid(target.substring(1))) {
        throw CommandException.Usage.notAUsername(target.substring(1));
      }
      return;
    }
    RelayOptions.conversationArgument(target);
  }
}
