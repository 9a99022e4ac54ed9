package chat.cli.command;

import java.util.Objects;

/**
 * The text of a prompt for a secret in the interactive front ends, which show nothing for each
 * typed character (as ssh, sudo and gpg do: a star per character would tell an onlooker the
 * secret's length), so the prompt itself says that typing is hidden.
 */
public final class HiddenPrompt {
  /** What the prompt says about the typing. */
  public static final String HINT = "(input hidden)";

  private HiddenPrompt() {}

  /**
   * {@code prompt} with {@link #HINT} before its closing colon: {@code "password for alice: "}
   * becomes {@code "password for alice (input hidden): "}; a prompt without a colon gets the hint
   * at its end.
   */
  public static String of(String prompt) {
    String text = Objects.requireNonNull(prompt, "prompt").stripTrailing();
    if (text.endsWith(HINT + ":") || text.endsWith(HINT)) {
      return text + " ";
    }
    if (text.endsWith(":")) {
      return text.substring(0, text.length() - 1).stripTrailing() + " " + HINT + ": ";
    }
    return text.isEmpty() ? HINT + " " : text + " " + HINT + " ";
  }
}
