package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.Event;
import chat.protocol.FriendChange;
import chat.protocol.FriendEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events pushed before the login is announced wait for it, in order, within a bound. */
class EventsBeforeLoginTest {
  private final EventsBeforeLogin early = new EventsBeforeLogin();
  private final List<Event> handled = new ArrayList<>();

  @Test
  void keep_beforeTheLoginIsAnnounced_keepsThem_andAnnouncedHandlesThemInOrder() {
    Event first = request("alice");
    Event second = request("carol");

    assertThat(early.keep(first)).isTrue();
    assertThat(early.keep(second)).isTrue();
    assertThat(handled).isEmpty();
    early.announced(handled::add);

    assertThat(handled).containsExactly(first, second);
  }

  @Test
  void keep_afterTheLoginIsAnnounced_keepsNothing() {
    early.announced(handled::add);

    assertThat(early.keep(request("alice"))).isFalse();
    early.announced(handled::add);
    assertThat(handled).isEmpty();
  }

  @Test
  void keep_aFloodBeforeTheLogin_keepsTheFirstOnes_andDropsTheRest() {
    for (int i = 0; i <= EventsBeforeLogin.MAX_EVENTS; i++) {
      assertThat(early.keep(request("user" + i))).isTrue();
    }

    early.announced(handled::add);

    assertThat(handled).hasSize(EventsBeforeLogin.MAX_EVENTS);
    assertThat(handled.get(0)).isEqualTo(request("user0"));
  }

  private static Event request(String username) {
    return new FriendEvent(username, FriendChange.REQUESTED);
  }
}
