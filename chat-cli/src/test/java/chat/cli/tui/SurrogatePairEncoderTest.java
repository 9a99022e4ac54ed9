package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SurrogatePairEncoderTest {
  private static String through(String text) {
    SurrogatePairEncoder encoder = new SurrogatePairEncoder(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (char c : text.toCharArray()) {
      byte[] bytes = encoder.encode(c);
      out.writeBytes(
          bytes != null ? bytes : Character.toString(c).getBytes(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void encode_surrogatePairs_writtenWhole() {
    assertThat(through("a😀b🎉")).isEqualTo("a😀b🎉");
  }

  @Test
  void encode_bmpCharacter_leftToCaller() {
    assertThat(new SurrogatePairEncoder(StandardCharsets.UTF_8).encode('世')).isNull();
  }

  @Test
  void encode_halfDonePair_writesNothingYet() {
    SurrogatePairEncoder encoder = new SurrogatePairEncoder(StandardCharsets.UTF_8);

    assertThat(encoder.encode("😀".charAt(0))).isEmpty();
  }

  @Test
  void encode_loneSurrogates_becomeReplacementCharacter() {
    assertThat(through("a\ud83dxb\ude00c\ud83d\ud83d\ude00")).isEqualTo("a\uFFFDxb\uFFFDc\uFFFD😀");
  }
}
