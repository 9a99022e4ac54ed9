package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingBudgetTest {
  private static final long CHUNK = PendingBudget.BATCH_CREDIT_BYTES;

  @Test
  void batch_manySmallFrames_takenInChunksAndTheRestGivenBackAtTheEnd() {
    PendingBudget budget = new PendingBudget(64L << 20);
    List<Long> usedDuring = new ArrayList<>();

    PendingBudget.batch(
        () -> {
          for (int i = 0; i < 1000; i++) {
            assertThat(budget.tryReserve(1300)).isTrue();
            usedDuring.add(budget.used());
          }
        });

    // 1,300,000 bytes in chunks of 256 KiB: the counter moved 5 times, not 1,000.
    assertThat(usedDuring.stream().distinct().count()).isEqualTo(5);
    assertThat(usedDuring.get(0)).isEqualTo(CHUNK);
    assertThat(budget.used()).isEqualTo(1_300_000);
    budget.release(1_300_000);
    assertThat(budget.used()).isZero();
  }

  @Test
  void batch_nearTheLimit_framesStillFitExactlyAndNothingGoesOver() {
    PendingBudget budget = new PendingBudget(CHUNK + 1000);
    List<Boolean> taken = new ArrayList<>();

    PendingBudget.batch(
        () -> {
          for (int i = 0; i < 4; i++) {
            taken.add(budget.tryReserve(CHUNK / 2));
          }
          taken.add(budget.tryReserve(1000));
          taken.add(budget.tryReserve(1));
          assertThat(budget.used()).isLessThanOrEqualTo(budget.limitBytes());
        });

    assertThat(taken).containsExactly(true, true, false, false, true, false);
    assertThat(budget.used()).isEqualTo(CHUNK + 1000);
  }

  @Test
  void batch_lessThanAChunkLeft_creditTakesWhatIsLeftAndTheCounterNeverPassesTheLimit() {
    PendingBudget budget = new PendingBudget(1000);
    List<Long> usedDuring = new ArrayList<>();

    PendingBudget.batch(
        () -> {
          assertThat(budget.tryReserve(10)).isTrue();
          usedDuring.add(budget.used());
          assertThat(budget.tryReserve(991)).isFalse();
          usedDuring.add(budget.used());
          assertThat(budget.tryReserve(990)).isTrue();
          usedDuring.add(budget.used());
        });

    assertThat(usedDuring).containsExactly(1000L, 1000L, 1000L);
    assertThat(budget.used()).isEqualTo(1000);
  }

  @Test
  void batch_frameLargerThanAChunk_takesItsOwnSize() {
    PendingBudget budget = new PendingBudget(64L << 20);

    PendingBudget.batch(() -> assertThat(budget.tryReserve(3 * CHUNK + 5)).isTrue());

    assertThat(budget.used()).isEqualTo(3 * CHUNK + 5);
  }

  @Test
  void batch_pushesThrow_creditStillGivenBack() {
    PendingBudget budget = new PendingBudget(64L << 20);

    assertThatThrownBy(
            () ->
                PendingBudget.batch(
                    () -> {
                      budget.tryReserve(100);
                      throw new IllegalStateException("fan-out failed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(budget.used()).isEqualTo(100);
  }

  @Test
  void batch_nestedAndASecondBudget_oneCreditForTheFirstExactForTheOther() {
    PendingBudget first = new PendingBudget(64L << 20);
    PendingBudget second = new PendingBudget(64L << 20);

    PendingBudget.batch(
        () -> {
          first.tryReserve(10);
          PendingBudget.batch(() -> first.tryReserve(20));
          assertThat(first.used()).isEqualTo(CHUNK);
          second.tryReserve(30);
          assertThat(second.used()).isEqualTo(30);
        });

    assertThat(first.used()).isEqualTo(30);
    assertThat(second.used()).isEqualTo(30);
  }

  @Test
  void tryReserve_outsideABatch_exactBytes() {
    PendingBudget budget = new PendingBudget(100);

    assertThat(budget.tryReserve(60)).isTrue();
    assertThat(budget.used()).isEqualTo(60);
    assertThat(budget.tryReserve(41)).isFalse();
    assertThat(budget.used()).isEqualTo(60);
  }
}
