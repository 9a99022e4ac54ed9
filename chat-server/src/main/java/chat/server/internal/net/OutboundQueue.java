package chat.server.internal.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's outbound frames. Any thread adds encoded frames; one task on the channel's event
 * loop then copies everything queued into pooled buffers, writes them and flushes once. A burst of
 * events to one connection thus costs one flush (one run of TLS records, one system call) instead
 * of one per frame, and producers never wait for the event loop. Frames keep the order in which
 * each thread added them. An idle connection holds an empty list and nothing else.
 */
final class OutboundQueue {
  /** Frames are copied into write buffers of about this size. */
  private static final int WRITE_BUFFER_BYTES = 64 * 1024;

  private final Channel channel;
  private List<byte[]> frames = new ArrayList<>();
  private long queuedBytes;
  private boolean drainScheduled;
  private boolean closed;

  OutboundQueue(Channel channel) {
    this.channel = channel;
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
   * {@link #pendingBytes()}) over {@code maxPendingBytes}; a closed queue drops it.
   *
   * @return false if the frame would have gone over the bound (it is not queued)
   */
  boolean add(byte[] frame, long maxPendingBytes) {
    ChannelOutboundBuffer netty = channel.unsafe().outboundBuffer();
    long inNetty = netty == null ? 0 : netty.totalPendingWriteBytes();
    synchronized (this) {
      if (closed) {
        return true;
      }
      if (queuedBytes + inNetty + frame.length > maxPendingBytes) {
        return false;
      }
      frames.add(frame);
      queuedBytes += frame.length;
      if (drainScheduled) {
        return true;
      }
      drainScheduled = true;
    }
    channel.eventLoop().execute(this::drain);
    return true;
  }

  /** Writes what is queued and closes the channel once it is flushed. */
  void closeAfterFlush() {
    channel
        .eventLoop()
        .execute(
            () -> {
              drain();
              synchronized (this) {
                closed = true;
              }
              channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            });
  }

  /** Drops every queued frame and refuses new ones (the connection is being dropped). */
  synchronized void discard() {
    closed = true;
    frames = new ArrayList<>();
    queuedBytes = 0;
  }

  /** Runs on the event loop: writes every queued frame, then flushes once. */
  private void drain() {
    List<byte[]> batch;
    synchronized (this) {
      drainScheduled = false;
      if (closed || frames.isEmpty()) {
        return;
      }
      batch = frames;
      frames = new ArrayList<>();
      queuedBytes = 0;
    }
    int start = 0;
    int size = 0;
    for (int i = 0; i < batch.size(); i++) {
      size += batch.get(i).length;
      if (size >= WRITE_BUFFER_BYTES || i == batch.size() - 1) {
        write(batch.subList(start, i + 1), size);
        start = i + 1;
        size = 0;
      }
    }
    channel.flush();
  }

  private void write(List<byte[]> run, int size) {
    ByteBuf buffer = channel.alloc().directBuffer(size);
    for (byte[] frame : run) {
      buffer.writeBytes(frame);
    }
    channel.write(buffer);
  }
}
