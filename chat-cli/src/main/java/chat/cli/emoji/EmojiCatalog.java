package chat.cli.emoji;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import net.fellbaum.jemoji.Emoji;
import net.fellbaum.jemoji.EmojiManager;
import net.fellbaum.jemoji.Qualification;

/**
 * The emoji the client knows, built once from the jemoji library (Unicode's emoji list with the
 * GitHub, Slack and Discord shortcodes): lookup by shortcode, prefix completion, search for the
 * picker, and which single characters terminals draw two columns wide.
 *
 * <p>A shortcode is {@code :name:} with a name of {@code a-z 0-9 _ + -}; emoticon aliases such as
 * {@code :D} are not shortcodes. When sources disagree, GitHub's name wins over Slack's over
 * Discord's. Immutable and thread-safe; {@link #shared()} builds it on first use (about half a
 * second), so callers may warm it up on a background thread.
 */
public final class EmojiCatalog {
  private static final Pattern SHORTCODE = Pattern.compile(":[a-z0-9_+\\-]+:");
  private static final char VARIATION_SELECTOR_16 = '\uFE0F';

  private final Map<String, EmojiEntry> byShortcode;
  private final NavigableMap<String, EmojiEntry> sortedShortcodes;
  private final List<EmojiEntry> entries;
  private final Set<Integer> wideSingles;
  private final Set<Integer> textByDefault;

  /** Every emoji (not a lone skin tone or hair component), without its variation selectors. */
  private final Set<String> bare;

  private EmojiCatalog(List<Emoji> all) {
    Map<String, Emoji> owner = owners(all);
    Map<Emoji, List<String>> names = new HashMap<>();
    owner.forEach((code, emoji) -> names.computeIfAbsent(emoji, e -> new ArrayList<>()).add(code));
    List<EmojiEntry> list = new ArrayList<>();
    Map<String, EmojiEntry> map = new HashMap<>();
    for (Emoji emoji : all) {
      List<String> codes = names.get(emoji);
      if (codes == null) {
        continue;
      }
      List<String> ordered = new ArrayList<>(new LinkedHashSet<>(preferred(emoji)));
      ordered.retainAll(codes);
      EmojiEntry entry =
          new EmojiEntry(emoji.getEmoji(), ordered.get(0), ordered, emoji.getDescription());
      list.add(entry);
      ordered.forEach(code -> map.put(code, entry));
    }
    this.entries = List.copyOf(list);
    this.byShortcode = Map.copyOf(map);
    this.sortedShortcodes = new TreeMap<>(map);
    this.wideSingles = new HashSet<>();
    this.textByDefault = new HashSet<>();
    Set<String> known = new HashSet<>();
    for (Emoji emoji : all) {
      if (emoji.getQualification() == Qualification.FULLY_QUALIFIED) {
        known.add(bare(emoji.getEmoji()));
      }
    }
    this.bare = Set.copyOf(known);
    for (Emoji emoji : all) {
      String text = emoji.getEmoji();
      int first = text.codePointAt(0);
      int codePoints = text.codePointCount(0, text.length());
      if (codePoints == 1) {
        wideSingles.add(first);
      } else if (codePoints == 2 && text.charAt(text.length() - 1) == VARIATION_SELECTOR_16) {
        textByDefault.add(first);
      }
    }
  }

  /** The catalog of the bundled emoji data, built on first use. */
  public static EmojiCatalog shared() {
    return Holder.CATALOG;
  }

  private static final class Holder {
    private static final EmojiCatalog CATALOG = new EmojiCatalog(usable());
  }

  /** Fully qualified emoji and skin-tone components, in Unicode's group order. */
  private static List<Emoji> usable() {
    List<Emoji> all = new ArrayList<>();
    for (Emoji emoji : EmojiManager.getAllEmojis()) {
      Qualification q = emoji.getQualification();
      if (q == Qualification.FULLY_QUALIFIED || q == Qualification.COMPONENT) {
        all.add(emoji);
      }
    }
    all.sort(
        Comparator.comparing((Emoji e) -> e.getGroup().ordinal())
            .thenComparing(e -> e.getSubgroup().ordinal())
            .thenComparing(Emoji::getEmoji));
    return all;
  }

  /** Which emoji each shortcode names: GitHub's over Slack's over Discord's. */
  private static Map<String, Emoji> owners(List<Emoji> all) {
    Map<String, Emoji> owner = new HashMap<>();
    for (int source = 0; source < 3; source++) {
      for (Emoji emoji : all) {
        List<String> aliases =
            switch (source) {
              case 0 -> emoji.getGithubAliases();
              case 1 -> emoji.getSlackAliases();
              default -> emoji.getDiscordAliases();
            };
        for (String alias : aliases) {
          if (SHORTCODE.matcher(alias).matches()) {
            owner.putIfAbsent(alias, emoji);
          }
        }
      }
    }
    return owner;
  }

  private static List<String> preferred(Emoji emoji) {
    List<String> out = new ArrayList<>(emoji.getGithubAliases());
    out.addAll(emoji.getSlackAliases());
    out.addAll(emoji.getDiscordAliases());
    return out;
  }

  /** The emoji {@code shortcode} (with colons, any case) names, if it is one. */
  public Optional<String> emoji(String shortcode) {
    EmojiEntry entry = byShortcode.get(shortcode.toLowerCase(Locale.ROOT));
    return entry == null ? Optional.empty() : Optional.of(entry.emoji());
  }

  /**
   * Shortcodes starting with {@code prefix} (with its leading colon, any case), shortest first, at
   * most {@code limit}.
   */
  public List<String> complete(String prefix, int limit) {
    String from = prefix.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String code : sortedShortcodes.tailMap(from, true).keySet()) {
      if (!code.startsWith(from)) {
        break;
      }
      out.add(code);
    }
    out.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  /**
   * Emoji matching {@code filter} (words, colons optional, any case), best first, at most {@code
   * limit}: a shortcode equal to it, then shortcodes starting with it, then shortcodes containing
   * it, then descriptions containing it. An empty filter lists the catalog in Unicode's order.
   */
  public List<EmojiEntry> search(String filter, int limit) {
    String wanted = filter.strip().toLowerCase(Locale.ROOT).replace(":", "").replace(' ', '_');
    List<List<EmojiEntry>> ranks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<EmojiEntry> described = new ArrayList<>();
    for (EmojiEntry entry : entries) {
      int rank = rank(entry, wanted);
      if (rank < ranks.size()) {
        ranks.get(rank).add(entry);
      } else if (entry.description().contains(wanted.replace('_', ' '))) {
        described.add(entry);
      }
    }
    List<EmojiEntry> out = new ArrayList<>();
    ranks.forEach(out::addAll);
    out.addAll(described);
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  private static int rank(EmojiEntry entry, String wanted) {
    int best = Integer.MAX_VALUE;
    for (String code : entry.shortcodes()) {
      String name = code.substring(1, code.length() - 1);
      if (name.equals(wanted)) {
        return 0;
      }
      best = Math.min(best, name.startsWith(wanted) ? 1 : name.contains(wanted) ? 2 : best);
    }
    return best;
  }

  /**
   * Whether {@code codePoint} on its own is an emoji drawn in colour and two columns wide by
   * default (Unicode's Emoji_Presentation: U+2705 ✅, which is one UTF-16 char, or U+1F600 😀).
   */
  public boolean isWideOnItsOwn(int codePoint) {
    return wideSingles.contains(codePoint);
  }

  /**
   * Whether {@code text} is one emoji of Unicode's list (👍, 👍🏽, ❤️ or ❤, 🇩🇪, 👨‍👩‍👧, 1️⃣),
   * whether or not it carries variation selectors: what a reaction is. A letter, a digit or a
   * symbol that is no emoji is not one, nor are two emoji.
   */
  public boolean isEmoji(String text) {
    return !text.isEmpty() && bare.contains(bare(text));
  }

  /**
   * {@code emoji} as reactions are counted, one per user and emoji: without variation selectors and
   * skin tones, so 👍, 👍️ and 👍🏽 are one.
   */
  public static String counted(String emoji) {
    StringBuilder out = new StringBuilder();
    bare(emoji).codePoints().filter(c -> !Graphemes.isModifier(c)).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** {@code text} without variation selectors (U+FE0E, U+FE0F), which do not change the emoji. */
  public static String bare(String text) {
    return text.replace("\uFE0E", "").replace("\uFE0F", "");
  }

  /**
   * Whether {@code codePoint} is text by default and becomes an emoji only with U+FE0F after it
   * (U+2764 ❤, U+1F5A5 🖥): terminals draw it alone one column wide, and disagree on how wide the
   * pair is.
   */
  public boolean isTextByDefault(int codePoint) {
    return textByDefault.contains(codePoint);
  }
}
