package chat.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the tests of binary bodies share: taking a frame's body, and a body that must not decode.
 */
final class BinaryBodies {
  private static final HexFormat HEX = HexFormat.of();

  private BinaryBodies() {}

  /** {@code frame} without its length prefix. */
  static byte[] body(byte[] frame) {
    return Arrays.copyOfRange(frame, FrameCodec.LENGTH_PREFIX_BYTES, frame.length);
  }

  /** What {@code codec} throws for the body {@code hex}, binary allowed; fails if it decodes. */
  static FrameException refused(FrameCodec codec, String hex) {
    try {
      codec.decode(HEX.parseHex(hex), true);
    } catch (FrameException e) {
      return e;
    }
    throw new AssertionError("decoded " + hex);
  }
}
