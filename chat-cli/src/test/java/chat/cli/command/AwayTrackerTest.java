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

  /** This client's connection drops, and is back {@code after}. */
  private void reconnect(Duration after) {
    tracker.connection(ConnectionState.RECONNECTING);
    now = now.plus(after);
    tracker.connection(ConnectionState.ONLINE);
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

  @Test
  void
      afterThisClientsOwnReconnect_othersComingOnlineInTheSameMinute_areNotNews_unlessHeardGoing() {
    seen("bob", Presence.ONLINE);
    seen("carol", Presence.OFFLINE);

    reconnect(Duration.ofMinutes(10));
    now = now.plus(AwayTracker.RECONNECT_STORM);

    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
    assertThat(seen("dave", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
    assertThat(seen("dave", Presence.OFFLINE)).isEqualTo(Change.WENT_OFFLINE);
    assertThat(seen("dave", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);

    now = now.plusSeconds(1);
    assertThat(seen("erin", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }

  /**
   * The relay's news can come before this client's own reconnect is said, and a client that heard
   * no one before the outage (nobody was named yet) is in the same minute after it.
   */
  @Test
  void othersComingOnlineWhileThisClientIsStillReconnecting_orWithNoOneHeardBefore_areNotNews() {
    tracker.connection(ConnectionState.ONLINE);
    tracker.connection(ConnectionState.RECONNECTING);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);

    tracker.connection(ConnectionState.ONLINE);
    now = now.plusSeconds(30);
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
  }

  @Test
  void anotherViewerAfterAReconnect_startsAfresh_othersComingOnlineAreNews() {
    seen("bob", Presence.OFFLINE);
    reconnect(Duration.ofSeconds(5));

    assertThat(tracker.observe("carol", "dave", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }

  @Test
  void aLogIn_orALogInAfterALogout_isNoReconnect_othersComingOnlineAreNews() {
    tracker.connection(ConnectionState.CONNECTING);
    tracker.connection(ConnectionState.ONLINE);
    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);

    tracker.connection(ConnectionState.RECONNECTING);
    tracker.connection(ConnectionState.OFFLINE);
    tracker.connection(ConnectionState.ONLINE);
    assertThat(seen("carol", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }

  @Test
  void afterThisClientsOwnReconnect_aMemberListedAsStillAway_isBackWhenOnline() {
    seen("bob", Presence.away("tea"));
    seen("carol", Presence.away("gym"));
    seen("dave", Presence.away("out"));

    reconnect(Duration.ofSeconds(5));
    tracker.listed("alice", "bob", Presence.away("tea"));
    tracker.listed("alice", "carol", Presence.ONLINE);
    tracker.listed("alice", "dave", Presence.OFFLINE);
    now = now.plusSeconds(600);

    assertThat(seen("bob", Presence.ONLINE)).isEqualTo(Change.BACK);
    assertThat(seen("carol", Presence.away("gym"))).isEqualTo(Change.WENT_AWAY);
    assertThat(seen("dave", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
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
  void madeUpUsersGoingOfflineWithoutEnd_keepTheMostRecent() {
    for (int i = 0; i < AwayTracker.MAX_TRACKED * 2; i++) {
      seen("made" + i, Presence.OFFLINE);
    }
    reconnect(Duration.ofSeconds(5));

    assertThat(tracker.trackedOffline()).isEqualTo(AwayTracker.MAX_TRACKED);
    assertThat(seen("made0", Presence.ONLINE)).isEqualTo(Change.STILL_ONLINE);
    assertThat(seen("made" + (AwayTracker.MAX_TRACKED * 2 - 1), Presence.ONLINE))
        .isEqualTo(Change.CAME_ONLINE);
  }

  @Test
  void anotherViewer_startsAfresh() {
    seen("bob", Presence.away("lunch"));

    assertThat(tracker.observe("carol", "bob", Presence.ONLINE)).isEqualTo(Change.CAME_ONLINE);
  }
}
