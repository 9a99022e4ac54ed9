package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageEventHeaderTest {
  private final FrameCodec codec = new FrameCodec(4096);

  private static Bytes envelope(int length, int fill) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) fill);
    return Bytes.of(bytes);
  }

  @Test
  void binaryFrame_oneHeaderManyEnvelopes_eachTheCodecsBytesAndDecodesToItsOwnEvent()
      throws Exception {
    MessageEventHeader header = new MessageEventHeader("@alice+bob", 42, 1_764_460_800_123L);

    for (int length : new int[] {0, 1, 19, 1200, 4000}) {
      Bytes envelope = envelope(length, length);
      byte[] frame = header.binaryFrame(envelope, codec.maxFrameBytes());

      MessageEvent expected = new MessageEvent("@alice+bob", 42, 1_764_460_800_123L, envelope);
      assertThat(header.event(envelope)).isEqualTo(expected);
      assertThat(frame).isEqualTo(codec.encode(expected, true));
      byte[] body = Arrays.copyOfRange(frame, FrameCodec.LENGTH_PREFIX_BYTES, frame.length);
      assertThat(codec.decode(body, true)).isEqualTo(expected);
    }
  }

  @Test
  void writeBinaryFrameStart_thenTheEnvelope_theFramesBytesAtTheBuffersPosition() {
    MessageEventHeader header = new MessageEventHeader("#ops", 7, 1_764_460_800_000L);
    Bytes envelope = envelope(300, 9);
    byte[] frame = header.binaryFrame(envelope, codec.maxFrameBytes());
    ByteBuffer out = ByteBuffer.allocate(frame.length + 10);
    out.position(4);

    header.writeBinaryFrameStart(envelope.length(), out);
    envelope.copyTo(out);

    assertThat(out.position()).isEqualTo(4 + frame.length);
    assertThat(Arrays.copyOfRange(out.array(), 4, 4 + frame.length)).isEqualTo(frame);
    assertThat(header.binaryFrameBytes(300, codec.maxFrameBytes())).isEqualTo(frame.length);
    assertThatThrownBy(() -> header.writeBinaryFrameStart(300, ByteBuffer.allocate(10)))
        .isInstanceOf(BufferOverflowException.class);
    assertThatThrownBy(() -> header.binaryFrameBytes(-1, codec.maxFrameBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void binaryFrame_overTheMaximum_refusedAtTheMaximum_encoded() {
    MessageEventHeader header = new MessageEventHeader("#ops", 1, 0);
    int start = 2 + 1 + "#ops".length() + 2 * Long.BYTES;

    assertThat(header.binaryFrame(envelope(100 - start, 1), 100)).hasSize(104);
    assertThatThrownBy(() -> header.binaryFrame(envelope(101 - start, 1), 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum frame size");
  }

  @Test
  void constructor_fieldsThatBreakTheEventsRules_refused() {
    assertThatThrownBy(() -> new MessageEventHeader("ops", 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageEventHeader("#ops", 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageEventHeader(null, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
