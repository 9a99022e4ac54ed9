package chat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {
  @Test
  void delivered_eachMessageToEachReceiver_completesOnceAndCountsNoDuplicates() {
    List<Integer> completed = new ArrayList<>();
    DeliveryTracker tracker = new DeliveryTracker(10, 2, 3, 3, completed::add);
    tracker.sent(10, 0);
    tracker.sent(11, 0);

    for (int receiver = 0; receiver < 3; receiver++) {
      tracker.delivered(receiver, 10, 1_000);
      tracker.delivered(receiver, 11, 2_000);
    }
    tracker.delivered(1, 11, 3_000);

    assertThat(tracker.delivered()).isEqualTo(6);
    assertThat(tracker.duplicates()).isEqualTo(1);
    assertThat(completed).containsExactly(10, 11);
  }

  @Test
  void reordered_countedApartFromDeliveriesAndDuplicates() {
    DeliveryTracker tracker = new DeliveryTracker(0, 2, 1, 1, k -> {});
    tracker.sent(0, 0);
    tracker.sent(1, 0);

    tracker.delivered(0, 1, 1_000);
    tracker.reordered();
    tracker.delivered(0, 0, 2_000);

    assertThat(tracker.reorderedDeliveries()).isEqualTo(1);
    assertThat(tracker.delivered()).isEqualTo(2);
    assertThat(tracker.duplicates()).isZero();
  }
}
