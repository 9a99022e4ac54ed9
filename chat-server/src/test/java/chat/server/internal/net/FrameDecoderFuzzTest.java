package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ErrorCode;
import chat.protocol.FrameCodec;
import chat.protocol.FrameException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the relay's {@link FrameDecoder} with any byte stream, binary bodies refused and then
 * allowed: it never throws, emits only frames or {@link FrameException}s, emits nothing after
 * {@link ErrorCode#FRAME_TOO_LARGE}, and decodes the same stream the same way whether it arrives in
 * one buffer or one byte at a time.
 */
class FrameDecoderFuzzTest {
  private static final FrameCodec CODEC = new FrameCodec(4096);

  @FuzzTest(maxDuration = "10m")
  void decode_anyStream_sameResultWholeOrByteByByte(byte[] stream) {
    for (boolean binaryAllowed : new boolean[] {false, true}) {
      List<String> whole = decode(List.of(stream), binaryAllowed);
      List<byte[]> bytes = new ArrayList<>();
      for (byte b : stream) {
        bytes.add(new byte[] {b});
      }
      assertThat(decode(bytes, binaryAllowed)).isEqualTo(whole);
      int tooLarge = whole.indexOf("FRAME_TOO_LARGE");
      if (tooLarge >= 0) {
        assertThat(whole).hasSize(tooLarge + 1);
      }
    }
  }

  /** What the decoder emits for {@code chunks}, each item as a comparable string. */
  private static List<String> decode(List<byte[]> chunks, boolean binaryAllowed) {
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new FrameDecoder(CODEC, () -> binaryAllowed, new PendingBudget(Long.MAX_VALUE)));
    for (byte[] chunk : chunks) {
      channel.writeInbound(Unpooled.wrappedBuffer(chunk));
    }
    channel.finish();
    List<String> out = new ArrayList<>();
    for (Object item = channel.readInbound(); item != null; item = channel.readInbound()) {
      out.add(item instanceof FrameException e ? e.code().name() : item.getClass() + ":" + item);
    }
    return out;
  }
}
