package chat.protocol;

import chat.crypto.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary bodies of wire version 8 (PacketDiagram.md, "Wire protocol version 8"): the history
 * and sync pages, each message's per-recipient form as raw bytes with its length, without base64 or
 * JSON around them.
 *
 * <pre>
 * history_ok = 0x00 0x03 || u8 len || re[len] || u8 len || conversation[len]
 *              || u64 nextBefore || u8 more || u32 count || message * count
 * sync_ok    = 0x00 0x04 || u8 len || re[len] || u8 len || conversation[len]
 *              || u64 cursor || u8 more || u32 count || message * count
 * message    = u64 seq || u64 storedAtMillis || u32 len || envelope[len]
 * </pre>
 *
 * <p>Integers are big-endian; the 64-bit ones are two's complement as the JSON numbers are, the
 * 32-bit ones unsigned. {@code more} is 0 or 1. Every length is checked against what is left of the
 * body, the count against what its messages take at least, and nothing may follow the last message,
 * so a body decodes to exactly the record its JSON form would, or to nothing.
 */
final class BinaryPages {
  /** A message's fixed fields: seq, store time, envelope length. */
  static final int MESSAGE_FIXED_BYTES = 2 * Long.BYTES + Integer.BYTES;

  private BinaryPages() {}

  /** The length prefix and binary body of {@code reply}. */
  static byte[] history(HistoryReply reply, int maxFrameBytes) {
    return page(
        FrameCodec.BINARY_HISTORY,
        reply.re(),
        reply.conversation(),
        reply.nextBefore(),
        reply.more(),
        reply.messages(),
        maxFrameBytes);
  }

  /** The length prefix and binary body of {@code reply}. */
  static byte[] sync(SyncReply reply, int maxFrameBytes) {
    return page(
        FrameCodec.BINARY_SYNC,
        reply.re(),
        reply.conversation(),
        reply.cursor(),
        reply.more(),
        reply.messages(),
        maxFrameBytes);
  }

  private static byte[] page(
      byte kind,
      String re,
      String conversation,
      long position,
      boolean more,
      List<StoredMessage> messages,
      int maxFrameBytes) {
    byte[] reBytes = BinaryFrames.ascii(re);
    byte[] conversationBytes = BinaryFrames.ascii(conversation);
    long body =
        BinaryFrames.HEADER_BYTES
            + 1
            + reBytes.length
            + 1
            + conversationBytes.length
            + Long.BYTES
            + 1
            + Integer.BYTES;
    for (StoredMessage message : messages) {
      body += MESSAGE_FIXED_BYTES + message.envelope().length();
    }
    if (body > maxFrameBytes) {
      throw new FrameTooLargeException();
    }
    ByteBuffer out = BinaryFrames.start((int) body, maxFrameBytes, kind);
    out.put((byte) reBytes.length).put(reBytes);
    out.put((byte) conversationBytes.length).put(conversationBytes);
    out.putLong(position).put((byte) (more ? 1 : 0)).putInt(messages.size());
    for (StoredMessage message : messages) {
      Bytes envelope = message.envelope();
      out.putLong(message.seq()).putLong(message.storedAtMillis()).putInt(envelope.length());
      envelope.copyTo(out);
    }
    return out.array();
  }

  /** The {@code history_ok} in the rest of {@code in}. */
  static HistoryReply history(BinaryReader in) throws FrameException {
    return page(in, "nextBefore", HistoryReply::new);
  }

  /** The {@code sync_ok} in the rest of {@code in}. */
  static SyncReply sync(BinaryReader in) throws FrameException {
    return page(in, "cursor", SyncReply::new);
  }

  /** The constructor of a page record: {@code re, conversation, messages, position, more}. */
  private interface PageRecord<T> {
    T make(String re, String conversation, List<StoredMessage> messages, long at, boolean more);
  }

  private static <T> T page(BinaryReader in, String position, PageRecord<T> record)
      throws FrameException {
    String re = in.string("re");
    String conversation = in.string("conversation");
    long at = in.u64(position);
    boolean more = in.flag("more");
    List<StoredMessage> messages = messages(in);
    try {
      return record.make(re, conversation, messages, at, more);
    } catch (IllegalArgumentException e) {
      throw in.bad(e.getMessage());
    }
  }

  /** The count and the messages, which must end the body. */
  private static List<StoredMessage> messages(BinaryReader in) throws FrameException {
    long count = in.u32("count");
    if (count > in.remaining() / MESSAGE_FIXED_BYTES) {
      throw in.bad("binary frame ends before its " + count + " messages");
    }
    List<StoredMessage> messages = new ArrayList<>((int) count);
    for (long k = 0; k < count; k++) {
      long seq = in.u64("seq");
      long storedAtMillis = in.u64("storedAtMillis");
      Bytes envelope = in.bytes(in.u32("envelope length"), "envelope");
      try {
        messages.add(new StoredMessage(seq, storedAtMillis, envelope));
      } catch (IllegalArgumentException e) {
        throw in.bad(e.getMessage());
      }
    }
    in.requireEnd();
    return messages;
  }
}
