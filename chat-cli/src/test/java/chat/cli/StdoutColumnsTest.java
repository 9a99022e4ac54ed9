package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class StdoutColumnsTest {
  @Test
  void following_asksAtFirst_thenOnlyAfterAResize() {
    AtomicInteger asked = new AtomicInteger();
    AtomicInteger width = new AtomicInteger(80);
    StdoutColumns.Following columns =
        new StdoutColumns.Following(
            () -> {
              asked.incrementAndGet();
              return width.get();
            });

    assertThat(columns.columns()).isEqualTo(80);
    width.set(60);
    assertThat(columns.columns()).isEqualTo(80); // no resize said: not asked again
    assertThat(asked).hasValue(1);

    columns.resized();
    assertThat(columns.columns()).isEqualTo(60);
    assertThat(columns.columns()).isEqualTo(60);
    assertThat(asked).hasValue(2);
  }

  /** The window-size signal this process gets reaches the width: it is asked again after it. */
  @Test
  @EnabledOnOs(OS.LINUX)
  void aWindowChangeSignal_makesTheNextLineAskAgain() throws Exception {
    StdoutColumns.Following columns = StdoutColumns.following();
    columns.columns();
    long pid = ProcessHandle.current().pid();

    Process kill = new ProcessBuilder("kill", "-WINCH", Long.toString(pid)).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();

    await().atMost(Duration.ofSeconds(10)).until(columns::pendingResize);
    columns.columns();
    assertThat(columns.pendingResize()).isFalse();
  }

  @Test
  void columns_areSttySizesSecondNumber() {
    assertThat(StdoutColumns.columns("40 120\n")).isEqualTo(120);
  }

  @Test
  void anAnswerOfAnotherForm_isNoWidth() {
    assertThat(StdoutColumns.columns("")).isZero();
    assertThat(StdoutColumns.columns("stty: not a tty")).isZero();
    assertThat(StdoutColumns.columns("40 120 3")).isZero();
    assertThat(StdoutColumns.columns("40 99999999999")).isZero();
  }
}
