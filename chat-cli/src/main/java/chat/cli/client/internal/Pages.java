package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.crypto.RecipientSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The rule for walking a paged list ({@code list_rooms}, {@code list_members}, {@code
 * list_friends}, {@code list_bans}): ask again after the reply's {@code next} until a reply has
 * none. A relay may only move forward: a cursor that does not come after the one asked, or a page
 * with a {@code next} but no entry (a page always holds one), would make the walk loop forever, so
 * it is refused. Cursors can move forward without end (there are more usernames and room names than
 * anyone could list), so each list is also bounded: members by {@link #MAX_MEMBERS}, friends by
 * {@link #MAX_FRIENDS}, rooms by {@link #MAX_ROOMS}.
 */
final class Pages {
  /**
   * The most members a list may hold: the most recipients an envelope can have, so the most a
   * conversation can have that a message can be sealed to (a relay's default room limit is 1,000).
   */
  static final int MAX_MEMBERS = RecipientSet.MAX_RECIPIENTS;

  /**
   * The most entries a friends list may hold: the most friends a relay's operator can allow
   * (100,000, {@code chat-server --max-friends}), the 100 requests a user may have sent and the 100
   * that may wait for their answer.
   */
  static final int MAX_FRIENDS = 100_200;

  /**
   * The most rooms a list may hold. A relay's open rooms have no fixed bound (each user may create
   * 100 by default), but a list longer than this is one no person reads through and no client
   * should hold for a relay that names rooms without end.
   */
  static final int MAX_ROOMS = 100_000;

  /**
   * The most bans a list may hold. A group's bans have no fixed bound on the relay; past this many
   * the list is no longer one a person reads, and a relay that lists bans without end is refused.
   */
  static final int MAX_BANS = 100_000;

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
   * One page of a list: its entries and the reply's {@code next} cursor (null on the last page).
   */
  record Page<T>(List<T> entries, String next) {}

  /**
   * Every entry of a paged list: asks {@code fetch} for the page after each cursor (null for the
   * first) until a page names no next, by the rule of {@link #next}, refusing the list past {@code
   * max} entries of {@code what} ({@link #requireWithinLimit}).
   */
  static <T> List<T> walk(Function<String, Page<T>> fetch, int max, String what) {
    List<T> out = new ArrayList<>();
    String after = null;
    do {
      Page<T> page = fetch.apply(after);
      out.addAll(page.entries());
      after = next(after, page.next(), page.entries().size());
      requireWithinLimit(out.size(), max, what);
    } while (after != null);
    return out;
  }

  /**
   * Refuses a list of {@code what} (a plural noun: "rooms", "friends and requests") past {@code
   * max} entries.
   *
   * @throws CommandException.Network if {@code listed} entries are more than {@code max}
   */
  static void requireWithinLimit(int listed, int max, String what) {
    if (listed > max) {
      throw new CommandException.Network(
          "the relay listed more than "
              + String.format(Locale.ROOT, "%,d", max)
              + " "
              + what
              + "; the list is incomplete",
          null);
    }
  }

  /** Room ids and usernames are ordered by their lowercase form. */
  private static String key(String cursor) {
    return cursor.toLowerCase(Locale.ROOT);
  }
}
