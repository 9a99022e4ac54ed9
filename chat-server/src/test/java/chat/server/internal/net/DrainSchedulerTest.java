package chat.server.internal.net;

import static chat.server.internal.net.OutboundQueueTest.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class DrainSchedulerTest {
  private static final PendingBudget UNLIMITED = new PendingBudget(Long.MAX_VALUE);

  /** An event loop stand-in that keeps the tasks submitted to it until the test runs them. */
  private static final class HeldTasks implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    int runAll() {
      int ran = 0;
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
        ran++;
      }
      return ran;
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void schedule_manyConnectionsOnOneLoop_oneTaskDrainsThemAll() {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop);
    List<EmbeddedChannel> channels = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      EmbeddedChannel channel = new EmbeddedChannel();
      channels.add(channel);
      OutboundQueue queue = new OutboundQueue(channel, UNLIMITED, drains);
      queue.add(ascii("a" + i + ","), Long.MAX_VALUE);
      queue.add(ascii("b" + i), Long.MAX_VALUE);
    }

    assertThat(loop.tasks).hasSize(1);
    assertThat(loop.runAll()).isEqualTo(1);
    for (int i = 0; i < channels.size(); i++) {
      assertThat(written(channels.get(i))).isEqualTo("a" + i + ",b" + i);
    }
  }

  @Test
  void schedule_afterARun_schedulesAgain() {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop);
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = new OutboundQueue(channel, UNLIMITED, drains);

    queue.add(ascii("first;"), Long.MAX_VALUE);
    loop.runAll();
    queue.add(ascii("second"), Long.MAX_VALUE);
    assertThat(loop.runAll()).isEqualTo(1);

    assertThat(written(channel)).isEqualTo("first;second");
  }

  @Test
  void run_moreReadyThanOneTaskDrains_continuesInANewTask() {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop);
    int connections = DrainScheduler.MAX_DRAINS_PER_TASK + 10;
    List<EmbeddedChannel> channels = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      EmbeddedChannel channel = new EmbeddedChannel();
      channels.add(channel);
      new OutboundQueue(channel, UNLIMITED, drains).add(ascii("x" + i), Long.MAX_VALUE);
    }

    assertThat(loop.runAll()).isEqualTo(2);
    for (int i = 0; i < connections; i++) {
      assertThat(written(channels.get(i))).isEqualTo("x" + i);
    }
  }

  @Test
  void run_oneConnectionFailsToWrite_theOthersAreStillDrained() {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop);
    EmbeddedChannel broken = new EmbeddedChannel();
    broken
        .config()
        .setAllocator(
            new AbstractByteBufAllocator(false) {
              @Override
              protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                return Unpooled.buffer(initialCapacity, maxCapacity);
              }

              @Override
              protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                throw new IllegalStateException("no buffer for this test");
              }

              @Override
              public boolean isDirectBufferPooled() {
                return false;
              }
            });
    EmbeddedChannel healthy = new EmbeddedChannel();
    new OutboundQueue(broken, UNLIMITED, drains).add(ascii("lost"), Long.MAX_VALUE);
    new OutboundQueue(healthy, UNLIMITED, drains).add(ascii("delivered"), Long.MAX_VALUE);

    loop.runAll();

    assertThat(written(healthy)).isEqualTo("delivered");
  }
}
