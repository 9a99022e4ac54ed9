package chat.cli.command;

import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.client.HistoryPage;
import chat.cli.client.Posted;
import chat.cli.emoji.ShortcodeExpander;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /search [CONVERSATION] TEXT}: the messages among a conversation's recent ones that contain
 * TEXT, in any case. The relay holds only envelopes it cannot read, so the search runs here, over
 * the last {@link #WINDOW} messages fetched and decrypted as {@code /history} does; those of users
 * ignored are left out, as everywhere in the interactive client.
 */
final class SearchCommand {
  /** How many of the newest messages are searched: each costs one RSA decryption. */
  static final int WINDOW = 1000;

  private SearchCommand() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named(
                "search", "/search [CONVERSATION] TEXT", "find messages that contain TEXT")
            .arguments(1, SlashCommand.UNLIMITED)
            .completes(ArgumentKind.CONVERSATION, ArgumentKind.OTHER)
            .help(
                "Searches the last " + WINDOW + " messages of the current conversation, or of",
                "CONVERSATION when the first word names one with # or @, for TEXT in any case",
                "(a file offer's name counts too). The relay cannot read your messages, so",
                "they are fetched and decrypted here. :shortcodes: match their emoji.",
                "examples: /search deploy   /search #ops disk full   /search @bob the address")
            .runs(SearchCommand::search));
  }

  private static void search(Input.Command command, CommandContext context) {
    String first = command.arg(0);
    boolean named = command.argCount() > 1 && (first.startsWith("#") || first.startsWith("@"));
    String typed = named ? command.rest(1) : command.argText();
    String conversation =
        named ? ConversationResolver.resolve(first, context) : Arguments.current(context);
    ChatClient client = context.client();
    HistoryPage page = client.historyPage(conversation, WINDOW);
    Set<String> ignored = client.ignoredUsers();
    List<String> needles = needles(typed);
    List<Posted> found =
        page.entries().stream()
            .filter(posted -> !ChatClient.hides(posted, ignored))
            .filter(posted -> matches(posted, needles))
            .toList();
    String label = Arguments.label(context, conversation);
    int searched = page.entries().size();
    if (searched == 0) {
      context.info(page.notForYouNote(label).orElse("no messages in " + label));
      return;
    }
    String what = "\"" + TerminalSafe.line(typed) + "\"";
    String scope =
        searched == 1
            ? "the 1 message of " + label
            : (searched < WINDOW ? "the " : "the last ") + searched + " messages of " + label;
    if (found.isEmpty()) {
      context.info("none of " + scope + " contains " + what);
      return;
    }
    context.info(
        found.size()
            + " of "
            + scope
            + (found.size() == 1 ? " contains " : " contain ")
            + what
            + ":");
    context.showListed(found);
  }

  /** What is looked for: the text as typed and, if it holds shortcodes, with them as emoji. */
  private static List<String> needles(String typed) {
    String lower = typed.toLowerCase(Locale.ROOT);
    String expanded = ShortcodeExpander.standard().expand(typed).toLowerCase(Locale.ROOT);
    return expanded.equals(lower) ? List.of(lower) : List.of(lower, expanded);
  }

  private static boolean matches(Posted posted, List<String> needles) {
    String haystack =
        posted instanceof ChatMessage message ? message.text() : ((FileOffer) posted).name();
    String lower = haystack.toLowerCase(Locale.ROOT);
    return needles.stream().anyMatch(lower::contains);
  }
}
