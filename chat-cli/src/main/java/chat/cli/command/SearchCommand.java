package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.client.HeldMessages;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.Posted;
import chat.cli.emoji.Graphemes;
import chat.cli.emoji.ShortcodeExpander;
import chat.protocol.ConversationIds;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code /search [CONVERSATION] TEXT}: the messages among a conversation's recent ones that contain
 * TEXT, in any case. The relay holds only envelopes it cannot read, so the search runs here, over
 * the last {@link #WINDOW} messages fetched and decrypted as {@code /history} does; those of users
 * ignored are left out, as everywhere in the interactive client.
 */
final class SearchCommand {
  /** How many of the newest messages are searched: each costs one RSA decryption. */
  static final int WINDOW = 1000;

  /** The most glyphs of the text searched for that a result's heading quotes. */
  static final int MAX_QUOTED_GLYPHS = 60;

  private SearchCommand() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named(
                "search", "/search [CONVERSATION] TEXT", "find messages that contain TEXT")
            .arguments(1, SlashCommand.UNLIMITED)
            .completes(ArgumentKind.CONVERSATION, ArgumentKind.OTHER)
            .help(
                "Searches the last " + WINDOW + " messages of the current conversation, or of",
                "CONVERSATION when the first word is @USER, or #ROOM for a room you are in,",
                "for TEXT in any case; a file offer's name counts too. Any other first #word",
                "is text: /search #123 crash looks for \"#123 crash\" here. The relay cannot",
                "read your messages, so they are fetched and decrypted here. :shortcodes:",
                "match their emoji.",
                "examples: /search deploy   /search #ops disk full   /search @bob the address")
            .runs(SearchCommand::search));
  }

  private static void search(Input.Command command, CommandContext context) {
    String first = command.arg(0);
    boolean named = command.argCount() > 1 && names(first, context);
    String typed = named ? command.rest(1) : command.argText();
    if (TerminalSafe.showsNothing(typed)) {
      throw new CommandException.Usage("nothing to search for: the text shows nothing");
    }
    List<Pattern> needles = needles(typed);
    String conversation =
        named ? ConversationResolver.resolve(first, context) : Arguments.current(context);
    ChatClient client = context.client();
    HistoryPage page = client.historyPage(conversation, WINDOW);
    Set<String> ignored = client.ignoredUsers();
    List<Posted> matching = page.entries().stream().filter(p -> matches(p, needles)).toList();
    List<Posted> found =
        matching.stream()
            .filter(p -> !ChatClient.hides(p, ignored))
            .map(p -> ChatClient.unquotingIgnored(p, ignored))
            .toList();
    int hidden = matching.size() - found.size();
    String label = Arguments.label(context, conversation);
    int searched = page.entries().size();
    if (searched == 0) {
      context.info(page.notForYouNote(label).orElse("no messages to search in " + label));
    } else {
      String what =
          "\"" + Graphemes.shorten(TerminalSafe.line(typed), MAX_QUOTED_GLYPHS, "...") + "\"";
      int notShown =
          page.held().stream().mapToInt(HeldMessages::count).sum()
              + page.leftOut().stream().mapToInt(LeftOutMessages::count).sum();
      String scope =
          searched == 1
              ? "the 1 message of " + label
              : (searched + notShown < WINDOW ? "the " : "the last ")
                  + searched
                  + " messages of "
                  + label;
      if (found.isEmpty()) {
        context.info("none of " + scope + " contains " + what);
      } else {
        context.info(
            found.size()
                + " of "
                + scope
                + (found.size() == 1 ? " contains " : " contain ")
                + what
                + ":");
        context.showListed(found);
      }
    }
    if (hidden > 0) {
      context.info(
          (hidden == 1 ? "1 more, from a user" : hidden + " more, from users")
              + " you ignore, not shown (/ignore lists them)");
    }
    MessageCommands.sayNotShown(page, context); // not searched: held, or left out
  }

  /**
   * Whether {@code first}, the first of several words, names the conversation to search:
   * {@code @USER}, or {@code #ROOM} for a room this user is in. Any other {@code #word} ({@code
   * #123 crash}, a ticket number) is part of the text, searched for in the current conversation: a
   * room one is not in could not be searched anyway.
   */
  private static boolean names(String first, CommandContext context) {
    if (first.startsWith("@")) {
      return true;
    }
    String room = first.toLowerCase(Locale.ROOT);
    return first.startsWith("#")
        && ConversationIds.isRoom(room)
        && context.client().conversations().contains(room);
  }

  /**
   * What is looked for, as it would be shown: the text as typed and, if it holds shortcodes, with
   * them as emoji; each in any case, letter by letter (σ and ς are one letter, as Σ), and each also
   * upper-cased, where a letter may become two ({@code ß} is {@code SS}, as {@code ﬁ} is {@code
   * FI}), so that {@code strasse} finds {@code Straße}.
   */
  private static List<Pattern> needles(String typed) {
    String plain = shown(typed);
    String expanded = shown(ShortcodeExpander.standard().expand(typed));
    return (expanded.equals(plain) ? List.of(plain) : List.of(plain, expanded))
        .stream()
            .flatMap(needle -> Stream.of(needle, folded(needle)).distinct())
            .map(
                needle ->
                    Pattern.compile(
                        Pattern.quote(needle), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .toList();
  }

  /** {@code text} upper-cased in no language's rules, a letter to one or more. */
  private static String folded(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  /**
   * Whether {@code posted}, as the screen shows it, holds a needle: its text without what the
   * display removes (controls, bidirectional overrides, zero-width spaces), so that such characters
   * cannot hide a word from the search while it shows; an action with its sender ({@code * bob is
   * deploying} is found by "bob is"); an offer's file name.
   */
  private static boolean matches(Posted posted, List<Pattern> needles) {
    String haystack;
    if (posted instanceof ChatMessage message) {
      haystack = message.action() ? message.sender() + " " + message.text() : message.text();
    } else {
      haystack = ((FileOffer) posted).name();
    }
    String shown = shown(haystack);
    String folded = folded(shown);
    return needles.stream()
        .anyMatch(needle -> needle.matcher(shown).find() || needle.matcher(folded).find());
  }

  /**
   * {@code text} as shown, composed (NFC: an accent typed apart matches one typed with its letter).
   */
  private static String shown(String text) {
    return Normalizer.normalize(TerminalSafe.text(text), Normalizer.Form.NFC);
  }
}
