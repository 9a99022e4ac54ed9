package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutageTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final Outage outage = new Outage(Duration.ofMinutes(2), now::get);

  private void minutes(long minutes) {
    now.addAndGet(Duration.ofMinutes(minutes).toNanos());
  }

  @Test
  void exhausted_countsFromTheFirstLoss_forEveryRequestThatWaitsForIt() {
    assertThat(outage.exhausted()).isFalse();
    minutes(1);
    assertThat(outage.exhausted()).isFalse();
    minutes(1);
    now.incrementAndGet();
    assertThat(outage.exhausted()).isTrue();
    // The next request's wait is not a fresh two minutes: the relay is still away.
    assertThat(outage.exhausted()).isTrue();
  }

  @Test
  void over_aConnectionThatCameBack_startsANewOutage() {
    outage.exhausted();
    minutes(3);
    outage.over();

    assertThat(outage.exhausted()).isFalse();
    minutes(2);
    assertThat(outage.exhausted()).isFalse();
    minutes(1);
    assertThat(outage.exhausted()).isTrue();
  }
}
