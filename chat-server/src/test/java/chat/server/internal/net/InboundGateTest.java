package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InboundGateTest {
  @Test
  void arrived_upToTheHighMark_stopsReading_andFinishedDownToTheLowMark_readsAgain() {
    EmbeddedChannel channel = new EmbeddedChannel();
    InboundGate gate = new InboundGate(channel, () -> false);

    for (int i = 1; i < InboundGate.HIGH; i++) {
      gate.arrived();
    }
    assertThat(channel.config().isAutoRead()).isTrue();
    gate.arrived();
    assertThat(channel.config().isAutoRead()).isFalse();
    assertThat(gate.paused()).isTrue();

    for (int waiting = InboundGate.HIGH; waiting > InboundGate.LOW + 1; waiting--) {
      gate.finished();
    }
    channel.runPendingTasks();
    assertThat(channel.config().isAutoRead()).isFalse();
    gate.finished();
    channel.runPendingTasks();

    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(gate.paused()).isFalse();
  }

  @Test
  void finished_onAClosingConnection_neverReadsAgain() {
    EmbeddedChannel channel = new EmbeddedChannel();
    AtomicBoolean closing = new AtomicBoolean();
    InboundGate gate = new InboundGate(channel, closing::get);
    for (int i = 0; i < InboundGate.HIGH; i++) {
      gate.arrived();
    }

    closing.set(true);
    for (int i = 0; i < InboundGate.HIGH; i++) {
      gate.finished();
    }
    channel.runPendingTasks();

    assertThat(channel.config().isAutoRead()).isFalse();
  }

  @Test
  void arrivedAgain_whileAResumeIsPending_staysStopped() {
    EmbeddedChannel channel = new EmbeddedChannel();
    InboundGate gate = new InboundGate(channel, () -> false);
    for (int i = 0; i < InboundGate.HIGH; i++) {
      gate.arrived();
    }
    for (int i = 0; i < InboundGate.HIGH - InboundGate.LOW; i++) {
      gate.finished();
    }

    for (int i = 0; i < InboundGate.HIGH; i++) {
      gate.arrived();
    }
    channel.runPendingTasks();

    assertThat(channel.config().isAutoRead()).isFalse();
  }
}
