package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LineModeOptionsTest {
  @Test
  void of_colourRequestedNoNoColor_coloursOn() {
    assertThat(LineModeOptions.of(true, Map.of()).colour()).isTrue();
  }

  @Test
  void of_noColorSet_coloursOff() {
    assertThat(LineModeOptions.of(true, Map.of("NO_COLOR", "1")).colour()).isFalse();
  }

  @Test
  void of_noColorEmpty_ignored() {
    assertThat(LineModeOptions.of(true, Map.of("NO_COLOR", "")).colour()).isTrue();
  }

  @Test
  void of_colourNotRequested_coloursOff() {
    assertThat(LineModeOptions.of(false, Map.of()).colour()).isFalse();
  }
}
