package chat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisTargetTest {
  private static final LoadSettings SETTINGS =
      new LoadSettings(
          Path.of("unused"),
          Path.of("bin/chat-server"),
          List.of(),
          Map.of(),
          "ngircd",
          "redis-server",
          null);

  private static String publish(RedisTarget target, String text) {
    byte[][] out = target.encodeMessages("ops", 2, new int[] {0}, new String[] {text});
    return new String(out[0], StandardCharsets.US_ASCII);
  }

  @Test
  void encodeMessages_padded_publishesTheTextPaddedToThatSize() {
    RedisTarget target = new RedisTarget(SETTINGS, null, true, 1276);
    String text = TextPayload.text(3, 200);

    String command = publish(target, text);

    String padded = TextPayload.padded(text, 1276);
    assertThat(command)
        .isEqualTo("*3\r\n$7\r\nPUBLISH\r\n$3\r\nops\r\n$1276\r\n" + padded + "\r\n");
    assertThat(target.guarantees()).endsWith("each message padded to 1276 bytes");
  }

  @Test
  void encodeMessages_notPadded_publishesTheText() {
    RedisTarget target = new RedisTarget(SETTINGS, null, false);
    String text = TextPayload.text(3, 200);

    assertThat(publish(target, text)).endsWith("$200\r\n" + text + "\r\n");
    assertThat(target.guarantees()).doesNotContain("padded");
  }

  @Test
  void paddedToUnder16Bytes_refused() {
    assertThatThrownBy(() -> new RedisTarget(SETTINGS, null, true, 15))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
