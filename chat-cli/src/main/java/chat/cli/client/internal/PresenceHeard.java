package chat.cli.client.internal;

import chat.cli.Newest;
import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import chat.cli.client.Presence;
import chat.protocol.Usernames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The presence of others as this session's listeners last heard it, so that a reconnect can tell
 * them what changed while the connection was down: the relay pushes a change only to who is
 * connected, so a friend who went offline (or came online, or went away) meanwhile would otherwise
 * stay as last heard until their next change. At most {@link #MAX_HEARD} users, the one heard
 * longest ago forgotten first (a relay can name any number of made-up users). Safe for use from any
 * thread.
 */
final class PresenceHeard {
  /** Users remembered; far more than anyone has friends. */
  static final int MAX_HEARD = 4096;

  private final Map<String, Presence> heard = new Newest<>(MAX_HEARD);

  /** {@code username}'s presence, as a presence event just told the listeners. */
  synchronized void heard(String username, Presence presence) {
    heard.put(Usernames.key(username), presence);
  }

  /**
   * The friends a friends list names, as it gives their presence, those heard of before left as
   * heard: a friend already online at login, whom no event named, is then known too.
   */
  synchronized void listed(List<FriendView> friends) {
    for (FriendView friend : friends) {
      if (friend.friendship() == Friendship.FRIENDS
          && !heard.containsKey(Usernames.key(friend.username()))) {
        heard(friend.username(), friend.presence());
      }
    }
  }

  /**
   * After a reconnect, with the friends list just fetched: the friends whose presence differs from
   * the one last heard (those never heard are not news), now noted as heard, for the listeners.
   */
  synchronized List<FriendView> changed(List<FriendView> friends) {
    List<FriendView> out = new ArrayList<>();
    for (FriendView friend : friends) {
      Presence last = heard.get(Usernames.key(friend.username()));
      if (friend.friendship() == Friendship.FRIENDS
          && last != null
          && !last.equals(friend.presence())) {
        heard(friend.username(), friend.presence());
        out.add(friend);
      }
    }
    return out;
  }
}
