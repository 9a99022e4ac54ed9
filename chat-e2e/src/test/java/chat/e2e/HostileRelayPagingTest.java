package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.MemberView;
import chat.cli.client.RoomView;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.Frame;
import chat.protocol.MembersReply;
import chat.protocol.RoomsReply;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client walks every page of a room or member list (wire version 5): a relay that answers one
 * entry per page still gives the whole list, and one whose cursor does not move forward is refused
 * instead of looping.
 */
class HostileRelayPagingTest {
  private static final List<String> USERS = List.of("alice", "bob", "carol");

  @TempDir static Path identities;

  @TempDir Path dataDir;
  @TempDir Path homes;
  private Relay relay;
  private HostileRelay proxy;

  @BeforeAll
  static void makeIdentities(@TempDir Path scratch) throws Exception {
    Clients.makeIdentities(identities, scratch, USERS);
  }

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dataDir);
    proxy = new HostileRelay(relay.port(), dataDir.resolve("tls.crt"));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    relay.close();
  }

  private RelayChatClient registered(String name) {
    return Clients.liveWithIdentity(proxy.port(), homes, identities, name, new RecordingListener());
  }

  /** Cuts every list reply to its first entry, pointing at the rest with {@code next}. */
  private static final class OnePerPage implements Tamper {
    @Override
    public List<Frame> toClient(Link link, Frame frame) {
      if (frame instanceof RoomsReply r && r.rooms().size() > 1) {
        return List.of(new RoomsReply(r.re(), r.rooms().subList(0, 1), r.rooms().get(0).room()));
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
    try (RelayChatClient alice = registered("alice");
        RelayChatClient bob = registered("bob");
        RelayChatClient carol = registered("carol")) {
      for (RelayChatClient each : List.of(alice, bob, carol)) {
        each.join("#paged");
      }
      alice.join("#other");
      proxy.tamper(new OnePerPage());
      assertThat(alice.rooms())
          .extracting(RoomView::conversation)
          .containsExactly("#lobby", "#other", "#paged");
      assertThat(alice.members("#paged"))
          .extracting(MemberView::username)
          .containsExactlyInAnyOrder("alice", "bob", "carol");
    }
  }

  @Test
  void rooms_cursorThatDoesNotMoveForward_refusedNotLooped() {
    try (RelayChatClient alice = registered("alice")) {
      alice.join("#a-room");
      proxy.tamper(
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
