package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void ofRange_copiesThatRangeOnly() {
    byte[] source = {1, 2, 3, 4, 5};

    Bytes middle = Bytes.of(source, 1, 4);
    source[2] = 9;

    assertThat(middle.toByteArray()).containsExactly(2, 3, 4);
    assertThat(Bytes.of(source, 5, 5).length()).isZero();
  }

  @Test
  void ofRange_outsideTheArray_refused() {
    byte[] source = new byte[4];

    assertThatThrownBy(() -> Bytes.of(source, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Bytes.of(source, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Bytes.of(source, 0, 5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void copyToBuffer_atItsPositionOrNothingWhenItHasNoRoom() {
    Bytes bytes = Bytes.of(new byte[] {1, 2, 3});
    ByteBuffer out = ByteBuffer.allocate(5).position(1);

    bytes.copyTo(out);

    assertThat(out.position()).isEqualTo(4);
    assertThat(out.array()).containsExactly(0, 1, 2, 3, 0);
    ByteBuffer small = ByteBuffer.allocate(2);
    assertThatThrownBy(() -> bytes.copyTo(small)).isInstanceOf(BufferOverflowException.class);
    assertThat(small.position()).isZero();
  }

  @Test
  void toByteArray_aCopyEachTime() {
    Bytes bytes = Bytes.of(new byte[] {7, 8});

    bytes.toByteArray()[0] = 0;

    assertThat(bytes.toByteArray()).containsExactly(7, 8);
  }
}
