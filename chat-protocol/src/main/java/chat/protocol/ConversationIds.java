package chat.protocol;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Conversation ids: a room is {@code #name} (1 to 64 of {@code a-z 0-9 _ -}); a direct conversation
 * is {@code @a+b}, the two usernames lowercased and sorted, never the same user.
 */
public final class ConversationIds {
  /** The room every user joins at login. */
  public static final String LOBBY = "#lobby";

  private static final int ROOM_NAME_MAX = 64;
  private static final Pattern DIRECT =
      Pattern.compile("@([a-z][a-z0-9_.-]{2,31})\\+([a-z][a-z0-9_.-]{2,31})");

  private ConversationIds() {}

  /**
   * True for a valid room id. A loop rather than a regular expression: the relay checks the room of
   * every event it builds, a thousand for one message to a 1,000-member room.
   */
  public static boolean isRoom(String id) {
    if (id == null || id.length() < 2 || id.length() > ROOM_NAME_MAX + 1 || id.charAt(0) != '#') {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** True for a valid direct conversation id (sorted, two different users). */
  public static boolean isDirect(String id) {
    if (id == null) {
      return false;
    }
    var matcher = DIRECT.matcher(id);
    return matcher.matches() && matcher.group(1).compareTo(matcher.group(2)) < 0;
  }

  /** The direct conversation between two different valid usernames. */
  public static String direct(String first, String second) {
    String a = Usernames.key(first);
    String b = Usernames.key(second);
    if (!Usernames.isValid(a) || !Usernames.isValid(b) || a.equals(b)) {
      throw new IllegalArgumentException("a direct conversation needs two different usernames");
    }
    return a.compareTo(b) < 0 ? "@" + a + "+" + b : "@" + b + "+" + a;
  }

  /** The two username keys of a valid direct conversation id. */
  public static List<String> parties(String directId) {
    if (!isDirect(directId)) {
      throw new IllegalArgumentException("not a direct conversation id");
    }
    int plus = directId.indexOf('+');
    return List.of(directId.substring(1, plus), directId.substring(plus + 1));
  }

  /**
   * Whether {@code username} (any case) is outside direct conversation {@code id}: not one of the
   * two people its id names. Nobody is outside a room by its id (its members are the relay's word).
   */
  public static boolean outsider(String id, String username) {
    return isDirect(id) && !parties(id).contains(Usernames.key(username));
  }

  /**
   * The username key of the party of direct conversation {@code directId} who is not {@code
   * userKey}.
   *
   * @throws IllegalArgumentException if {@code directId} is not a direct conversation id or {@code
   *     userKey} is not one of its parties
   */
  public static String otherParty(String directId, String userKey) {
    List<String> parties = parties(directId);
    if (!parties.contains(userKey)) {
      throw new IllegalArgumentException("not a party of this direct conversation");
    }
    return parties.get(parties.get(0).equals(userKey) ? 1 : 0);
  }

  /**
   * Returns {@code id} if it is a room or direct conversation id.
   *
   * @throws IllegalArgumentException if not
   */
  public static String require(String id) {
    if (!isRoom(id) && !isDirect(id)) {
      throw new IllegalArgumentException("conversation must be #room or @a+b");
    }
    return id;
  }

  /**
   * Returns {@code id} if it is a room id.
   *
   * @throws IllegalArgumentException if not
   */
  public static String requireRoom(String id) {
    if (!isRoom(id)) {
      throw new IllegalArgumentException("room must be # and 1-64 of a-z 0-9 _ -");
    }
    return id;
  }
}
