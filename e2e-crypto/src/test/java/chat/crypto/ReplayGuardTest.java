package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Tests {@link ReplayGuard}: refuses a repeated id, forgets the oldest past capacity. */
class ReplayGuardTest {
  private static Bytes id(int n) {
    return Bytes.of(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
  }

  @Test
  void accept_newIds_pass() {
    ReplayGuard guard = new ReplayGuard(10);

    assertThatCode(
            () -> {
              guard.accept(id(1));
              guard.accept(id(2));
            })
        .doesNotThrowAnyException();
  }

  @Test
  void accept_sameIdTwice_throwsReplay() throws Exception {
    ReplayGuard guard = new ReplayGuard(10);
    guard.accept(id(1));

    assertThatThrownBy(() -> guard.accept(id(1))).isInstanceOf(ReplayException.class);
  }

  @Test
  void accept_equalBytesInOtherInstance_throwsReplay() throws Exception {
    ReplayGuard guard = new ReplayGuard(10);
    guard.accept(Bytes.fromHex("00112233445566778899aabbccddeeff"));

    assertThatThrownBy(() -> guard.accept(Bytes.fromHex("00112233445566778899AABBCCDDEEFF")))
        .isInstanceOf(ReplayException.class);
  }

  @Test
  void accept_pastCapacity_forgetsOldestOnly() throws Exception {
    ReplayGuard guard = new ReplayGuard(2);
    guard.accept(id(1));
    guard.accept(id(2));
    guard.accept(id(3));

    assertThatThrownBy(() -> guard.accept(id(2))).isInstanceOf(ReplayException.class);
    assertThatThrownBy(() -> guard.accept(id(3))).isInstanceOf(ReplayException.class);
    assertThatCode(() -> guard.accept(id(1))).doesNotThrowAnyException();
  }

  @Test
  void accept_refusedReplay_doesNotRefreshAge() throws Exception {
    ReplayGuard guard = new ReplayGuard(2);
    guard.accept(id(1));
    guard.accept(id(2));
    assertThatThrownBy(() -> guard.accept(id(1))).isInstanceOf(ReplayException.class);

    guard.accept(id(3));

    assertThatCode(() -> guard.accept(id(1))).doesNotThrowAnyException();
  }

  @Test
  void accept_concurrentDuplicates_acceptsEachIdOnce() throws Exception {
    ReplayGuard guard = new ReplayGuard(10_000);
    int threads = 4;
    int ids = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        tasks.add(
            () -> {
              int accepted = 0;
              for (int i = 0; i < ids; i++) {
                try {
                  guard.accept(id(i));
                  accepted++;
                } catch (ReplayException e) {
                  // another thread was first
                }
              }
              return accepted;
            });
      }
      int total = 0;
      for (Future<Integer> result : pool.invokeAll(tasks)) {
        total += result.get();
      }
      assertThat(total).isEqualTo(ids);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void constructor_capacityBelowOne_throwsIllegalArgument() {
    assertThatThrownBy(() -> new ReplayGuard(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReplayGuard(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accept_null_throwsNullPointer() {
    assertThatThrownBy(() -> new ReplayGuard(1).accept(null))
        .isInstanceOf(NullPointerException.class);
  }
}
