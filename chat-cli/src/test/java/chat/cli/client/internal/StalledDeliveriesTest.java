package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StalledDeliveriesTest {
  /**
   * A conversation left, removed or closed since its message stalled waits no more: nothing there
   * is to be delivered, and retrying it every 2 seconds would fail for the whole session.
   */
  @Test
  void retry_aConversationNoLongerListed_waitsNoMore_withoutAskingTheRelay() {
    StalledDeliveries stalled = new StalledDeliveries();
    stalled.stall("#team", 8);
    stalled.stall("#team", 12);

    // a catch-up without a session: any sync it were asked for would fail
    stalled.retry(new CatchUp(null, new Listeners()), new Listeners(), conversation -> false);

    assertThat(stalled.holds("#team")).isFalse();
    assertThat(stalled.any()).isFalse();
  }
}
