package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Envelope;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientForms;
import chat.protocol.FrameCodec;
import chat.protocol.MessageEventHeader;
import chat.server.RelayFixture;
import chat.server.internal.net.OutboundQueue.Admission;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private static final PendingBudget UNLIMITED = new PendingBudget(Long.MAX_VALUE);

  /** An allocator with no direct buffers, so a drain fails (also used by DrainSchedulerTest). */
  static final ByteBufAllocator NO_WRITE_BUFFERS =
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
      };

  /** A queue drained on its channel's own (embedded) event loop. */
  private static OutboundQueue queue(EmbeddedChannel channel, PendingBudget budget) {
    return new OutboundQueue(channel, budget, DrainScheduler.on(channel.eventLoop(), 0));
  }

  private static byte[] frame(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Everything written to {@code channel} so far, as ASCII (also used by DrainSchedulerTest). */
  static String written(EmbeddedChannel channel) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuf buffer;
    while ((buffer = channel.readOutbound()) != null) {
      out.writeBytes(ByteBufUtil.getBytes(buffer));
      buffer.release();
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** Counts flushes reaching the head of the pipeline. */
  private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
    private final AtomicInteger flushes = new AtomicInteger();

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushes.incrementAndGet();
      ctx.flush();
    }
  }

  @Test
  void add_burstOfFrames_writtenInOrderWithOneFlush() {
    FlushCounter counter = new FlushCounter();
    EmbeddedChannel channel = new EmbeddedChannel(counter);
    OutboundQueue queue = queue(channel, UNLIMITED);

    queue.add(frame("one,"), Long.MAX_VALUE);
    queue.add(frame("two,"), Long.MAX_VALUE);
    queue.add(frame("three"), Long.MAX_VALUE);
    assertThat(queue.pendingBytes()).isEqualTo(13);
    channel.runPendingTasks();

    assertThat(written(channel)).isEqualTo("one,two,three");
    assertThat(counter.flushes).hasValue(1);
    assertThat(queue.pendingBytes()).isZero();
  }

  @Test
  void add_moreThanOneWriteBuffer_everyByteInOrder() {
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = queue(channel, UNLIMITED);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      String text = "frame " + i + " " + "x".repeat(i % 97) + ";";
      expected.append(text);
      queue.add(frame(text), Long.MAX_VALUE);
    }
    channel.runPendingTasks();

    assertThat(written(channel)).isEqualTo(expected.toString());
    assertThat(queue.pendingBytes()).isZero();
  }

  /** The verified per-recipient forms of a message from alice to three members. */
  private static RecipientForms forms() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    List<IdentityBundle> members = RelayFixture.bundles(alice, "bob", "carol");
    Envelope envelope = RelayFixture.seal(alice, "#lobby", members, "hello :wave:");
    return envelope.verifyForms(alice.bundle().verifier());
  }

  @Test
  void add_messageFramesAmongEncodedOnes_sameBytesAsTheirEncodingInOrderAcrossWriteBuffers()
      throws Exception {
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = queue(channel, UNLIMITED);
    FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    MessageEventHeader header = new MessageEventHeader("#lobby", 12, 1_764_460_800_000L);
    RecipientForms forms = forms();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = 0; i < 300; i++) {
      byte[] text = frame("reply " + i + ";");
      int index = i % forms.size();
      int formBytes = forms.length(index);
      int length = header.binaryFrameBytes(formBytes, codec.maxFrameBytes());

      assertThat(queue.add(text, Long.MAX_VALUE)).isEqualTo(Admission.QUEUED);
      assertThat(queue.add(header, forms, index, formBytes, length, Long.MAX_VALUE))
          .isEqualTo(Admission.QUEUED);
      expected.writeBytes(text);
      expected.writeBytes(codec.encode(header.event(forms.form(index)), true));
    }
    assertThat(queue.pendingBytes()).isEqualTo(expected.size());
    channel.runPendingTasks();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuf buffer;
    int writes = 0;
    while ((buffer = channel.readOutbound()) != null) {
      out.writeBytes(ByteBufUtil.getBytes(buffer));
      buffer.release();
      writes++;
    }
    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(writes).isGreaterThan(1);
    assertThat(queue.pendingBytes()).isZero();
  }

  @Test
  void add_messageFrameOverTheBound_refusedAndItsBytesNeverTaken() throws Exception {
    PendingBudget budget = new PendingBudget(1 << 20);
    OutboundQueue queue = queue(new EmbeddedChannel(), budget);
    MessageEventHeader header = new MessageEventHeader("#lobby", 1, 0);
    RecipientForms forms = forms();
    int formBytes = forms.length(0);
    int length = header.binaryFrameBytes(formBytes, FrameCodec.DEFAULT_MAX_FRAME_BYTES);

    assertThat(queue.add(header, forms, 0, formBytes, length, length - 1))
        .isEqualTo(Admission.OVER_CONNECTION_BOUND);
    assertThat(budget.used()).isZero();
    assertThat(queue.add(header, forms, 0, formBytes, length, length)).isEqualTo(Admission.QUEUED);
    assertThat(budget.used()).isEqualTo(length);
  }

  @Test
  void closeAfterFlush_framesQueued_writesThemThenCloses() {
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = queue(channel, UNLIMITED);

    queue.add(frame("last words"), Long.MAX_VALUE);
    queue.closeAfterFlush();
    channel.runPendingTasks();

    assertThat(written(channel)).isEqualTo("last words");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void discard_framesQueued_nothingWrittenAndLaterFramesDropped() {
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = queue(channel, UNLIMITED);

    queue.add(frame("never"), Long.MAX_VALUE);
    queue.discard();
    queue.add(frame("nor this"), Long.MAX_VALUE);
    channel.runPendingTasks();

    assertThat(written(channel)).isEmpty();
  }

  @Test
  void add_overTheBound_refusedAndNotQueued() {
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = queue(channel, UNLIMITED);

    assertThat(queue.add(frame("12345"), 8)).isEqualTo(Admission.QUEUED);
    assertThat(queue.add(frame("6789"), 8)).isEqualTo(Admission.OVER_CONNECTION_BOUND);
    assertThat(queue.add(frame("678"), 8)).isEqualTo(Admission.QUEUED);
    channel.runPendingTasks();

    assertThat(written(channel)).isEqualTo("12345678");
  }

  @Test
  void add_overTheRelayBudget_refusedUntilAnotherConnectionsBytesAreWritten() {
    PendingBudget budget = new PendingBudget(10);
    EmbeddedChannel first = new EmbeddedChannel();
    EmbeddedChannel second = new EmbeddedChannel();
    OutboundQueue a = queue(first, budget);
    OutboundQueue b = queue(second, budget);

    assertThat(a.add(frame("123456"), Long.MAX_VALUE)).isEqualTo(Admission.QUEUED);
    assertThat(b.add(frame("abcdef"), Long.MAX_VALUE)).isEqualTo(Admission.OVER_RELAY_BUDGET);
    assertThat(budget.used()).isEqualTo(6);
    first.runPendingTasks();
    assertThat(written(first)).isEqualTo("123456");
    assertThat(budget.used()).isZero();
    assertThat(b.add(frame("abcdef"), Long.MAX_VALUE)).isEqualTo(Admission.QUEUED);
    second.runPendingTasks();

    assertThat(written(second)).isEqualTo("abcdef");
    assertThat(budget.used()).isZero();
  }

  @Test
  void discard_givesTheQueuedBytesBackToTheRelayBudget() {
    PendingBudget budget = new PendingBudget(100);
    OutboundQueue queue = queue(new EmbeddedChannel(), budget);

    queue.add(frame("queued but never sent"), Long.MAX_VALUE);
    assertThat(budget.used()).isEqualTo(21);
    queue.discard();

    assertThat(budget.used()).isZero();
  }

  @Test
  void write_toAClosedChannel_givesTheBytesBack() {
    PendingBudget budget = new PendingBudget(100);
    EmbeddedChannel channel = new EmbeddedChannel();
    OutboundQueue queue = queue(channel, budget);

    queue.add(frame("too late"), Long.MAX_VALUE);
    channel.close();
    channel.runPendingTasks();

    assertThat(budget.used()).isZero();
  }

  @Test
  void drain_aWriteBufferCannotBeHad_bytesGivenBackAndTheConnectionClosed() {
    PendingBudget budget = new PendingBudget(1 << 20);
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setAllocator(NO_WRITE_BUFFERS);
    OutboundQueue queue = queue(channel, budget);

    queue.add(frame("first,"), Long.MAX_VALUE);
    queue.add(frame("second"), Long.MAX_VALUE);
    assertThat(budget.used()).isEqualTo(12);
    channel.runPendingTasks();

    assertThat(budget.used()).isZero();
    assertThat(channel.isOpen()).isFalse();
    assertThat(written(channel)).isEmpty();
  }

  @Test
  void drain_outOfDirectMemory_bytesGivenBackAndTheConnectionClosed() {
    PendingBudget budget = new PendingBudget(1 << 20);
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setAllocator(new OutOfDirectMemoryOnce());
    OutboundQueue queue = queue(channel, budget);

    queue.add(frame("seq5,"), Long.MAX_VALUE);
    queue.add(frame("seq6"), Long.MAX_VALUE);

    assertThatThrownBy(channel::runPendingTasks).isInstanceOf(OutOfMemoryError.class);
    assertThat(budget.used()).isZero();
    assertThat(channel.isOpen()).isFalse();
    queue.add(frame("seq7"), Long.MAX_VALUE);
    channel.runPendingTasks();
    assertThat(written(channel)).isEmpty();
    assertThat(budget.used()).isZero();
  }

  /** Fails its first direct buffer as the JDK does when direct memory runs out. */
  private static final class OutOfDirectMemoryOnce extends AbstractByteBufAllocator {
    private final AtomicBoolean failed = new AtomicBoolean();

    OutOfDirectMemoryOnce() {
      super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      return Unpooled.buffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      if (failed.compareAndSet(false, true)) {
        throw new OutOfMemoryError("Cannot reserve direct buffer memory");
      }
      return Unpooled.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }

  @Test
  void ofHeap_aQuarterOfTheMaximumHeap_neverBelowTheMinimum() {
    assertThat(PendingBudget.ofHeap().limitBytes())
        .isEqualTo(Math.max(PendingBudget.MIN_BYTES, Runtime.getRuntime().maxMemory() / 4));
  }
}
