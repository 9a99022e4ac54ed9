package chat.cli.emoji;

import java.util.List;
import java.util.Objects;

/**
 * One emoji as the client offers it.
 *
 * @param emoji the emoji itself (fully qualified: with U+FE0F where Unicode asks for it)
 * @param shortcode the name shown for it, with colons, e.g. {@code :smile:}
 * @param shortcodes every shortcode that expands to it, the shown one first
 * @param description its Unicode name in lower case, e.g. {@code grinning face with smiling eyes}
 */
public record EmojiEntry(
    String emoji, String shortcode, List<String> shortcodes, String description) {
  /** Checks and copies the fields. */
  public EmojiEntry {
    Objects.requireNonNull(emoji, "emoji");
    Objects.requireNonNull(shortcode, "shortcode");
    shortcodes = List.copyOf(shortcodes);
    Objects.requireNonNull(description, "description");
    if (emoji.isEmpty() || !shortcodes.contains(shortcode)) {
      throw new IllegalArgumentException("an entry needs an emoji and its own shortcode");
    }
  }
}
