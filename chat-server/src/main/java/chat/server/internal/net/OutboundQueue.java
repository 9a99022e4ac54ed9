package chat.server.internal.net;

import chat.crypto.RecipientForms;
import chat.protocol.MessageEventHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's outbound frames. Any thread adds encoded frames, or a binary message event as
 * its shared header and this member's form (written straight into the write buffer, so a fan-out
 * never makes each member's form or frame as an array of its own); the event loop's {@link
 * DrainScheduler} then copies everything queued into pooled buffers, writes them and flushes once.
 * A burst of events to one connection thus costs one flush (one run of TLS records, one system
 * call) instead of one per frame, and producers never wait for the event loop. Frames keep the
 * order in which each thread added them. An idle connection holds an empty list and nothing else.
 *
 * <p>Every queued byte is also taken from the relay-wide {@link PendingBudget} and given back once
 * the socket has taken it (or the connection is gone).
 */
final class OutboundQueue {
  /** Frames are copied into write buffers of about this size. */
  private static final int WRITE_BUFFER_BYTES = 64 * 1024;

  /** What {@link #add} did with a frame. */
  enum Admission {
    /** Queued (or dropped because the queue is closed). */
    QUEUED,
    /** Refused: this connection's unsent bytes would go over its bound. */
    OVER_CONNECTION_BOUND,
    /** Refused: the unsent bytes of all connections would go over the relay's budget. */
    OVER_RELAY_BUDGET
  }

  private final Channel channel;
  private final PendingBudget budget;
  private final DrainScheduler drains;

  /** Queued frames: each a {@code byte[]} (length prefix included) or a {@link MessageFrame}. */
  private List<Object> frames = new ArrayList<>();

  private long queuedBytes;
  private boolean drainScheduled;
  private boolean closed;

  /** The queue of {@code channel}, drained by {@code drains} (its event loop's scheduler). */
  OutboundQueue(Channel channel, PendingBudget budget, DrainScheduler drains) {
    this.channel = channel;
    this.budget = budget;
    this.drains = drains;
  }

  /**
   * Bytes not yet written to the socket: those queued here plus those Netty holds (already
   * encrypted) in the channel's outbound buffer.
   */
  long pendingBytes() {
    long queued;
    synchronized (this) {
      queued = queuedBytes;
    }
    ChannelOutboundBuffer netty = channel.unsafe().outboundBuffer();
    return queued + (netty == null ? 0 : netty.totalPendingWriteBytes());
  }

  /**
   * Queues one encoded frame (length prefix included) unless that would take the unsent bytes (see
   * {@link #pendingBytes()}) over {@code maxPendingBytes}, or all connections' over the relay's
   * budget; a closed queue drops it.
   *
   * @return whether the frame was queued, and if not which bound it would have gone over
   */
  Admission add(byte[] frame, long maxPendingBytes) {
    return admit(frame, frame.length, maxPendingBytes);
  }

  /**
   * As {@link #add(byte[], long)} for the binary {@code event.message} of {@code header} and form
   * {@code index} of {@code forms}, {@code formBytes} long ({@link RecipientForms#length}), the
   * whole frame {@code frameBytes} ({@link MessageEventHeader#binaryFrameBytes}).
   */
  Admission add(
      MessageEventHeader header,
      RecipientForms forms,
      int index,
      int formBytes,
      int frameBytes,
      long maxPendingBytes) {
    return admit(
        new MessageFrame(header, forms, index, formBytes, frameBytes), frameBytes, maxPendingBytes);
  }

  private Admission admit(Object frame, int length, long maxPendingBytes) {
    ChannelOutboundBuffer netty = channel.unsafe().outboundBuffer();
    long inNetty = netty == null ? 0 : netty.totalPendingWriteBytes();
    synchronized (this) {
      if (closed) {
        return Admission.QUEUED;
      }
      if (queuedBytes + inNetty + length > maxPendingBytes) {
        return Admission.OVER_CONNECTION_BOUND;
      }
      if (!budget.tryReserve(length)) {
        return Admission.OVER_RELAY_BUDGET;
      }
      frames.add(frame);
      queuedBytes += length;
      if (drainScheduled) {
        return Admission.QUEUED;
      }
      drainScheduled = true;
    }
    drains.schedule(this);
    return Admission.QUEUED;
  }

  /**
   * Writes what is queued and closes the channel once it is flushed, reading and dropping what the
   * client still sends meanwhile ({@link LingeringClose}).
   */
  void closeAfterFlush() {
    channel
        .eventLoop()
        .execute(
            () -> {
              drain();
              synchronized (this) {
                // Frames added after that drain are never sent: give their bytes back.
                closed = true;
                frames = new ArrayList<>();
                budget.release(queuedBytes);
                queuedBytes = 0;
              }
              LingeringClose.afterFlush(channel);
            });
  }

  /** Drops every queued frame and refuses new ones (the connection is being dropped). */
  synchronized void discard() {
    closed = true;
    frames = new ArrayList<>();
    budget.release(queuedBytes);
    queuedBytes = 0;
  }

  /** Runs on the event loop: writes every queued frame, then flushes once. */
  void drain() {
    List<Object> batch;
    long unwritten;
    synchronized (this) {
      drainScheduled = false;
      if (closed || frames.isEmpty()) {
        return;
      }
      batch = frames;
      frames = new ArrayList<>();
      unwritten = queuedBytes;
      queuedBytes = 0;
    }
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
}
