package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KdfParametersTest {
  @Test
  void default_isRfc9106SecondRecommendation() {
    assertThat(KdfParameters.DEFAULT).isEqualTo(new KdfParameters(65536, 3, 4));
  }

  @Test
  void constructor_bounds_areInclusive() {
    new KdfParameters(8192, 1, 1);
    new KdfParameters(1048576, 10, 16);
  }

  @ParameterizedTest
  @CsvSource({
    "8191, 1, 1",
    "1048577, 1, 1",
    "8192, 0, 1",
    "8192, 11, 1",
    "8192, 1, 0",
    "8192, 1, 17"
  })
  void constructor_outOfBounds_throws(int memoryKiB, int iterations, int parallelism) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new KdfParameters(memoryKiB, iterations, parallelism));
  }
}
