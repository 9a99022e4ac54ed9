package chat.cli.emoji;

import chat.cli.command.CompletionSource;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Completes emoji shortcodes for the command layer: a word starting with a colon and at least one
 * more character ({@code :sm}) is completed to the shortcodes starting with it ({@code :smile:},
 * {@code :smiley:}, ...), shortest first. Other words get nothing from this source.
 */
public final class EmojiCompletionSource implements CompletionSource {
  /** The most candidates offered for one word. */
  public static final int MAX_CANDIDATES = 40;

  private final Supplier<EmojiCatalog> catalog;

  /** A source over the catalog {@code catalog} supplies, asked only when a word needs it. */
  public EmojiCompletionSource(Supplier<EmojiCatalog> catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** A source over {@link EmojiCatalog#shared()}, which it loads on first use. */
  public static EmojiCompletionSource standard() {
    return new EmojiCompletionSource(EmojiCatalog::shared);
  }

  @Override
  public List<String> candidates(String line, String word) {
    if (word.length() < 2 || word.charAt(0) != ':') {
      return List.of();
    }
    return catalog.get().complete(word, MAX_CANDIDATES);
  }
}
