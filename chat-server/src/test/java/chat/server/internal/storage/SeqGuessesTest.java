package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.internal.storage.SeqGuesses.Reservation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeqGuessesTest {
  private final SeqGuesses guesses = new SeqGuesses(1 << 20);
  private final List<Reservation> queuedInOrder = new ArrayList<>();

  private Reservation queue(String conversation) {
    return guesses.queue(
        conversation,
        r -> {
          queuedInOrder.add(r);
          return r;
        });
  }

  @Test
  void queue_beforeTheWriterAssignedANumber_noGuess() {
    Reservation first = queue("#room");

    assertThat(first.guess()).isEqualTo(SeqGuesses.NONE);
    assertThat(first.wantsSeal(100)).isFalse();
    assertThat(queuedInOrder).containsExactly(first);
  }

  @Test
  void queue_afterAnAssignment_lastPlusQueuedAheadPlusOne() {
    Reservation first = queue("#room");
    guesses.settle(first, 41);

    Reservation second = queue("#room");
    Reservation third = queue("#room");
    guesses.settle(second, 42);
    Reservation fourth = queue("#room");

    assertThat(second.guess()).isEqualTo(42);
    assertThat(third.guess()).isEqualTo(43);
    assertThat(fourth.guess()).isEqualTo(44);
    assertThat(queue("#other").guess()).isEqualTo(SeqGuesses.NONE);
  }

  @Test
  void take_numberAsGuessed_returnsTheEarlySealOnce() {
    guesses.settle(queue("#room"), 7);
    Reservation next = queue("#room");
    byte[] early = {1, 2, 3};
    assertThat(next.wantsSeal(early.length)).isTrue();
    next.offer(early);
    assertThat(guesses.waitingBytes()).isEqualTo(3);

    assertThat(next.take(8)).isSameAs(early);

    assertThat(guesses.waitingBytes()).isZero();
    assertThat(guesses.usedEarly()).isEqualTo(1);
    assertThat(guesses.sealedByWriter()).isZero();
    assertThat(next.wantsSeal(1)).isFalse();
  }

  @Test
  void take_anotherNumber_null_andTheSealIsDropped() {
    guesses.settle(queue("#room"), 7);
    Reservation next = queue("#room");
    next.offer(new byte[] {1, 2, 3});

    assertThat(next.take(9)).isNull();

    assertThat(guesses.waitingBytes()).isZero();
    assertThat(guesses.usedEarly()).isZero();
    assertThat(guesses.sealedByWriter()).isEqualTo(1);
  }

  @Test
  void offer_afterTheWriterCame_dropped() {
    guesses.settle(queue("#room"), 7);
    Reservation next = queue("#room");

    assertThat(next.take(8)).isNull(); // the writer came before the seal was ready
    next.offer(new byte[] {1, 2, 3});

    assertThat(guesses.waitingBytes()).isZero();
    assertThat(guesses.sealedByWriter()).isEqualTo(1);
  }

  @Test
  void settle_refusedAhead_laterGuessOffByOne_thenCorrected() {
    guesses.settle(queue("#room"), 5);
    Reservation refused = queue("#room");
    Reservation later = queue("#room");
    later.offer(new byte[] {9});
    assertThat(later.guess()).isEqualTo(7);

    guesses.settle(refused, SeqGuesses.NONE);
    assertThat(later.take(6)).isNull(); // it got the number the refused one did not use
    guesses.settle(later, 6);

    assertThat(queue("#room").guess()).isEqualTo(7);
  }

  @Test
  void settle_neverTaken_releasesTheSealsBytes_andASecondSettleIsIgnored() {
    guesses.settle(queue("#room"), 5);
    Reservation next = queue("#room");
    Reservation after = queue("#room");
    next.offer(new byte[10]);

    guesses.settle(next, SeqGuesses.NONE); // refused before its number was drawn
    guesses.settle(next, SeqGuesses.NONE); // and again when its future completes
    assertThat(guesses.waitingBytes()).isZero();
    guesses.settle(after, 6);

    assertThat(queue("#room").guess()).isEqualTo(7);
  }

  @Test
  void wantsSeal_pastTheByteBound_false() {
    SeqGuesses small = new SeqGuesses(10);
    small.settle(small.queue("#room", r -> r), 1);
    Reservation first = small.queue("#room", r -> r);
    Reservation second = small.queue("#room", r -> r);
    first.offer(new byte[8]);

    assertThat(second.wantsSeal(3)).isFalse();
    assertThat(second.wantsSeal(2)).isTrue();
  }

  @Test
  void conversations_leastRecentlyUsedForgotten_unlessMessagesQueued() {
    guesses.settle(queue("#forgotten"), 3);
    guesses.settle(queue("#kept"), 3);
    Reservation waiting = queue("#kept");
    for (int i = 0; i < SeqGuesses.MAX_CONVERSATIONS; i++) {
      guesses.settle(queue("#room" + i), 1);
    }

    assertThat(queue("#forgotten").guess()).isEqualTo(SeqGuesses.NONE);
    guesses.settle(waiting, 4);
    assertThat(queue("#kept").guess()).isEqualTo(5);
  }
}
