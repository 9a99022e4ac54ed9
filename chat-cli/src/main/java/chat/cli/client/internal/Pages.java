package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.crypto.RecipientSet;
import java.util.Locale;

/**
 * The rule for walking a paged list ({@code list_rooms}, {@code list_members}, {@code
 * list_friends}): ask again after the reply's {@code next} until a reply has none. A relay may only
 * move forward: a cursor that does not come after the one asked, or a page with a {@code next} but
 * no entry (a page always holds one), would make the walk loop forever, so it is refused; and a
 * member list may hold at most {@link #MAX_MEMBERS}.
 */
final class Pages {
  /**
   * The most members a list may hold: the most recipients an envelope can have, so the most a
   * conversation can have that a message can be sealed to (a relay's default room limit is 1,000).
   */
  static final int MAX_MEMBERS = RecipientSet.MAX_RECIPIENTS;

  private Pages() {}

  /**
   * The cursor for the next request, or null when the list is complete.
   *
   * @param asked the cursor of the request just answered (null for the first page)
   * @param next the reply's {@code next} cursor (null on the last page)
   * @param entries how many entries the reply's page holds
   * @throws CommandException.Network if {@code next} does not come after {@code asked}, or the page
   *     that names it is empty
   */
  static String next(String asked, String next, int entries) {
    if (next == null) {
      return null;
    }
    if (entries == 0 || (asked != null && key(next).compareTo(key(asked)) <= 0)) {
      throw new CommandException.Network(
          "the relay sent a list page that does not move forward; the list is incomplete", null);
    }
    return next;
  }

  /**
   * Refuses a member list, of the conversation the person knows as {@code label}, past {@link
   * #MAX_MEMBERS}.
   *
   * @throws CommandException.Network if {@code listed} members are more than that
   */
  static void requireMembersWithinLimit(int listed, String label) {
    if (listed > MAX_MEMBERS) {
      throw new CommandException.Network(
          "the relay listed more than "
              + String.format(Locale.ROOT, "%,d", MAX_MEMBERS)
              + " members of "
              + label
              + ", more than a message can be sealed to; the list is incomplete",
          null);
    }
  }

  /** Room ids and usernames are ordered by their lowercase form. */
  private static String key(String cursor) {
    return cursor.toLowerCase(Locale.ROOT);
  }
}
