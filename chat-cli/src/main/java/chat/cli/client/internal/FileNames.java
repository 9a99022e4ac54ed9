package chat.cli.client.internal;

import chat.cli.emoji.Graphemes;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a file name someone else chose into one that is safe to create in the download directory: a
 * single plain name that cannot leave the directory, hide, pose as an option, carry control or
 * bidirectional characters, or name a device.
 */
final class FileNames {
  /** Longest sanitized name, in UTF-8 bytes: room is left for {@code " (9999)"} and temp names. */
  static final int MAX_NAME_BYTES = 200;

  /** Longest extension kept when a long name is shortened, in characters (dot included). */
  static final int MAX_EXTENSION_CHARS = 16;

  /** The name used when nothing usable is left. */
  static final String FALLBACK = "download";

  /**
   * Windows device names, in lower case; with any extension, and with spaces before it, each still
   * names the device there. {@code COM} and {@code LPT} take a digit, superscripts too.
   */
  private static final Set<String> RESERVED = reservedNames();

  private FileNames() {}

  private static Set<String> reservedNames() {
    Set<String> names = new HashSet<>(Set.of("con", "prn", "aux", "nul", "conin$", "conout$"));
    "0123456789\u00b9\u00b2\u00b3"
        .chars()
        .forEach(
            digit -> {
              names.add("com" + (char) digit);
              names.add("lpt" + (char) digit);
            });
    return Set.copyOf(names);
  }

  /**
   * A safe local name for {@code offered}: escape sequences removed whole (as on the terminal, so
   * the name saved is the name the offer showed), NFC-normalized; control, format (bidirectional
   * marks, zero-width characters), separator, surrogate and unassigned characters removed; {@code /
   * \ : * ? " < > |} replaced by {@code _}; runs of dots collapsed; leading dots, dashes and spaces
   * and trailing dots and spaces removed; device names such as {@code CON} prefixed with {@code _};
   * at most {@link #MAX_NAME_BYTES} UTF-8 bytes, keeping a short extension. Never empty, never
   * {@code .} or {@code ..}.
   */
  static String sanitize(String offered) {
    // Whole escape sequences first, as the offer line drops them: the name saved is the name shown.
    String text = Normalizer.normalize(chat.cli.TerminalSafe.line(offered), Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> append(out, cp));
    String name = out.toString().replaceAll("\\.{2,}", ".");
    name = name.replaceAll("^[.\\- ]+", "").replaceAll("[. ]+$", "");
    String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    if (RESERVED.contains(base.stripTrailing().toLowerCase(Locale.ROOT))) {
      name = "_" + name;
    }
    name = shorten(name);
    return name.isEmpty() ? FALLBACK : name;
  }

  private static void append(StringBuilder out, int cp) {
    if ("/\\:*?\"<>|".indexOf(cp) >= 0) {
      out.append('_');
      return;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED -> {
        // dropped: invisible, reordering, or meaningless in a file name
      }
      case Character.SPACE_SEPARATOR -> out.append(' ');
      default -> out.appendCodePoint(cp);
    }
  }

  /**
   * {@code name} cut to {@link #MAX_NAME_BYTES} UTF-8 bytes between glyphs (no flag or emoji
   * sequence is cut in half, no letter loses its accents), keeping a short extension.
   */
  private static String shorten(String name) {
    if (utf8Length(name) <= MAX_NAME_BYTES) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension =
        dot > 0 && name.length() - dot <= MAX_EXTENSION_CHARS ? name.substring(dot) : "";
    String stem = extension.isEmpty() ? name : name.substring(0, dot);
    int budget = MAX_NAME_BYTES - utf8Length(extension);
    int kept = 0;
    int bytes = 0;
    for (int end : Graphemes.ends(stem)) {
      bytes += utf8Length(stem.substring(kept, end));
      if (bytes > budget) {
        break;
      }
      kept = end;
    }
    return stem.substring(0, kept).replaceAll("[. ]+$", "") + extension;
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The {@code attempt}-th candidate for {@code name}: the name itself first, then {@code "name
   * (1).ext"}, {@code "name (2).ext"} and so on.
   */
  static String numbered(String name, int attempt) {
    if (attempt == 0) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    boolean hasExtension = dot > 0 && name.length() - dot <= MAX_EXTENSION_CHARS;
    String stem = hasExtension ? name.substring(0, dot) : name;
    String extension = hasExtension ? name.substring(dot) : "";
    return stem + " (" + attempt + ")" + extension;
  }
}
