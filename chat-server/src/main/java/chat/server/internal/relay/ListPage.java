package chat.server.internal.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One page of a list reply ({@code rooms}, {@code members}) that fits a frame: the entries after
 * the request's cursor, in order, while their JSON stays under half the maximum frame size (the
 * rest is room for the reply's other fields), and at most {@link #MAX_ENTRIES}; and the cursor of
 * the next page if entries remain. The size of each entry is counted from above, so a page never
 * outgrows a frame whatever its text holds.
 *
 * @param <T> an entry of the reply
 */
final class ListPage<T> {
  /** Most entries on one page. */
  static final int MAX_ENTRIES = 1000;

  /** Bytes counted for an entry's field names, numbers and punctuation besides its text. */
  static final int ENTRY_OVERHEAD_BYTES = 128;

  private final List<T> entries;
  private final String next;

  private ListPage(List<T> entries, String next) {
    this.entries = List.copyOf(entries);
    this.next = next;
  }

  /**
   * The page of {@code keys} (sorted, each a cursor value) that starts after {@code after} (null:
   * from the first), each key made an entry by {@code entry} only once it is on the page.
   *
   * @param budgetBytes the most bytes the page's entries may take; 0 for no page (every entry after
   *     the cursor, as a relay answers a connection older than wire version 5)
   * @param sizeBytes an upper bound of an entry's JSON size, e.g. from {@link #jsonBytes}
   */
  static <K extends Comparable<K>, T> ListPage<T> of(
      List<K> keys,
      K after,
      Function<K, T> entry,
      ToIntFunction<T> sizeBytes,
      Function<T, String> cursor,
      int budgetBytes) {
    // Lazy: a key is made an entry only when the page reaches it.
    Iterable<T> entries =
        () ->
            keys.stream()
                .filter(key -> after == null || key.compareTo(after) > 0)
                .map(entry)
                .iterator();
    return budgetBytes > 0
        ? page(entries, sizeBytes, cursor, budgetBytes, MAX_ENTRIES)
        : page(entries, sizeBytes, cursor, Long.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * The page of {@code entries} (in order, the first after the request's cursor) by the rule of
   * {@link #of}, with at most {@code maxEntries} of them. A caller that reads a page from a query
   * gives it one row more than {@code maxEntries} when there is one, so that a full page names the
   * next.
   */
  static <T> ListPage<T> ofEntries(
      List<T> entries,
      ToIntFunction<T> sizeBytes,
      Function<T, String> cursor,
      int budgetBytes,
      int maxEntries) {
    return page(entries, sizeBytes, cursor, budgetBytes, maxEntries);
  }

  /**
   * The entries in order while they stay within {@code budgetBytes} and {@code maxEntries}, with
   * the cursor of the last one when more follow; a first entry always goes on the page.
   */
  private static <T> ListPage<T> page(
      Iterable<T> entries,
      ToIntFunction<T> sizeBytes,
      Function<T, String> cursor,
      long budgetBytes,
      int maxEntries) {
    List<T> out = new ArrayList<>();
    long used = 0;
    for (T value : entries) {
      if (budgetBytes != Long.MAX_VALUE) { // no budget, no sizes to count
        used += sizeBytes.applyAsInt(value);
      }
      boolean full = out.size() >= maxEntries || used > budgetBytes;
      if (full && !out.isEmpty()) {
        return new ListPage<>(out, cursor.apply(out.get(out.size() - 1)));
      }
      out.add(value);
    }
    return new ListPage<>(out, null);
  }

  /** The entries on this page. */
  List<T> entries() {
    return entries;
  }

  /** The cursor for the next page, or null if this is the last. */
  String next() {
    return next;
  }

  /**
   * An upper bound of the bytes {@code text} takes as a JSON string, quotes and {@link
   * #ENTRY_OVERHEAD_BYTES} included: 6 bytes for a character written as an escape (control
   * characters, quote, backslash), 3 for any other outside ASCII (UTF-8; a surrogate pair is 4
   * bytes for two), 1 otherwise. Null counts as the overhead alone.
   */
  static int jsonBytes(String... texts) {
    int bytes = ENTRY_OVERHEAD_BYTES;
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      bytes += 2;
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        bytes += ch < 0x20 || ch == '"' || ch == '\\' ? 6 : ch < 0x80 ? 1 : 3;
      }
    }
    return bytes;
  }
}
