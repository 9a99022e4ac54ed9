package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.protocol.ErrorCode;
import chat.server.internal.audit.AuditLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link MessageRate} on a clock the test moves: a burst, then the rate, per account. */
class MessageRateTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final MessageRate rate = new MessageRate(2, 4, now::get, AuditLog.discarding());
  private final TestConnection connection = new TestConnection();

  private void take(String user) {
    rate.take(connection, user, user);
  }

  @Test
  void aBurst_thenTheRate_eachAccountOnItsOwn() {
    for (int i = 0; i < 4; i++) {
      take("mallory");
    }
    assertThatThrownBy(() -> take("mallory"))
        .isInstanceOf(RelayException.class)
        .extracting(e -> ((RelayException) e).code())
        .isEqualTo(ErrorCode.RATE_LIMITED);
    assertThatCode(() -> take("trent")).doesNotThrowAnyException();

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500)); // one message at 2 a second
    assertThatCode(() -> take("mallory")).doesNotThrowAnyException();
    assertThatThrownBy(() -> take("mallory")).isInstanceOf(RelayException.class);

    now.addAndGet(TimeUnit.SECONDS.toNanos(60)); // a long pause refills only the burst
    for (int i = 0; i < 4; i++) {
      take("mallory");
    }
    assertThatThrownBy(() -> take("mallory")).isInstanceOf(RelayException.class);
  }

  @Test
  void bucketsThatFilledUpAreSwept_aDrainedOneIsKept() {
    for (int i = 0; i < 4; i++) {
      take("mallory");
    }
    for (int i = 0; i < MessageRate.SWEEP_FLOOR - 2; i++) {
      take("user" + i);
    }
    assertThat(rate.held()).isEqualTo(MessageRate.SWEEP_FLOOR - 1);
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500)); // the users' full again, mallory's at 1

    take("one-more"); // the floor reached: only mallory's bucket and the newest are left
    assertThat(rate.held()).isEqualTo(2);
    take("mallory");
    assertThatThrownBy(() -> take("mallory")).isInstanceOf(RelayException.class);
  }
}
