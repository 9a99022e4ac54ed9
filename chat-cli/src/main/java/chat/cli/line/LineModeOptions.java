package chat.cli.line;

import java.util.Map;
import java.util.Objects;

/**
 * How the line mode looks.
 *
 * @param colour whether to colour lines; the line mode still leaves colour off on a dumb terminal
 */
public record LineModeOptions(boolean colour) {
  /** The environment variable that turns colour off when set to anything (no-color.org). */
  public static final String NO_COLOR = "NO_COLOR";

  /**
   * Options from a {@code --color}/{@code --no-color} choice and the environment: colour only when
   * requested and {@code NO_COLOR} is unset or empty.
   */
  public static LineModeOptions of(boolean colourRequested, Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    String noColor = environment.get(NO_COLOR);
    return new LineModeOptions(colourRequested && (noColor == null || noColor.isEmpty()));
  }
}
