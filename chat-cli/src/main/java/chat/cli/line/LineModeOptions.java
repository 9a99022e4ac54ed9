package chat.cli.line;

import chat.cli.client.LiveNoticeCap;
import chat.cli.command.Bell;
import chat.cli.command.GivenSecrets;
import java.util.Map;
import java.util.Objects;

/**
 * How the line mode looks, the secrets it takes without asking, how it hides a secret typed on a
 * dumb terminal, and when it rings the terminal's bell.
 *
 * @param colour whether to colour lines; the line mode still leaves colour off on a dumb terminal
 * @param secrets the password and passphrase to use instead of a prompt, where given
 * @param echo turns the terminal's echo off while a secret is typed on a dumb terminal
 * @param typingEchoed whether a dumb terminal shows what is typed itself, Enter included: a person
 *     at a real terminal with {@code TERM=dumb}, which stays in its cooked mode. Then line mode
 *     does not print a typed line again after Enter. False for input from a pipe or a file, whose
 *     lines line mode shows after the prompt, so the output reads as a transcript
 * @param bell when a message arriving rings the terminal's bell ({@link Bell#SILENT}: never)
 * @param noticeTimer runs the line that says the notices counted past the cap once the relay has
 *     pushed none for a while ({@link LiveNoticeCap#QUIET}); tests pass one they run by hand
 */
public record LineModeOptions(
    boolean colour,
    GivenSecrets secrets,
    TerminalEcho echo,
    boolean typingEchoed,
    Bell bell,
    LiveNoticeCap.Timer noticeTimer) {
  /** The environment variable that turns colour off when set to anything (no-color.org). */
  public static final String NO_COLOR = "NO_COLOR";

  /** Checks for null. */
  public LineModeOptions {
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(echo, "echo");
    Objects.requireNonNull(bell, "bell");
    Objects.requireNonNull(noticeTimer, "noticeTimer");
  }

  /** Options that ask for every secret, with no way to turn a terminal's echo off, and no bell. */
  public LineModeOptions(boolean colour) {
    this(
        colour,
        GivenSecrets.NONE,
        TerminalEcho.NONE,
        false,
        Bell.SILENT,
        LiveNoticeCap.Timer.BACKGROUND);
  }

  /**
   * Options from a {@code --color}/{@code --no-color} choice and the environment: colour only when
   * requested and {@code NO_COLOR} is unset or empty.
   */
  public static LineModeOptions of(boolean colourRequested, Map<String, String> environment) {
    return new LineModeOptions(colourRequested && colourAllowed(environment));
  }

  /**
   * Whether {@code environment} lets a program colour its output: unless {@code NO_COLOR} is set to
   * something. The full screen asks it too.
   */
  public static boolean colourAllowed(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    String noColor = environment.get(NO_COLOR);
    return noColor == null || noColor.isEmpty();
  }

  /** These options with {@code given} as the secrets taken without asking. */
  public LineModeOptions withSecrets(GivenSecrets given) {
    return new LineModeOptions(colour, given, echo, typingEchoed, bell, noticeTimer);
  }

  /** These options with {@code switcher} as the way to turn a terminal's echo off. */
  public LineModeOptions withEcho(TerminalEcho switcher) {
    return new LineModeOptions(colour, secrets, switcher, typingEchoed, bell, noticeTimer);
  }

  /** These options with {@code echoed} as whether a dumb terminal shows the typing itself. */
  public LineModeOptions withTypingEchoed(boolean echoed) {
    return new LineModeOptions(colour, secrets, echo, echoed, bell, noticeTimer);
  }

  /** These options with {@code timer} as the way the counted notices are said after a while. */
  public LineModeOptions withNoticeTimer(LiveNoticeCap.Timer timer) {
    return new LineModeOptions(colour, secrets, echo, typingEchoed, bell, timer);
  }

  /** These options with {@code ringer} deciding when the terminal's bell rings. */
  public LineModeOptions withBell(Bell ringer) {
    return new LineModeOptions(colour, secrets, echo, typingEchoed, ringer, noticeTimer);
  }
}
