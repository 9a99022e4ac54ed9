package chat.cli.emoji;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replaces {@code :shortcode:}s in text someone is about to send with their emoji: {@code "ship it
 * :rocket:"} becomes {@code "ship it 🚀"}. Only names the {@link EmojiCatalog} knows are replaced,
 * so {@code :notanemoji:}, times such as {@code 12:30:45} and {@code a:b:c} stay as typed: a
 * shortcode must not touch a letter, digit or underscore on either side.
 *
 * <p>Text inside backticks is never touched: a run of N backticks opens a code span that the next
 * run of exactly N backticks closes ({@code `:x:`}, {@code ``a ` b``}, and fenced blocks of three).
 * A backtick run that is never closed is literal text and does not protect what follows.
 */
public final class ShortcodeExpander {
  private final Supplier<EmojiCatalog> catalog;

  /** An expander over {@code catalog}. */
  public ShortcodeExpander(EmojiCatalog catalog) {
    Objects.requireNonNull(catalog, "catalog");
    this.catalog = () -> catalog;
  }

  /** An expander that asks {@code catalog} for the catalog only when it has a name to look up. */
  ShortcodeExpander(Supplier<EmojiCatalog> catalog) {
    this.catalog = catalog;
  }

  /**
   * An expander over {@link EmojiCatalog#shared()}, loaded only when text has a shortcode to look
   * up: loading it made a one-shot {@code chat send} half as slow again.
   */
  public static ShortcodeExpander standard() {
    return new ShortcodeExpander(EmojiCatalog::shared);
  }

  /** {@code text} with every known shortcode outside code spans replaced by its emoji. */
  public String expand(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf(':') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '`') {
        int end = codeSpanEnd(text, i);
        out.append(text, i, end);
        i = end;
      } else if (c == ':' && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
        int end = shortcodeEnd(text, i);
        Optional<String> emoji =
            end > i ? catalog.get().emoji(text.substring(i, end)) : Optional.empty();
        if (emoji.isPresent()) {
          out.append(emoji.get());
          i = end;
        } else {
          out.append(c);
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Where the backtick run at {@code start} stops protecting text: after the closing run of the
   * same length, or right after the run itself when nothing closes it.
   */
  static int codeSpanEnd(String text, int start) {
    int length = runLength(text, start);
    int at = start + length;
    while (at < text.length()) {
      if (text.charAt(at) == '`') {
        int run = runLength(text, at);
        if (run == length) {
          return at + run;
        }
        at += run;
      } else {
        at++;
      }
    }
    return start + length;
  }

  private static int runLength(String text, int start) {
    int end = start;
    while (end < text.length() && text.charAt(end) == '`') {
      end++;
    }
    return end - start;
  }

  /**
   * The end (exclusive) of a shortcode-shaped {@code :name:} at {@code start}, or {@code start}
   * when there is none: a name of {@code a-z A-Z 0-9 _ + -} and no word character after it.
   */
  private static int shortcodeEnd(String text, int start) {
    int at = start + 1;
    while (at < text.length() && isNameChar(text.charAt(at))) {
      at++;
    }
    boolean closed = at < text.length() && text.charAt(at) == ':' && at > start + 1;
    if (!closed || (at + 1 < text.length() && isWordChar(text.charAt(at + 1)))) {
      return start;
    }
    return at + 1;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '+'
        || c == '-';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
