package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import chat.cli.CommandException;
import chat.cli.client.FriendAction;
import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import chat.cli.client.MemberView;
import chat.cli.client.RoomView;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.Frame;
import chat.protocol.FriendsReply;
import chat.protocol.MembersReply;
import chat.protocol.RoomsReply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client walks every page of a room or member list (wire version 5) and of the friends list
 * (wire version 6): a relay that answers one entry per page still gives the whole list, and one
 * whose cursor does not move forward is refused instead of looping.
 */
class HostileRelayPagingTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob", "carol");

  /** Cuts every list reply to its first entry, pointing at the rest with {@code next}. */
  private static final class OnePerPage implements Tamper {
    @Override
    public List<Frame> toClient(Link link, Frame frame) {
      if (frame instanceof RoomsReply r && r.rooms().size() > 1) {
        return List.of(new RoomsReply(r.re(), r.rooms().subList(0, 1), r.rooms().get(0).room()));
      }
      if (frame instanceof FriendsReply r && r.friends().size() > 1) {
        return List.of(
            new FriendsReply(r.re(), r.friends().subList(0, 1), r.friends().get(0).username()));
      }
      if (frame instanceof MembersReply r && r.members().size() > 1) {
        String first = r.members().get(0).username();
        return List.of(
            new MembersReply(r.re(), r.conversation(), r.members().subList(0, 1), first));
      }
      return List.of(frame);
    }
  }

  @Test
  void roomsAndMembers_relayAnswersOneEntryPerPage_clientListsThemAll() {
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob");
        RelayChatClient carol = relay.registered("carol")) {
      for (RelayChatClient each : List.of(alice, bob, carol)) {
        each.join("#paged");
      }
      alice.join("#other");
      relay.tamper(new OnePerPage());
      assertThat(alice.rooms())
          .extracting(RoomView::conversation)
          .containsExactly("#lobby", "#other", "#paged");
      assertThat(alice.members("#paged"))
          .extracting(MemberView::username)
          .containsExactlyInAnyOrder("alice", "bob", "carol");
    }
  }

  @Test
  void friends_relayAnswersOneEntryPerPage_clientListsThemAllFriendsFirst() {
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob");
        RelayChatClient carol = relay.registered("carol")) {
      bob.friend(FriendAction.ADD, "alice");
      alice.friend(FriendAction.ADD, "carol");
      carol.friend(FriendAction.ACCEPT, "alice");
      relay.tamper(new OnePerPage());

      assertThat(alice.friends())
          .as("the relay pages by name (bob, carol); the client shows friends first")
          .extracting(FriendView::username, FriendView::friendship)
          .containsExactly(
              tuple("carol", Friendship.FRIENDS), tuple("bob", Friendship.REQUEST_RECEIVED));
    }
  }

  @Test
  void friends_cursorThatDoesNotMoveForward_refusedNotLooped() {
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob")) {
      bob.friend(FriendAction.ADD, "alice");
      relay.tamper(
          new Tamper() {
            @Override
            public List<Frame> toClient(Link link, Frame frame) {
              if (frame instanceof FriendsReply r) {
                return List.of(new FriendsReply(r.re(), r.friends(), "bob"));
              }
              return List.of(frame);
            }
          });
      assertThatThrownBy(alice::friends)
          .isInstanceOf(CommandException.Network.class)
          .hasMessageContaining("does not move forward");
    }
  }

  @Test
  void rooms_cursorThatDoesNotMoveForward_refusedNotLooped() {
    try (RelayChatClient alice = relay.registered("alice")) {
      alice.join("#a-room");
      relay.tamper(
          new Tamper() {
            @Override
            public List<Frame> toClient(Link link, Frame frame) {
              if (frame instanceof RoomsReply r) {
                return List.of(new RoomsReply(r.re(), r.rooms(), "#a-room"));
              }
              return List.of(frame);
            }
          });
      assertThatThrownBy(alice::rooms)
          .isInstanceOf(CommandException.Network.class)
          .hasMessageContaining("does not move forward");
    }
  }
}
