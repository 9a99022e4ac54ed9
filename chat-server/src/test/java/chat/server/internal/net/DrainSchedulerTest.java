package chat.server.internal.net;

import static chat.server.internal.net.OutboundQueueTest.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DrainSchedulerTest {
  private static final PendingBudget UNLIMITED = new PendingBudget(Long.MAX_VALUE);

  private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(20);

  /**
   * An event loop stand-in that keeps the tasks submitted to it, and the delays asked for, until
   * the test runs them.
   */
  private static final class HeldTasks implements DrainScheduler.Loop {
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final List<Long> delays = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
      delays.add(0L);
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
      tasks.add(task);
      delays.add(delayNanos);
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
    DrainScheduler drains = new DrainScheduler(loop, 0, System::nanoTime);
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
    DrainScheduler drains = new DrainScheduler(loop, 0, System::nanoTime);
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
    DrainScheduler drains = new DrainScheduler(loop, 0, System::nanoTime);
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
  void run_cutShortWhileAQueueIsMadeReady_continuesAtOnce() {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop, INTERVAL, () -> 0L);
    EmbeddedChannel late = new EmbeddedChannel();
    OutboundQueue lateQueue = new OutboundQueue(late, UNLIMITED, drains);
    // The first connection's flush stands in for a worker that makes a queue ready during the run.
    EmbeddedChannel first =
        new EmbeddedChannel(
            new ChannelOutboundHandlerAdapter() {
              private boolean once;

              @Override
              public void flush(ChannelHandlerContext ctx) {
                if (!once) {
                  once = true;
                  lateQueue.add(ascii("late"), Long.MAX_VALUE);
                }
                ctx.flush();
              }
            });
    new OutboundQueue(first, UNLIMITED, drains).add(ascii("first"), Long.MAX_VALUE);
    List<EmbeddedChannel> channels = new ArrayList<>();
    for (int i = 0; i < DrainScheduler.MAX_DRAINS_PER_TASK; i++) {
      EmbeddedChannel channel = new EmbeddedChannel();
      channels.add(channel);
      new OutboundQueue(channel, UNLIMITED, drains).add(ascii("x" + i), Long.MAX_VALUE);
    }

    loop.tasks.poll().run();

    // The late queue's wake asked for the next round one interval on; the rest of this round is
    // asked for at once, not left to that.
    assertThat(loop.delays).containsExactly(0L, INTERVAL, 0L);
    loop.runAll();
    assertThat(written(first)).isEqualTo("first");
    assertThat(written(late)).isEqualTo("late");
    for (int i = 0; i < channels.size(); i++) {
      assertThat(written(channels.get(i))).isEqualTo("x" + i);
    }
  }

  @Test
  void run_oneConnectionFailsToWrite_theOthersAreStillDrained() {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop, 0, System::nanoTime);
    EmbeddedChannel broken = new EmbeddedChannel();
    broken.config().setAllocator(OutboundQueueTest.NO_WRITE_BUFFERS);
    EmbeddedChannel healthy = new EmbeddedChannel();
    new OutboundQueue(broken, UNLIMITED, drains).add(ascii("lost"), Long.MAX_VALUE);
    new OutboundQueue(healthy, UNLIMITED, drains).add(ascii("delivered"), Long.MAX_VALUE);

    loop.runAll();

    assertThat(written(healthy)).isEqualTo("delivered");
  }

  @Test
  void schedule_readyWhileTheLoopWroteWithinTheInterval_waitsForTheRestOfItAndWritesOnce() {
    HeldTasks loop = new HeldTasks();
    AtomicLong now = new AtomicLong(1_000_000_000L);
    DrainScheduler drains = new DrainScheduler(loop, INTERVAL, now::get);
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = new OutboundQueue(channel, UNLIMITED, drains);

    queue.add(ascii("first;"), Long.MAX_VALUE);
    assertThat(loop.delays).containsExactly(0L);
    loop.runAll();
    assertThat(written(channel)).isEqualTo("first;");

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(5));
    queue.add(ascii("second,"), Long.MAX_VALUE);
    queue.add(ascii("third"), Long.MAX_VALUE);
    assertThat(loop.delays).containsExactly(0L, TimeUnit.MILLISECONDS.toNanos(15));
    assertThat(channel.outboundMessages()).isEmpty();

    assertThat(loop.runAll()).isEqualTo(1);
    assertThat(channel.outboundMessages()).hasSize(1);
    assertThat(written(channel)).isEqualTo("second,third");
  }

  @Test
  void schedule_afterAQuietInterval_drainsAtOnce() {
    HeldTasks loop = new HeldTasks();
    AtomicLong now = new AtomicLong();
    DrainScheduler drains = new DrainScheduler(loop, INTERVAL, now::get);
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = new OutboundQueue(channel, UNLIMITED, drains);
    queue.add(ascii("first;"), Long.MAX_VALUE);
    loop.runAll();

    now.addAndGet(INTERVAL);
    queue.add(ascii("second"), Long.MAX_VALUE);

    assertThat(loop.delays).containsExactly(0L, 0L);
    loop.runAll();
    assertThat(written(channel)).isEqualTo("first;second");
  }

  @Test
  void schedule_duringARun_nextRunWaitsForTheIntervalAndAnEmptyRunIsNoRound() {
    HeldTasks loop = new HeldTasks();
    AtomicLong now = new AtomicLong();
    DrainScheduler drains = new DrainScheduler(loop, INTERVAL, now::get);
    EmbeddedChannel late = new EmbeddedChannel();
    OutboundQueue lateQueue = new OutboundQueue(late, UNLIMITED, drains);
    EmbeddedChannel first = new EmbeddedChannel();
    // The first connection's drain makes another ready, as a fan-out on another thread would.
    first
        .pipeline()
        .addFirst(
            new ChannelOutboundHandlerAdapter() {
              @Override
              public void flush(ChannelHandlerContext ctx) {
                lateQueue.add(ascii("late"), Long.MAX_VALUE);
                ctx.flush();
              }
            });
    new OutboundQueue(first, UNLIMITED, drains).add(ascii("early"), Long.MAX_VALUE);

    loop.tasks.poll().run();

    // "late" was made ready during the run: a next run is due a full interval after this one
    // started, and this run, still going, wrote it as well.
    assertThat(loop.delays).containsExactly(0L, INTERVAL);
    assertThat(written(first)).isEqualTo("early");
    assertThat(written(late)).isEqualTo("late");

    // The next run finds nothing; it must not count as a round, so a frame ready after it is
    // written at once rather than an interval later.
    now.set(INTERVAL);
    loop.tasks.poll().run();
    now.set(INTERVAL + TimeUnit.MILLISECONDS.toNanos(1));
    lateQueue.add(ascii("again"), Long.MAX_VALUE);
    assertThat(loop.delays).containsExactly(0L, INTERVAL, 0L);
  }

  @Test
  void run_moreReadyThanOneTaskDrains_continuesAtOnceEvenWhenCoalescing() {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop, INTERVAL, () -> 0L);
    for (int i = 0; i < DrainScheduler.MAX_DRAINS_PER_TASK + 1; i++) {
      new OutboundQueue(new EmbeddedChannel(), UNLIMITED, drains).add(ascii("x"), Long.MAX_VALUE);
    }

    assertThat(loop.runAll()).isEqualTo(2);
    assertThat(loop.delays).containsExactly(0L, 0L);
  }

  @Test
  void batch_queuesMadeReadyDuringIt_handedOverAtTheEndAsOneTask() {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop, 0, System::nanoTime);
    List<EmbeddedChannel> channels = new ArrayList<>();
    List<Integer> tasksDuringBatch = new ArrayList<>();

    DrainScheduler.batch(
        () -> {
          for (int i = 0; i < 50; i++) {
            EmbeddedChannel channel = new EmbeddedChannel();
            channels.add(channel);
            new OutboundQueue(channel, UNLIMITED, drains).add(ascii("m" + i), Long.MAX_VALUE);
          }
          tasksDuringBatch.add(loop.tasks.size());
        });

    assertThat(tasksDuringBatch).containsExactly(0);
    assertThat(loop.tasks).hasSize(1);
    loop.runAll();
    for (int i = 0; i < channels.size(); i++) {
      assertThat(written(channels.get(i))).isEqualTo("m" + i);
    }
  }

  @Test
  void batch_onANettyThread_sameHandOverNestedBatchIncluded() throws Exception {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop, 0, System::nanoTime);
    List<EmbeddedChannel> channels = new ArrayList<>();
    List<Integer> tasksDuringBatch = new ArrayList<>();
    Runnable fanOut =
        () ->
            DrainScheduler.batch(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    EmbeddedChannel channel = new EmbeddedChannel();
                    channels.add(channel);
                    OutboundQueue queue = new OutboundQueue(channel, UNLIMITED, drains);
                    DrainScheduler.batch(() -> queue.add(ascii("m"), Long.MAX_VALUE));
                  }
                  tasksDuringBatch.add(loop.tasks.size());
                });

    // The relay's workers come from Netty's thread factory, where the batch is a FastThreadLocal.
    Thread worker = new DefaultThreadFactory("worker").newThread(fanOut);
    assertThat(worker).isInstanceOf(FastThreadLocalThread.class);
    worker.start();
    worker.join();

    assertThat(tasksDuringBatch).containsExactly(0);
    assertThat(loop.tasks).hasSize(1);
    loop.runAll();
    assertThat(channels).hasSize(20).allSatisfy(c -> assertThat(written(c)).isEqualTo("m"));
  }

  @Test
  void batch_pushesThrowHalfway_whatWasQueuedIsStillWritten() {
    HeldTasks loop = new HeldTasks();
    DrainScheduler drains = new DrainScheduler(loop, 0, System::nanoTime);
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = new OutboundQueue(channel, UNLIMITED, drains);

    assertThatThrownBy(
            () ->
                DrainScheduler.batch(
                    () -> {
                      queue.add(ascii("queued"), Long.MAX_VALUE);
                      throw new IllegalStateException("fan-out failed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    loop.runAll();
    assertThat(written(channel)).isEqualTo("queued");
    queue.add(ascii(",later"), Long.MAX_VALUE);
    loop.runAll();
    assertThat(written(channel)).isEqualTo(",later");
  }

  @Test
  void batch_twoLoops_eachGetsItsQueuesAsOneTask() {
    HeldTasks loopA = new HeldTasks();
    HeldTasks loopB = new HeldTasks();
    DrainScheduler a = new DrainScheduler(loopA, 0, System::nanoTime);
    DrainScheduler b = new DrainScheduler(loopB, 0, System::nanoTime);
    EmbeddedChannel onA = new EmbeddedChannel();
    EmbeddedChannel onB = new EmbeddedChannel();

    DrainScheduler.batch(
        () -> {
          new OutboundQueue(onA, UNLIMITED, a).add(ascii("for a"), Long.MAX_VALUE);
          new OutboundQueue(onB, UNLIMITED, b).add(ascii("for b"), Long.MAX_VALUE);
          new OutboundQueue(new EmbeddedChannel(), UNLIMITED, a).add(ascii("x"), Long.MAX_VALUE);
        });

    assertThat(loopA.runAll()).isEqualTo(1);
    assertThat(loopB.runAll()).isEqualTo(1);
    assertThat(written(onA)).isEqualTo("for a");
    assertThat(written(onB)).isEqualTo("for b");
  }

  @Test
  void batch_oneLoopRefusesItsTask_theOthersStillGetTheirs() {
    DrainScheduler.Loop shutDown =
        new DrainScheduler.Loop() {
          @Override
          public void execute(Runnable task) {
            throw new RejectedExecutionException("event loop shut down");
          }

          @Override
          public void schedule(Runnable task, long delayNanos) {
            throw new RejectedExecutionException("event loop shut down");
          }
        };
    HeldTasks loopB = new HeldTasks();
    DrainScheduler a = new DrainScheduler(shutDown, 0, System::nanoTime);
    DrainScheduler b = new DrainScheduler(loopB, 0, System::nanoTime);
    EmbeddedChannel onB = new EmbeddedChannel();

    DrainScheduler.batch(
        () -> {
          new OutboundQueue(new EmbeddedChannel(), UNLIMITED, a).add(ascii("x"), Long.MAX_VALUE);
          new OutboundQueue(onB, UNLIMITED, b).add(ascii("for b"), Long.MAX_VALUE);
        });

    assertThat(loopB.runAll()).isEqualTo(1);
    assertThat(written(onB)).isEqualTo("for b");
  }
}
