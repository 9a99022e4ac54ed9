package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ConnectionState;
import chat.cli.client.Presence;
import chat.cli.command.AwayTracker.Change;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AwayTrackerTest {
  private Instant now = Instant.parse("2026-12-02T10:00:00Z");
  private final AwayTracker tracker =
      new AwayTracker(
          new Clock() {
            @Override
            public ZoneId getZone() {
              return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  private static final String LOST = "connection reset; reconnecting";
  private static final String RESTART = ConnectionState.RELAY_SHUTTING_DOWN + "; reconnecting";

  /** This client's connection drops (not as the relay shuts down), and is back {@code after}. */
  private void reconnect(Duration after) {
    reconnect(after, LOST);
  }

  private void reconnect(Duration after, String why) {
    tracker.connection(ConnectionState.RECONNECTING, why);
    now = now.plus(after);
    tracker.connection(ConnectionState.ONLINE, "");
  }

  private Change seen(String username, Presence presence) {
    return tracker.observe("alice", username, presence);
  }

  @Test
  void awayThenOnline_isBack_butAPlainLoginCameOnline() {
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
    assertThat(seen("bob", Presence.away("lunch"))).isEqualTo(Change.WENT_AWAY);
    assertThat(seen("Bob", Presence.ONLINE)).isEqualTo(Change.BACK);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }

  @Test
  void aReconnectWhileAway_saysNothingNew() {
    seen("bob", Presence.away("lunch"));

    assertThat(seen("bob", Presence.OFFLINE)).isEqualTo(Change.WENT_OFFLINE);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
    assertThat(seen("bob", Presence.away("lunch"))).isEqualTo(Change.STILL_AWAY);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.BACK);
  }

  @Test
  void anotherMessage_orAnAwayLongAfterGoingOffline_isNews() {
    seen("bob", Presence.away("lunch"));
    assertThat(seen("bob", Presence.away("meeting"))).isEqualTo(Change.WENT_AWAY);

    seen("bob", Presence.OFFLINE);
    now = now.plus(AwayTracker.RECONNECT_WINDOW).plus(Duration.ofSeconds(1));
    seen("bob", Presence.ONLINE);
    assertThat(seen("bob", Presence.away("meeting"))).isEqualTo(Change.WENT_AWAY);
  }

  @Test
  void settingTheSameAwayAgainAfterAFreshLogin_isNews() {
    seen("bob", Presence.away("lunch"));
    seen("bob", Presence.OFFLINE);
    seen("bob", Presence.ONLINE);
    now = now.plus(AwayTracker.RESTORE_WINDOW).plusSeconds(1);

    assertThat(seen("bob", Presence.away("lunch"))).isEqualTo(Change.WENT_AWAY);
  }

  @Test
  void afterThisClientsOwnReconnect_theirReconnectAndRestoredAwayAreNotNews() {
    seen("bob", Presence.away("tea"));

    reconnect(Duration.ofSeconds(20));

    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
    assertThat(seen("bob", Presence.away("tea"))).isEqualTo(Change.STILL_AWAY);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.BACK);
  }

  @Test
  void afterThisClientsOwnReconnect_anAwayHeardWithoutAnOnlineFirst_isNotNews() {
    seen("bob", Presence.away("tea"));

    reconnect(Duration.ofSeconds(20));

    assertThat(seen("bob", Presence.away("tea"))).isEqualTo(Change.STILL_AWAY);
  }

  /**
   * After this client's own loss, those last heard online coming online in the minute after are
   * reconnecting too; someone heard going offline, or never heard of, logs in (news).
   */
  @Test
  void afterThisClientsOwnLoss_thoseLastHeardOnline_areNotNewsInTheMinute_othersAre() {
    seen("bob", Presence.ONLINE);
    seen("carol", Presence.OFFLINE);

    reconnect(Duration.ofMinutes(10));
    now = now.plus(AwayTracker.RECONNECT_STORM);

    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
    assertThat(seen("dave", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
    assertThat(seen("dave", Presence.OFFLINE)).isEqualTo(Change.WENT_OFFLINE);
    assertThat(seen("dave", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);

    now = now.plusSeconds(1);
    seen("bob", Presence.OFFLINE);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }

  /**
   * The relay shut down: everyone reconnects after it restarts, so anyone not heard going offline
   * is not news in that minute, nor is the away state their client says again right after.
   */
  @Test
  void afterTheRelayRestarts_anyoneNotHeardGoingOffline_isNotNews_norTheirAwaySaidAgain() {
    seen("carol", Presence.OFFLINE);

    reconnect(Duration.ofSeconds(20), RESTART);

    assertThat(seen("dave", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
    assertThat(seen("dave", Presence.away("lunch"))).isEqualTo(Change.STILL_AWAY);
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
    assertThat(seen("erin", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
    now = now.plus(AwayTracker.RESTORE_WINDOW).plusSeconds(1);
    assertThat(seen("erin", Presence.away("gym"))).isEqualTo(Change.WENT_AWAY);
  }

  /** The relay's news can come before this client's own reconnect is said. */
  @Test
  void othersComingOnlineWhileThisClientIsStillReconnecting_areNotNews() {
    tracker.connection(ConnectionState.ONLINE, "");
    tracker.connection(ConnectionState.RECONNECTING, RESTART);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);

    tracker.connection(ConnectionState.RECONNECTING, "connection refused; reconnecting");
    tracker.connection(ConnectionState.ONLINE, "");
    now = now.plusSeconds(30);
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
  }

  /** Another user logged in after a logout: the connection's state is theirs, not reset by them. */
  @Test
  void anotherViewer_keepsTheConnectionsReconnectMinute_butNotWhatTheFirstHeard() {
    seen("bob", Presence.ONLINE);
    tracker.connection(ConnectionState.OFFLINE, "logged out");
    tracker.connection(ConnectionState.ONLINE, "");
    reconnect(Duration.ofSeconds(5), RESTART);

    assertThat(tracker.observe("carol", "dave", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
    tracker.connection(ConnectionState.OFFLINE, "logged out");
    assertThat(tracker.observe("carol", "erin", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }

  @Test
  void aLogIn_orALogInAfterALogout_isNoReconnect_othersComingOnlineAreNews() {
    tracker.connection(ConnectionState.CONNECTING, "");
    tracker.connection(ConnectionState.ONLINE, "");
    seen("bob", Presence.ONLINE);
    seen("bob", Presence.OFFLINE);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);

    tracker.connection(ConnectionState.RECONNECTING, RESTART);
    tracker.connection(ConnectionState.OFFLINE, "logged out");
    tracker.connection(ConnectionState.ONLINE, "");
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }

  /**
   * A member list taken while others reconnect may list them offline for a moment: that is not
   * heard going offline; one taken later is.
   */
  @Test
  void listedOfflineInTheReconnectMinute_isNotHeardGoingOffline_listedLaterIs() {
    seen("bob", Presence.ONLINE);
    seen("carol", Presence.ONLINE);
    reconnect(Duration.ofSeconds(5));
    tracker.listed("alice", "bob", Presence.OFFLINE, Long.MAX_VALUE);

    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
    now = now.plus(AwayTracker.RECONNECT_STORM).plusSeconds(1);
    tracker.listed("alice", "carol", Presence.OFFLINE, Long.MAX_VALUE);
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }

  @Test
  void afterThisClientsOwnReconnect_aMemberListedAsStillAway_isBackWhenOnline() {
    seen("bob", Presence.away("tea"));
    seen("carol", Presence.away("gym"));
    seen("dave", Presence.away("out"));

    reconnect(Duration.ofSeconds(5));
    tracker.listed("alice", "bob", Presence.away("tea"), Long.MAX_VALUE);
    tracker.listed("alice", "carol", Presence.ONLINE, Long.MAX_VALUE);
    tracker.listed("alice", "dave", Presence.OFFLINE, Long.MAX_VALUE);
    now = now.plusSeconds(600);

    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.BACK);
    assertThat(seen("carol", Presence.away("gym"))).isEqualTo(Change.WENT_AWAY);
    assertThat(seen("dave", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }

  /**
   * A list fetched after this client's reconnect, between another's reconnect and their client
   * saying its away state again, gives them online: the away state said right after is still not
   * news.
   */
  @Test
  void afterThisClientsOwnReconnect_listedOnlineJustBeforeTheirAwayIsSaidAgain_isNotNews() {
    seen("bob", Presence.away("tea"));
    seen("carol", Presence.away("gym"));

    reconnect(Duration.ofSeconds(5), RESTART);
    tracker.listed(
        "alice",
        "bob",
        Presence.ONLINE,
        Long.MAX_VALUE); // their online was heard before this reconnect
    tracker.listed("alice", "carol", Presence.ONLINE, Long.MAX_VALUE);
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE); // heard after it
    now = now.plusSeconds(2);

    assertThat(seen("bob", Presence.away("tea"))).isEqualTo(Change.STILL_AWAY);
    assertThat(seen("carol", Presence.away("gym"))).isEqualTo(Change.STILL_AWAY);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.BACK);
  }

  /**
   * A list asked for before an event of someone's, and come after it, leaves that event's state.
   */
  @Test
  void aListAskedForBeforeAnEvent_doesNotUndoIt() {
    seen("bob", Presence.ONLINE);
    long asked = tracker.mark();
    seen("bob", Presence.away("tea"));

    tracker.listed("alice", "bob", Presence.ONLINE, asked); // as the relay had it when asked
    tracker.listed("alice", "carol", Presence.away("gym"), asked); // carol not heard since

    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.BACK);
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.BACK);
  }

  @Test
  void madeUpUsersAwayWithoutEnd_keepTheMostRecent_andAForgottenOneIsStillSaid() {
    seen("bob", Presence.away("lunch"));
    seen("carol", Presence.away("meeting"));
    for (int i = 0; i < AwayTracker.MAX_TRACKED * 3; i++) {
      seen("made" + i, Presence.away("x"));
      if (i == AwayTracker.MAX_TRACKED / 2) {
        assertThat(seen("carol", Presence.away("meeting"))).isEqualTo(Change.STILL_AWAY);
      }
    }

    assertThat(tracker.tracked()).isEqualTo(AwayTracker.MAX_TRACKED);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
    assertThat(seen("made" + (AwayTracker.MAX_TRACKED * 3 - 1), Presence.ONLINE))
        .isEqualTo(Change.BACK);
  }

  @Test
  void madeUpUsersHeardWithoutEnd_keepTheMostRecent() {
    for (int i = 0; i < AwayTracker.MAX_TRACKED * 2; i++) {
      seen("made" + i, Presence.ONLINE);
    }
    reconnect(Duration.ofSeconds(5));

    assertThat(tracker.trackedHeard()).isEqualTo(AwayTracker.MAX_TRACKED);
    assertThat(seen("made0", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
    assertThat(seen("made" + (AwayTracker.MAX_TRACKED * 2 - 1), Presence.ONLINE))
        .isEqualTo(Change.STILL_ONLINE);
  }

  @Test
  void anotherViewer_startsAfresh() {
    seen("bob", Presence.away("lunch"));

    assertThat(tracker.observe("carol", "bob", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }
}
