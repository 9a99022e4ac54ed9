package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.Friendship;
import chat.cli.client.Presence;
import org.junit.jupiter.api.Test;

class FriendCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void friendAdd_user_sendsARequest() {
    context.loggedInAs("alice");

    run("/friend add bob");

    assertThat(context.client.calls).containsExactly("friend ADD bob");
    assertThat(context.lines).containsExactly("info: sent a friend request to bob");
  }

  @Test
  void friendAdd_typedInAnotherCase_namesTheUserAsRegistered() {
    context.loggedInAs("alice");
    context.client.spellings.put("maximilian", "Maximilian");

    run("/friend add MAXIMILIAN");

    assertThat(context.lines).containsExactly("info: sent a friend request to Maximilian");
  }

  @Test
  void friendAccept_pendingRequest_makesFriends() {
    context.loggedInAs("alice");
    context.client.friendships().put("bob", Friendship.REQUEST_RECEIVED);

    run("/friend ACCEPT @bob");

    assertThat(context.lines).containsExactly("info: you and bob are friends");
  }

  @Test
  void friendDecline_andRemove_sayWhatHappened() {
    context.loggedInAs("alice");
    context.client.friendships().put("bob", Friendship.REQUEST_RECEIVED);
    context.client.friendships().put("carol", Friendship.FRIENDS);

    run("/friend decline bob");
    run("/friend remove carol");

    assertThat(context.lines)
        .containsExactly(
            "info: declined bob's friend request", "info: carol is not your friend any more");
  }

  @Test
  void friendRemove_aRequestYouSent_saysItWasWithdrawn() {
    context.loggedInAs("alice");
    context.client.friendships().put("lobby", Friendship.REQUEST_SENT);

    run("/friend remove lobby");

    assertThat(context.lines).containsExactly("info: withdrew your friend request to lobby");
    assertThat(context.client.friendships()).doesNotContainKey("lobby");
  }

  @Test
  void friend_unknownVerbOrSelf_isAUsageError() {
    context.loggedInAs("alice");

    run("/friend poke bob");
    run("/friend add alice");

    assertThat(context.errors())
        .containsExactly(
            "error: usage: /friend add|accept|decline|remove USER  (/help friend)",
            "error: that is you: name someone else");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void friends_listsPresenceAndRequests_cleaned() {
    context.loggedInAs("alice");
    context.client.friendships().put("bob", Friendship.FRIENDS);
    context.client.friendships().put("carol", Friendship.REQUEST_RECEIVED);
    context.client.friendships().put("dave", Friendship.REQUEST_SENT);
    context.client.firePresence("bob", Presence.away("out\u0007side"));

    run("/friends");

    assertThat(context.lines)
        .containsExactly(
            "info: friends and requests (3):",
            "info:   bob    away: outside",
            "info:   carol  wants to be your friend (/friend accept carol)",
            "info:   dave   request sent");
  }

  @Test
  void friends_none_saysHowToAdd() {
    context.loggedInAs("alice");

    run("/friends");

    assertThat(context.lines).containsExactly("info: no friends or requests: /friend add USER");
  }
}
