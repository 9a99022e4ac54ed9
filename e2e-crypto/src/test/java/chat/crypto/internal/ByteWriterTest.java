package chat.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Tests {@link ByteWriter}: exact big-endian bytes, range checks and length prefixes. */
class ByteWriterTest {
  private static final HexFormat HEX = HexFormat.of();

  private static String hex(ByteWriter writer) {
    return HEX.formatHex(writer.toByteArray());
  }

  @Test
  void integers_inRange_writeBigEndian() {
    ByteWriter writer =
        new ByteWriter(0).u8(0).u8(0xFF).u16(0xBEEF).u32(0x12345678).u64(0x0102030405060708L);

    assertThat(hex(writer)).isEqualTo("00ff" + "beef" + "12345678" + "0102030405060708");
  }

  @Test
  void integers_limits_writeExpectedBytes() {
    assertThat(hex(new ByteWriter(2).u16(0xFFFF))).isEqualTo("ffff");
    assertThat(hex(new ByteWriter(4).u32(Integer.MAX_VALUE))).isEqualTo("7fffffff");
    assertThat(hex(new ByteWriter(8).u64(-1L))).isEqualTo("ffffffffffffffff");
    assertThat(hex(new ByteWriter(8).u64(Long.MIN_VALUE))).isEqualTo("8000000000000000");
  }

  @Test
  void zeros_betweenWrites_zeroBytesInPlaceNegativeThrows() {
    assertThat(hex(new ByteWriter(1).u8(0xAB).zeros(3).u8(0xCD))).isEqualTo("ab000000cd");
    assertThat(hex(new ByteWriter(0).zeros(0))).isEmpty();
    assertThatThrownBy(() -> new ByteWriter(1).zeros(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void raw_range_writesOnlyThoseBytesOutOfBoundsThrows() {
    byte[] source = {1, 2, 3, 4, 5};

    assertThat(hex(new ByteWriter(1).raw(source, 1, 4).raw(source, 5, 5))).isEqualTo("020304");
    assertThatThrownBy(() -> new ByteWriter(8).raw(source, 3, 6))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new ByteWriter(8).raw(source, 3, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void u8_outOfRange_throwsIllegalArgument() {
    assertThatThrownBy(() -> new ByteWriter(1).u8(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteWriter(1).u8(256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void u16_outOfRange_throwsIllegalArgument() {
    assertThatThrownBy(() -> new ByteWriter(2).u16(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteWriter(2).u16(0x10000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void u32_negative_throwsIllegalArgument() {
    assertThatThrownBy(() -> new ByteWriter(4).u32(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void string8_multiByteUtf8_prefixesByteLength() {
    assertThat(hex(new ByteWriter(8).string8("\u00e9"))).isEqualTo("02c3a9");
    assertThat(hex(new ByteWriter(8).string8("\ud83d\ude00"))).isEqualTo("04f09f9880");
  }

  @Test
  void string8_255Bytes_isWritten() {
    byte[] out = new ByteWriter(256).string8("\u00e9".repeat(127) + "x").toByteArray();

    assertThat(out).hasSize(256);
    assertThat(out[0]).isEqualTo((byte) 255);
  }

  @Test
  void string8_emptyOrOver255Bytes_throwsIllegalArgument() {
    assertThatThrownBy(() -> new ByteWriter(1).string8(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteWriter(300).string8("x".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class);
    // 128 characters, but 256 UTF-8 bytes.
    assertThatThrownBy(() -> new ByteWriter(300).string8("\u00e9".repeat(128)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytes16_writesLengthPrefix() {
    assertThat(hex(new ByteWriter(8).bytes16(new byte[] {7, 8}))).isEqualTo("00020708");
    assertThat(hex(new ByteWriter(8).bytes16(new byte[0]))).isEqualTo("0000");
    assertThat(new ByteWriter(0).bytes16(new byte[0xFFFF]).toByteArray()).hasSize(0x10001);
  }

  @Test
  void bytes16_over65535Bytes_throwsIllegalArgument() {
    assertThatThrownBy(() -> new ByteWriter(0).bytes16(new byte[0x10000]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytes32_writesLengthPrefix() {
    assertThat(hex(new ByteWriter(8).bytes32(new byte[] {7}))).isEqualTo("0000000107");
  }

  @Test
  void raw_bytesWrapper_writesSameAsArray() {
    byte[] value = {1, 2, 3};

    assertThat(new ByteWriter(3).raw(Bytes.of(value)).toByteArray())
        .isEqualTo(new ByteWriter(3).raw(value).toByteArray())
        .isEqualTo(value);
  }

  @Test
  void toByteArray_returnedArrayChanged_writerUnchanged() {
    ByteWriter writer = new ByteWriter(2).u16(0x0102);
    byte[] first = writer.toByteArray();

    first[0] = 9;

    assertThat(writer.toByteArray()).containsExactly(1, 2);
  }

  @Test
  void finish_exactHint_returnsTheBytes_andEndsTheWriter() {
    ByteWriter exact = new ByteWriter(3).u8(7).u16(0x0102);
    ByteWriter grown = new ByteWriter(1).u8(7).u16(0x0102);
    ByteWriter roomy = new ByteWriter(64).u8(7).u16(0x0102);

    assertThat(exact.finish()).containsExactly(7, 1, 2);
    assertThat(grown.finish()).containsExactly(7, 1, 2);
    assertThat(roomy.finish()).containsExactly(7, 1, 2);
    assertThatThrownBy(() -> exact.u8(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(exact::toByteArray).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(exact::finish).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void written_thenRead_roundTrips() throws Exception {
    byte[] encoded =
        new ByteWriter(64)
            .u8(7)
            .u16(300)
            .u32(70_000)
            .u64(Long.MAX_VALUE)
            .string8("bob")
            .bytes16(new byte[] {1})
            .bytes32(new byte[] {2, 3})
            .toByteArray();
    ByteReader in = new ByteReader(encoded);

    assertThat(in.u8()).isEqualTo(7);
    assertThat(in.u16()).isEqualTo(300);
    assertThat(in.u32(Integer.MAX_VALUE)).isEqualTo(70_000);
    assertThat(in.u64()).isEqualTo(Long.MAX_VALUE);
    assertThat(in.string8()).isEqualTo("bob");
    assertThat(in.bytes16()).containsExactly(1);
    assertThat(in.bytes32(10)).containsExactly(2, 3);
    in.expectEnd();
  }
}
