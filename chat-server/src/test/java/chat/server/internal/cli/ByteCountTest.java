package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class ByteCountTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "104857600|104857600",
        "010|10",
        "+5|5",
        "-1|-1",
        "9223372036854775807|9223372036854775807"
      })
  void ofLong_aWholeNumber_isReadAsPicocliReadsIt(String value, long expected) {
    assertThat(new ByteCount.OfLong().convert(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "100MiB|'100MiB' is not a whole number of bytes (100 MiB is 104857600)",
        "1 tib|'1 tib' is not a whole number of bytes (1 TiB is 1099511627776)",
        "100MB|'100MB' is not a whole number of bytes",
        "1.5|'1.5' is not a whole number of bytes",
        "lots|'lots' is not a whole number of bytes",
        "0x10|'0x10' is not a whole number of bytes",
        "9223372036854775808|'9223372036854775808' is too large a number of bytes"
      })
  void ofLong_anythingElse_saysWhyInBytes(String value, String said) {
    assertThatThrownBy(() -> new ByteCount.OfLong().convert(value))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage(said);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "4MiB|'4MiB' is not a whole number of bytes (4 MiB is 4194304)",
        "2147483648|'2147483648' is too large a number of bytes"
      })
  void ofInt_saysTheSame(String value, String said) {
    assertThat(new ByteCount.OfInt().convert("65536")).isEqualTo(65536);
    assertThatThrownBy(() -> new ByteCount.OfInt().convert(value)).hasMessage(said);
  }
}
