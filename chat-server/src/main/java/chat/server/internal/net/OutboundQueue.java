package chat.server.internal.net;

import chat.crypto.RecipientForms;
import chat.protocol.MessageEventHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's outbound frames. Any thread hands frames over, or a binary message event as its
 * shared header and this member's form (written straight into the write buffer, so a fan-out never
 * makes each member's form or frame as an array of its own); they reach the queue on its event
 * loop, through its {@link DrainScheduler}, in the order they were handed over, and the scheduler's
 * run then copies everything queued into pooled buffers, writes them and flushes once. A burst of
 * events to one connection thus costs one flush (one run of TLS records, one system call) instead
 * of one per frame, and producers never wait for the event loop. Everything but the hand-over runs
 * on the loop, so the queue's list and counters are only ever touched by one thread: a fan-out
 * hands each loop its members' frames at once ({@link DrainScheduler#batch}) and takes no lock per
 * member. Frames keep the order in which they were handed over, whichever thread handed them. An
 * idle connection holds an empty list and nothing else.
 *
 * <p>Every frame's bytes are also taken from the relay-wide {@link PendingBudget} as it is handed
 * over, and given back once the socket has taken them (or the frame is refused, or the connection
 * is gone). A frame that would take this connection's unsent bytes over its bound, or that the
 * budget refuses, is not queued and the connection's {@code refused} hears of it, on the loop, in
 * its turn.
 */
final class OutboundQueue {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

  /** Frames are copied into write buffers of about this size. */
  private static final int WRITE_BUFFER_BYTES = 64 * 1024;

  /** Why a frame was not queued. */
  enum Refusal {
    /** This connection's unsent bytes would go over its bound. */
    OVER_CONNECTION_BOUND,
    /** The unsent bytes of all connections would go over the relay's budget. */
    OVER_RELAY_BUDGET
  }

  private final Channel channel;
  private final PendingBudget budget;
  private final DrainScheduler drains;
  private final long maxPendingBytes;
  private final Consumer<Refusal> refused;

  // The loop's alone from here on.

  /** Queued frames: each a {@code byte[]} (length prefix included) or a {@link MessageFrame}. */
  private List<Object> frames = new ArrayList<>();

  private long queuedBytes;
  private boolean ready;
  private boolean closed;

  /**
   * The queue of {@code channel}, drained by {@code drains} (its event loop's scheduler), holding
   * at most {@code maxPendingBytes} unsent (see {@link #pendingBytes()}); {@code refused} runs on
   * the loop for each frame refused.
   */
  OutboundQueue(
      Channel channel,
      PendingBudget budget,
      DrainScheduler drains,
      long maxPendingBytes,
      Consumer<Refusal> refused) {
    this.channel = channel;
    this.budget = budget;
    this.drains = drains;
    this.maxPendingBytes = maxPendingBytes;
    this.refused = refused;
  }

  /**
   * Bytes not yet written to the socket: those queued here plus those Netty holds (already
   * encrypted) in the channel's outbound buffer. On the loop; frames handed over and not yet on the
   * loop do not count.
   */
  long pendingBytes() {
    ChannelOutboundBuffer netty = channel.unsafe().outboundBuffer();
    return queuedBytes + (netty == null ? 0 : netty.totalPendingWriteBytes());
  }

  /**
   * Hands over one encoded frame (length prefix included). On the loop it is queued unless that
   * would take the unsent bytes over the bound; a closed queue drops it.
   */
  void add(byte[] frame) {
    add(frame, maxPendingBytes);
  }

  /**
   * As {@link #add(byte[])} whatever this connection's unsent bytes (a last error before a close).
   */
  void addPastBound(byte[] frame) {
    add(frame, Long.MAX_VALUE);
  }

  private void add(byte[] frame, long bound) {
    if (budget.tryReserve(frame.length)) {
      drains.handOver(() -> arrive(frame, frame.length, bound));
    } else {
      drains.handOver(() -> refuse(Refusal.OVER_RELAY_BUDGET));
    }
  }

  /**
   * As {@link #add(byte[])} for the binary {@code event.message} of {@code header} and form {@code
   * index} of {@code forms}, {@code formBytes} long ({@link RecipientForms#length}), the whole
   * frame {@code frameBytes} ({@link MessageEventHeader#binaryFrameBytes}). Inside a batch, the
   * frames of one message for the connections of one loop go over together.
   */
  void add(
      MessageEventHeader header, RecipientForms forms, int index, int formBytes, int frameBytes) {
    if (!budget.tryReserve(frameBytes)) {
      drains.handOver(() -> refuse(Refusal.OVER_RELAY_BUDGET));
      return;
    }
    if (drains.lastHeld() instanceof Messages held
        && held.add(this, header, forms, index, formBytes, frameBytes)) {
      return;
    }
    Messages messages = new Messages(header, forms);
    messages.add(this, header, forms, index, formBytes, frameBytes);
    drains.handOver(messages);
  }

  /** On the loop: queues a frame handed over, or refuses it (see {@link #add(byte[])}). */
  private void arrive(Object frame, int length, long bound) {
    if (closed) {
      budget.release(length);
      return;
    }
    if (queuedBytes + length > bound - inNetty()) {
      budget.release(length);
      refuse(Refusal.OVER_CONNECTION_BOUND);
      return;
    }
    frames.add(frame);
    queuedBytes += length;
    if (!ready) {
      ready = true;
      drains.ready(this);
    }
  }

  private long inNetty() {
    ChannelOutboundBuffer netty = channel.unsafe().outboundBuffer();
    return netty == null ? 0 : netty.totalPendingWriteBytes();
  }

  /** On the loop: tells the connection a frame was refused, unless the queue is closed already. */
  private void refuse(Refusal why) {
    if (!closed) {
      refused.accept(why);
    }
  }

  /**
   * Writes what is queued, in its turn after every frame handed over before, and closes the channel
   * once it is flushed, reading and dropping what the client still sends meanwhile ({@link
   * LingeringClose}). Frames handed over after it are never sent.
   */
  void closeAfterFlush() {
    drains.handOver(
        () -> {
          drain();
          discard();
          LingeringClose.afterFlush(channel);
        });
  }

  /**
   * On the loop: drops every queued frame and refuses new ones (the connection is being dropped).
   */
  void discard() {
    closed = true;
    frames = new ArrayList<>();
    budget.release(queuedBytes);
    queuedBytes = 0;
  }

  /** Runs on the event loop: writes every queued frame, then flushes once. */
  void drain() {
    ready = false;
    if (closed || frames.isEmpty()) {
      return;
    }
    List<Object> batch = frames;
    frames = new ArrayList<>();
    long unwritten = queuedBytes;
    queuedBytes = 0;
    int start = 0;
    int size = 0;
    try {
      for (int i = 0; i < batch.size(); i++) {
        size += length(batch.get(i));
        if (size >= WRITE_BUFFER_BYTES || i == batch.size() - 1) {
          write(batch, start, i + 1, size);
          unwritten -= size;
          start = i + 1;
          size = 0;
        }
      }
    } catch (RuntimeException | Error e) {
      // A frame could not be written (out of direct memory included): the stream would have a hole,
      // so the connection goes (the client catches up by sync), and what was not handed to Netty
      // goes back to the budget.
      budget.release(unwritten);
      channel.close();
      throw e;
    }
    channel.flush();
  }

  /**
   * Writes frames {@code from} (inclusive) to {@code to} of {@code batch}, {@code size} bytes; the
   * buffer is released if that fails.
   */
  private void write(List<Object> batch, int from, int to, int size) {
    ByteBuf buffer = channel.alloc().directBuffer(size);
    try {
      for (int i = from; i < to; i++) {
        Object frame = batch.get(i);
        if (frame instanceof MessageFrame message) {
          writeMessage(message, buffer);
        } else {
          buffer.writeBytes((byte[]) frame);
        }
      }
    } catch (RuntimeException | Error e) {
      buffer.release();
      throw e;
    }
    // Given back when the socket has taken the bytes, or the write failed (connection gone).
    channel.write(buffer).addListener(written -> budget.release(size));
  }

  /**
   * Writes a message frame straight into {@code buffer} through an NIO view of its memory (one
   * piece for a pooled direct buffer); a buffer without one gets the frame as an array.
   */
  private static void writeMessage(MessageFrame message, ByteBuf buffer) {
    int at = buffer.writerIndex();
    if (buffer.nioBufferCount() != 1) {
      buffer.writeBytes(
          message.header.binaryFrame(message.forms.form(message.index), Integer.MAX_VALUE));
      return;
    }
    buffer.ensureWritable(message.length);
    ByteBuffer out = buffer.nioBuffer(at, message.length);
    message.header.writeBinaryFrameStart(message.formBytes, out);
    message.forms.writeTo(message.index, out);
    if (out.hasRemaining()) {
      throw new IllegalStateException("a message frame came out shorter than its length");
    }
    buffer.writerIndex(at + message.length);
  }

  private static int length(Object frame) {
    return frame instanceof MessageFrame message ? message.length : ((byte[]) frame).length;
  }

  /** A binary message event waiting to be written: the shared header and this member's form. */
  private record MessageFrame(
      MessageEventHeader header, RecipientForms forms, int index, int formBytes, int length) {}

  /**
   * One message's frames for connections of one loop, handed over as one: filled by the thread that
   * fans the message out, then queued on the loop in the order they were added.
   */
  private static final class Messages implements Runnable {
    private final MessageEventHeader header;
    private final RecipientForms forms;
    private OutboundQueue[] queues = new OutboundQueue[16];
    private int[] indexes = new int[16];
    private int[] formBytes = new int[16];
    private int[] frameBytes = new int[16];
    private int count;

    Messages(MessageEventHeader header, RecipientForms forms) {
      this.header = header;
      this.forms = forms;
    }

    /** Adds a connection's frame if it is of this message; false (nothing added) if not. */
    boolean add(
        OutboundQueue queue,
        MessageEventHeader header,
        RecipientForms forms,
        int index,
        int formBytes,
        int frameBytes) {
      if (header != this.header || forms != this.forms) {
        return false;
      }
      if (count == queues.length) {
        int grown = 2 * count;
        queues = Arrays.copyOf(queues, grown);
        indexes = Arrays.copyOf(indexes, grown);
        this.formBytes = Arrays.copyOf(this.formBytes, grown);
        this.frameBytes = Arrays.copyOf(this.frameBytes, grown);
      }
      queues[count] = queue;
      indexes[count] = index;
      this.formBytes[count] = formBytes;
      this.frameBytes[count] = frameBytes;
      count++;
      return true;
    }

    /** On the loop: each connection's frame arrives at its queue. */
    @Override
    public void run() {
      for (int k = 0; k < count; k++) {
        OutboundQueue queue = queues[k];
        int length = frameBytes[k];
        try {
          queue.arrive(
              new MessageFrame(header, forms, indexes[k], formBytes[k], length),
              length,
              queue.maxPendingBytes);
        } catch (RuntimeException e) {
          LOG.warn("queueing a message for a connection failed", e);
        }
      }
    }
  }
}
