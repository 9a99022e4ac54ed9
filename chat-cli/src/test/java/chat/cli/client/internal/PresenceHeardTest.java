package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import chat.cli.client.Presence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reconnect tells of friends: only changes from what was heard or listed before. */
class PresenceHeardTest {
  private static FriendView friend(String name, Presence presence) {
    return new FriendView(name, Friendship.FRIENDS, presence);
  }

  @Test
  void changed_onlyFriendsHeardBefore_whosePresenceDiffers() {
    PresenceHeard heard = new PresenceHeard();
    heard.heard("Bob", Presence.ONLINE);
    heard.heard("carol", Presence.away("tea"));
    heard.heard("dave", Presence.ONLINE);

    List<FriendView> now =
        List.of(
            friend("bob", Presence.OFFLINE),
            friend("carol", Presence.away("tea")),
            friend("dave", Presence.away("lunch")),
            friend("erin", Presence.OFFLINE),
            new FriendView("frank", Friendship.REQUEST_SENT, Presence.OFFLINE));

    assertThat(heard.changed(now))
        .extracting(FriendView::username)
        .as("erin was never heard of: not news; frank is no friend")
        .containsExactly("bob", "dave");
    assertThat(heard.changed(now)).as("told once").isEmpty();
  }

  @Test
  void listed_knowsFriendsNotHeardOf_leavesThoseHeardAsHeard() {
    PresenceHeard heard = new PresenceHeard();
    heard.heard("bob", Presence.away("lunch"));
    heard.listed(List.of(friend("bob", Presence.OFFLINE), friend("carol", Presence.ONLINE)));

    List<FriendView> later =
        List.of(friend("bob", Presence.OFFLINE), friend("carol", Presence.OFFLINE));

    assertThat(heard.changed(later))
        .extracting(FriendView::username)
        .as("bob's away was heard, not replaced by a list; carol, online at login, left")
        .containsExactly("bob", "carol");
  }

  @Test
  void heard_keepsTheMostRecentUsersOnly() {
    PresenceHeard heard = new PresenceHeard();
    for (int i = 0; i <= PresenceHeard.MAX_HEARD; i++) {
      heard.heard("user" + i, Presence.ONLINE);
    }

    assertThat(heard.changed(List.of(friend("user0", Presence.OFFLINE)))).isEmpty();
    assertThat(heard.changed(List.of(friend("user1", Presence.OFFLINE)))).hasSize(1);
  }
}
