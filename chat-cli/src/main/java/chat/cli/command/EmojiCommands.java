package chat.cli.command;

import chat.cli.emoji.EmojiCatalog;
import chat.cli.emoji.EmojiEntry;
import java.util.List;

/**
 * {@code /emoji [FILTER]}: opens the front end's emoji picker, or where there is none (line mode,
 * scripts) lists the matching emoji with their shortcodes.
 */
final class EmojiCommands {
  /** The most emoji {@code /emoji} lists as text. */
  static final int MAX_LISTED = 20;

  private EmojiCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named("emoji", "/emoji [FILTER]", "pick an emoji, or list those matching")
            .arguments(0, SlashCommand.UNLIMITED)
            .withoutLogin()
            .help(
                "In the full-screen interface, opens the emoji picker (also Alt+E): type to",
                "filter, Up/Down to choose, Enter to insert, Esc to close. Elsewhere, lists the",
                "emoji matching FILTER with their shortcodes. Shortcodes such as :smile: in a",
                "message become emoji when it is sent; Tab completes them (:sm then Tab).",
                "examples: /emoji   /emoji heart   /emoji thumbs up")
            .runs((command, context) -> emoji(command.argText(), context)));
  }

  private static void emoji(String filter, CommandContext context) {
    if (context.openEmojiPicker(filter)) {
      return;
    }
    List<EmojiEntry> found = EmojiCatalog.shared().search(filter, MAX_LISTED + 1);
    if (found.isEmpty()) {
      context.info("no emoji match '" + filter + "'");
      return;
    }
    String what = filter.isBlank() ? "emoji" : "emoji matching '" + filter.strip() + "'";
    boolean more = found.size() > MAX_LISTED;
    context.info(what + (more ? " (the first " + MAX_LISTED + "):" : ":"));
    for (EmojiEntry entry : found.subList(0, Math.min(MAX_LISTED, found.size()))) {
      context.info("  " + entry.emoji() + "  " + entry.shortcode() + "  " + entry.description());
    }
  }
}
