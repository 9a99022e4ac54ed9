package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes {@link FrameCodec#fromJson}, which both the relay and the client run on every frame from
 * the network: any input is a frame or a {@link FrameException} with a code from the spec, never
 * another exception; and a frame that decodes encodes to JSON that decodes to the same frame
 * (compared as JSON, since secrets have no {@code equals}).
 */
class FrameCodecFuzzTest {
  private static final FrameCodec CODEC = new FrameCodec(64 * 1024);

  @FuzzTest(maxDuration = "10m")
  void fromJson_anyBytes_decodesAndRoundTripsOrThrowsFrameException(byte[] json) {
    Frame frame;
    try {
      frame = CODEC.fromJson(json);
    } catch (FrameException e) {
      assertThat(e.code()).isIn(ErrorCode.BAD_FRAME, ErrorCode.FRAME_TOO_LARGE);
      return;
    }
    assertThat(frame).isNotNull();
    byte[] canonical = CODEC.toJson(frame);
    try {
      assertThat(CODEC.toJson(CODEC.fromJson(canonical))).isEqualTo(canonical);
    } catch (FrameException e) {
      throw new AssertionError("a decoded frame does not decode again: " + e.code(), e);
    }
  }

  /**
   * Binary bodies (wire versions 3 and 8), given the marker so that the fuzzer starts inside them:
   * a frame or BAD_FRAME, and a frame that decodes encodes to the same body.
   */
  @FuzzTest(maxDuration = "10m")
  void decode_anyBinaryBody_decodesAndRoundTripsOrThrowsFrameException(byte[] rest) {
    byte[] body = new byte[rest.length + 1];
    body[0] = FrameCodec.BINARY_MARKER;
    System.arraycopy(rest, 0, body, 1, rest.length);
    Frame frame;
    try {
      frame = CODEC.decode(body, true);
    } catch (FrameException e) {
      assertThat(e.code()).isIn(ErrorCode.BAD_FRAME, ErrorCode.FRAME_TOO_LARGE);
      return;
    }
    assertThat(frame)
        .isInstanceOfAny(
            SendRequest.class, MessageEvent.class, HistoryReply.class, SyncReply.class);
    byte[] encoded = CODEC.encode(frame, ProtocolVersions.BINARY_PAGES);
    assertThat(Arrays.copyOfRange(encoded, FrameCodec.LENGTH_PREFIX_BYTES, encoded.length))
        .isEqualTo(body);
  }
}
