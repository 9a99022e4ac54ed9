package chat.protocol;

import java.nio.charset.StandardCharsets;

/** A frame as the JSON text the default codec writes, and back: for the frame tests. */
final class JsonFrames {
  private static final FrameCodec CODEC = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private JsonFrames() {}

  static String json(Frame frame) {
    return new String(CODEC.toJson(frame), StandardCharsets.UTF_8);
  }

  static Frame parse(String json) throws FrameException {
    return CODEC.fromJson(json.getBytes(StandardCharsets.UTF_8));
  }
}
