package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeldEchoTest {
  private final AtomicInteger echoTurnedOn = new AtomicInteger();
  private final HeldEcho held = new HeldEcho(true, echoTurnedOn::incrementAndGet);

  @Test
  void release_heldByTheLauncher_turnsTheEchoOnOnce() {
    held.release();
    held.release();

    assertThat(echoTurnedOn).hasValue(1);
    assertThat(held.held()).isFalse();
  }

  @Test
  void release_nothingHeld_leavesTheTerminalAlone() {
    new HeldEcho(false, echoTurnedOn::incrementAndGet).release();

    assertThat(echoTurnedOn).hasValue(0);
  }

  @Test
  void releasedOnRead_turnsTheEchoOnAtTheFirstReadOfWhatIsTyped() throws Exception {
    InputStream in = held.releasedOnRead(new ByteArrayInputStream("typed\n".getBytes()));
    assertThat(echoTurnedOn).hasValue(0);

    assertThat(in.readAllBytes()).asString().isEqualTo("typed\n");
    assertThat(echoTurnedOn).hasValue(1);
  }

  @Test
  void fromLauncher_onlyWithTheLaunchersMark() {
    assertThat(HeldEcho.fromLauncher(Map.of(HeldEcho.ENV, "1")).held()).isTrue();
    assertThat(HeldEcho.fromLauncher(Map.of()).held()).isFalse();
    assertThat(HeldEcho.fromLauncher(Map.of(HeldEcho.ENV, "")).held()).isFalse();
  }
}
