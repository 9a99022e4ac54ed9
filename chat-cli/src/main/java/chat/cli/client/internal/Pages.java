package chat.cli.client.internal;

import chat.cli.CommandException;
import java.util.Locale;

/**
 * The rule for walking a paged list ({@code list_rooms}, {@code list_members}, {@code
 * list_friends}): ask again after the reply's {@code next} until a reply has none. A relay may only
 * move forward: a cursor that does not come after the one asked would make the walk loop forever,
 * so it is refused.
 */
final class Pages {
  private Pages() {}

  /**
   * The cursor for the next request, or null when the list is complete.
   *
   * @param asked the cursor of the request just answered (null for the first page)
   * @param next the reply's {@code next} cursor (null on the last page)
   * @throws CommandException.Network if {@code next} does not come after {@code asked}
   */
  static String next(String asked, String next) {
    if (next == null) {
      return null;
    }
    if (asked != null && key(next).compareTo(key(asked)) <= 0) {
      throw new CommandException.Network(
          "the relay sent a list page that does not move forward; the list is incomplete", null);
    }
    return next;
  }

  /** Room ids and usernames are ordered by their lowercase form. */
  private static String key(String cursor) {
    return cursor.toLowerCase(Locale.ROOT);
  }
}
