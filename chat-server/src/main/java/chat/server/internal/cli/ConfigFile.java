package chat.server.internal.cli;

import chat.server.internal.storage.SmallFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The relay's config file: one {@code key = value} per line, keys being the long flag names without
 * {@code --}. Blank lines and lines starting with {@code #} are skipped, and a {@code #} after
 * whitespace starts a comment. Values are taken literally (no quotes or escapes); an empty value
 * means "use the default". A key that is not a setting, a key given twice, or a line that is not
 * {@code key = value} is an error naming the file and the line: a typo is never ignored.
 *
 * @param path the file as given, for messages; null for {@link #none()}
 * @param entries the settings by key, in file order
 */
public record ConfigFile(Path path, Map<String, ConfigFile.Entry> entries) {
  /**
   * One setting.
   *
   * @param value the value, trimmed, without a trailing comment; empty for "use the default"
   * @param line the 1-based line it was on
   */
  public record Entry(String value, int line) {
    /** Checks the fields. */
    public Entry {
      Objects.requireNonNull(value, "value");
      if (line < 1) {
        throw new IllegalArgumentException("line must be positive");
      }
    }
  }

  /** Copies the entries. */
  public ConfigFile {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** The largest config file read: far more than every setting with a comment each. */
  static final int MAX_BYTES = 1 << 20;

  /** No config file. */
  public static ConfigFile none() {
    return new ConfigFile(null, Map.of());
  }

  /**
   * Reads and checks {@code path} (UTF-8) against the settings in {@code keys}.
   *
   * @throws IOException if it cannot be read
   * @throws ConfigFileException if a line is not UTF-8 or malformed, a key unknown or repeated
   */
  public static ConfigFile load(Path path, Set<String> keys)
      throws IOException, ConfigFileException {
    return parse(path, utf8(path, SmallFiles.read(path, MAX_BYTES, "a config file")), keys);
  }

  /**
   * {@code bytes} as UTF-8 text.
   *
   * @throws ConfigFileException naming the first line that is not UTF-8 (the JDK's own message,
   *     such as "Input length = 1", says neither where nor what)
   */
  static String utf8(Path path, byte[] bytes) throws ConfigFileException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new ConfigFileException(
          path,
          line,
          "not UTF-8 text (byte "
              + (in.position() + 1)
              + " of the file); save it as UTF-8 (plain ASCII is UTF-8 too)");
    }
    return out.flip().toString();
  }

  /**
   * Parses {@code text} as the contents of {@code path}.
   *
   * @throws ConfigFileException if a line is malformed, a key unknown or repeated
   */
  public static ConfigFile parse(Path path, String text, Set<String> keys)
      throws ConfigFileException {
    Objects.requireNonNull(path, "path");
    Map<String, Entry> entries = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      String line = lines[i].strip();
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw new ConfigFileException(path, number, "expected key = value");
      }
      String key = line.substring(0, equals).strip();
      if (key.isEmpty()) {
        throw new ConfigFileException(path, number, "missing key before '='");
      }
      if (!keys.contains(key)) {
        throw new ConfigFileException(path, number, unknown(key, keys));
      }
      Entry earlier = entries.get(key);
      if (earlier != null) {
        throw new ConfigFileException(
            path, number, "'" + key + "' is set twice (first on line " + earlier.line() + ")");
      }
      entries.put(key, new Entry(withoutComment(line.substring(equals + 1)), number));
    }
    return new ConfigFile(path, entries);
  }

  /** The setting {@code key}, if the file has it with a non-empty value. */
  public Optional<Entry> get(String key) {
    Entry entry = entries.get(key);
    return entry == null || entry.value().isEmpty() ? Optional.empty() : Optional.of(entry);
  }

  /**
   * Whether {@code value}, written after {@code key = }, reads back as itself: not when a line
   * break, a {@code #} after whitespace (or at its start) or whitespace at its ends is in it.
   */
  public static boolean holds(String value) {
    return value.indexOf('\n') < 0 && withoutComment(" " + value).equals(value);
  }

  private static String withoutComment(String value) {
    for (int i = 1; i < value.length(); i++) {
      if (value.charAt(i) == '#' && Character.isWhitespace(value.charAt(i - 1))) {
        return value.substring(0, i).strip();
      }
    }
    return value.strip();
  }

  private static String unknown(String key, Set<String> keys) {
    String shown = key.startsWith("--") ? key.substring(2) : key;
    String message = "unknown key '" + key + "'";
    if (ConfigDefaultProvider.NOT_SETTINGS.contains("--" + shown)) {
      return message
          + ": --"
          + shown
          + " is not a setting (--config, --print-config, --help and --version are given as"
          + " flags only)";
    }
    if (!shown.equals(key) && keys.contains(shown)) {
      return message + " (write it without the dashes: '" + shown + "')";
    }
    Optional<String> likely = likelyKey(shown, keys);
    if (likely.isPresent()) {
      return message + " (did you mean '" + likely.get() + "'?)";
    }
    return message + "; the keys are the long flag names without --, see chat-server --help";
  }

  /**
   * The key of {@code keys} that {@code typo} is most likely a misspelling of, if one is close; in
   * any case ({@code PORT} is {@code port}), as the keys are all lower case.
   */
  static Optional<String> likelyKey(String typo, Set<String> keys) {
    String lower = typo.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : keys) {
      int distance = editDistance(lower, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= 2 ? Optional.of(best) : Optional.empty();
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
