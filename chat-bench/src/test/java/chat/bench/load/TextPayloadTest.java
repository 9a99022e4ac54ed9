package chat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextPayloadTest {
  @Test
  void text_isExactlyThatLong_andCarriesItsIndex() {
    String text = TextPayload.text(4711, 40);

    assertThat(text).hasSize(40).startsWith("k=4711 ");
    byte[] bytes = TextPayload.ascii(text);
    assertThat(TextPayload.index(bytes, 0, bytes.length)).isEqualTo(4711);
  }

  @Test
  void padded_keepsTheTextAndItsIndex_inMoreBytes() {
    String text = TextPayload.text(12, 200);

    String padded = TextPayload.padded(text, 1276);

    assertThat(padded).hasSize(1276).startsWith(text);
    assertThat(padded.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    byte[] bytes = TextPayload.ascii(padded);
    assertThat(TextPayload.index(bytes, 0, bytes.length)).isEqualTo(12);
    assertThat(TextPayload.padded(text, 200)).isEqualTo(text);
  }

  @Test
  void padded_shorterThanTheTextOrUnder16Bytes_refused() {
    String text = TextPayload.text(1, 200);

    assertThatThrownBy(() -> TextPayload.padded(text, 199))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextPayload.padded("k=1", 15))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
