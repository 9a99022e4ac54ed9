package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Event;
import chat.protocol.FriendAction;
import chat.protocol.FriendUpdateReply;
import chat.protocol.FriendUpdateRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.LoginReply;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import chat.protocol.Reply;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.protocol.SetPresenceReply;
import chat.protocol.SetPresenceRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence travels through rooms of at most {@code --presence-max-room-members} members and between
 * friends; a larger room carries none, but its member list still says who is online.
 */
class PresenceLimitTest {
  @TempDir Path dataDir;

  /** The presence events {@code client} received before ben's away, which ends the wait. */
  private static List<PresenceEvent> presenceUntilBenIsAway(TestClient client)
      throws InterruptedException {
    List<PresenceEvent> seen = new ArrayList<>();
    while (true) {
      PresenceEvent event = client.nextEvent(PresenceEvent.class);
      if (event.username().equals("ben") && event.status() == PresenceStatus.AWAY) {
        return seen;
      }
      seen.add(event);
    }
  }

  @Test
  void onlyRoomsWithinTheLimit_andFriends_carryPresence() throws Exception {
    RelayConfig config = RelayFixture.builder(dataDir).presenceMaxRoomMembers(2).build();
    try (Relay relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM)) {
      try (TestClient setup = RelayFixture.connect(relay, dataDir, 2)) {
        for (String name : List.of("ann", "ben", "cat", "dan")) {
          register(setup, RelayFixture.identity(name));
        }
      }
      // #lobby has four members, over the limit; ann and ben also share #duo, within it; ann and
      // dan are friends.
      try (TestClient ann = RelayFixture.connect(relay, dataDir, 2)) {
        login(ann, "ann");
        ann.ok(new JoinRequest(ann.nextId(), "#duo"), JoinReply.class);
        try (TestClient dan = RelayFixture.connect(relay, dataDir, 2)) {
          login(dan, "dan");
          ann.ok(
              new FriendUpdateRequest(ann.nextId(), "dan", FriendAction.ADD),
              FriendUpdateReply.class);
          dan.ok(
              new FriendUpdateRequest(dan.nextId(), "ann", FriendAction.ADD),
              FriendUpdateReply.class);
        }
        ann.events.clear();

        TestClient ben = RelayFixture.connect(relay, dataDir, 2);
        login(ben, "ben");
        ben.ok(new JoinRequest(ben.nextId(), "#duo"), JoinReply.class);
        try (TestClient cat = RelayFixture.connect(relay, dataDir, 2);
            TestClient dan = RelayFixture.connect(relay, dataDir, 2)) {
          login(cat, "cat");
          login(dan, "dan");
          ben.ok(
              new SetPresenceRequest(ben.nextId(), PresenceStatus.AWAY, "brb"),
              SetPresenceReply.class);

          List<PresenceEvent> seen = presenceUntilBenIsAway(ann);
          assertThat(seen)
              .extracting(PresenceEvent::username)
              .as("dan is a friend; cat shares only the four-member #lobby")
              .contains("dan")
              .doesNotContain("cat");
          List<MemberInfo> lobby =
              ann.ok(new ListMembersRequest(ann.nextId(), "#lobby"), MembersReply.class).members();
          assertThat(lobby)
              .filteredOn(member -> member.username().equals("cat"))
              .singleElement()
              .satisfies(member -> assertThat(member.status()).isEqualTo(PresenceStatus.ONLINE));
        } finally {
          ben.close();
        }
        assertThat(ann.nextEvent(PresenceEvent.class, e -> e.username().equals("ben")).status())
            .as("ben's going offline travels through #duo")
            .isEqualTo(PresenceStatus.OFFLINE);
        for (Event event : ann.events) {
          assertThat(event)
              .as("nothing about cat")
              .isNotEqualTo(new PresenceEvent("cat", PresenceStatus.OFFLINE));
        }
      }
    }
  }

  /**
   * Each away or back is pushed to every peer and friend, so one account's changes are rate-limited
   * over all its connections, and an away that repeats the one in force pushes nothing: a client
   * toggling its presence cannot flood its peers (and drop them as slow consumers).
   */
  @Test
  void presenceChanges_areRateLimitedPerAccount_andARepeatedAwayPushesNothing() throws Exception {
    try (Relay relay = RelayFixture.start(dataDir)) {
      try (TestClient setup = RelayFixture.connect(relay, dataDir, 2)) {
        register(setup, RelayFixture.identity("ann"));
        register(setup, RelayFixture.identity("ben"));
      }
      try (TestClient ann = RelayFixture.connect(relay, dataDir, 2);
          TestClient ben = RelayFixture.connect(relay, dataDir, 2);
          TestClient benAgain = RelayFixture.connect(relay, dataDir, 2)) {
        login(ann, "ann");
        login(ben, "ben");
        login(benAgain, "ben");
        ann.eventsSoFar(PresenceEvent.class);
        ann.events.clear();
        ben.ok(
            new SetPresenceRequest(ben.nextId(), PresenceStatus.AWAY, "brb"),
            SetPresenceReply.class);
        ben.ok(
            new SetPresenceRequest(ben.nextId(), PresenceStatus.AWAY, "brb"),
            SetPresenceReply.class);
        assertThat(ann.eventsSoFar(PresenceEvent.class))
            .as("the repeated away pushes nothing")
            .filteredOn(e -> e.username().equals("ben"))
            .hasSize(1);
        ann.events.clear();

        ErrorReply refused = null;
        int accepted = 1;
        for (int i = 0; i < 40 && refused == null; i++) {
          TestClient from = i % 2 == 0 ? benAgain : ben;
          PresenceStatus status = i % 2 == 0 ? PresenceStatus.ONLINE : PresenceStatus.AWAY;
          Reply reply = from.call(new SetPresenceRequest(from.nextId(), status, null));
          if (reply instanceof ErrorReply error) {
            refused = error;
          } else {
            accepted++;
          }
        }
        assertThat(refused).as("a refusal within 40 changes").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(accepted).isLessThanOrEqualTo(12);
        assertThat(ann.eventsSoFar(PresenceEvent.class)).hasSizeLessThanOrEqualTo(12);
      }
    }
  }

  /**
   * A resume on a connection already logged in to the same account keeps it online: it is not
   * pushed to peers as going offline and coming back, which a client could repeat per request.
   */
  @Test
  void resumeOfTheSameAccount_onItsConnection_pushesNoPresence() throws Exception {
    try (Relay relay = RelayFixture.start(dataDir)) {
      try (TestClient setup = RelayFixture.connect(relay, dataDir, 2)) {
        register(setup, RelayFixture.identity("ann"));
        register(setup, RelayFixture.identity("ben"));
      }
      try (TestClient ann = RelayFixture.connect(relay, dataDir, 2);
          TestClient ben = RelayFixture.connect(relay, dataDir, 2)) {
        login(ann, "ann");
        LoginReply session = login(ben, "ben");
        ann.eventsSoFar(PresenceEvent.class);
        ann.events.clear();
        for (int i = 0; i < 5; i++) {
          ben.ok(
              new ResumeRequest(ben.nextId(), Secret.ofChars(session.token().chars())),
              ResumeReply.class);
        }
        assertThat(ann.eventsSoFar(PresenceEvent.class))
            .filteredOn(e -> e.username().equals("ben"))
            .isEmpty();
      }
    }
  }
}
