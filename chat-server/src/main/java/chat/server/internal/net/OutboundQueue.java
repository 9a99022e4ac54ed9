package chat.server.internal.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's outbound frames. Any thread adds encoded frames; one task on the channel's event
 * loop then copies everything queued into pooled buffers, writes them and flushes once. A burst of
 * events to one connection thus costs one flush (one run of TLS records, one system call) instead
 * of one per frame, and producers never wait for the event loop. Frames keep the order in which
 * each thread added them. The queue counts the bytes not yet handed to the socket, including those
 * Netty still holds.
 */
final class OutboundQueue {
  /** Frames are copied into write buffers of about this size. */
  private static final int WRITE_BUFFER_BYTES = 64 * 1024;

  private final Channel channel;

  /** Linked, not an array queue: an idle connection holds no preallocated slots. */
  private final Queue<byte[]> frames = new ConcurrentLinkedQueue<>();

  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicLong pendingBytes = new AtomicLong();
  private volatile boolean closed;

  OutboundQueue(Channel channel) {
    this.channel = channel;
  }

  /** Bytes added but not yet written to the socket. */
  long pendingBytes() {
    return pendingBytes.get();
  }

  /** Queues one encoded frame (length prefix included); dropped once the queue is closed. */
  void add(byte[] frame) {
    if (closed) {
      return;
    }
    pendingBytes.addAndGet(frame.length);
    frames.add(frame);
    if (drainScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::drain);
    }
  }

  /** Writes what is queued and closes the channel once it is flushed. */
  void closeAfterFlush() {
    channel
        .eventLoop()
        .execute(
            () -> {
              drain();
              closed = true;
              channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            });
  }

  /** Drops every queued frame and refuses new ones (the connection is being dropped). */
  void discard() {
    closed = true;
    frames.clear();
  }

  /** Runs on the event loop: writes every queued frame, then flushes once. */
  private void drain() {
    drainScheduled.set(false);
    if (closed) {
      frames.clear();
      return;
    }
    List<byte[]> batch = new ArrayList<>();
    int size = 0;
    boolean wrote = false;
    byte[] frame;
    while ((frame = frames.poll()) != null) {
      batch.add(frame);
      size += frame.length;
      if (size >= WRITE_BUFFER_BYTES) {
        write(batch, size);
        size = 0;
        wrote = true;
      }
    }
    if (size > 0) {
      write(batch, size);
      wrote = true;
    }
    if (wrote) {
      channel.flush();
    }
  }

  private void write(List<byte[]> batch, int size) {
    ByteBuf buffer = channel.alloc().directBuffer(size);
    for (byte[] frame : batch) {
      buffer.writeBytes(frame);
    }
    batch.clear();
    channel.write(buffer).addListener(done -> pendingBytes.addAndGet(-size));
  }
}
