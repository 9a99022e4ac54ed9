package chat.cli;

/**
 * The process exit codes of {@code chat}: the one table that maps every kind of {@link
 * CommandException} (and picocli usage errors) to a number. The usage footer is generated from it,
 * and the README's table of exit codes starts with the same words (ExitCodeTest checks it).
 */
public enum ExitCode {
  /** The command did what was asked. */
  OK(0, "success"),
  /** Bad command line, or a request the command refuses (e.g. overwriting an identity). */
  USAGE(1, "usage: unknown option, missing or invalid argument, refused request"),
  /** The key file could not be unlocked, or no acceptable passphrase was given. */
  AUTH(2, "wrong password or passphrase, ended or expired session, or a bad key file"),
  /** The relay could not be reached, its certificate changed, or it refused the request. */
  NETWORK(3, "network or relay: unreachable, certificate changed, relay error"),
  /** A public key cannot be trusted for this use, or a member was never announced. */
  KEY_REJECTED(4, "untrusted: key changed, bad safety number or bundle, unannounced member"),
  /** The relay refused the request for now: too many requests or login failures. */
  RATE_LIMITED(5, "rate limited by the relay: wait and try again"),
  /** An envelope was refused: not ours, forged, altered or not an envelope at all. */
  ENVELOPE_REJECTED(6, "envelope rejected: not a recipient, bad signature, tampered, garbage"),
  /** A file could not be read or written. */
  IO(7, "I/O: file missing, permission denied, cannot write"),
  /** A bug: an unexpected exception. */
  INTERNAL(70, "internal error (a bug: rerun with -v and report the trace)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The number the process exits with. */
  public int code() {
    return code;
  }

  /** A short description for the usage footer and the README. */
  public String meaning() {
    return meaning;
  }

  /** The usage-footer table: one line per code. */
  static String footer() {
    StringBuilder out = new StringBuilder("%nExit codes:%n");
    for (ExitCode exitCode : values()) {
      out.append(String.format("  %-3d %s", exitCode.code, exitCode.meaning)).append("%n");
    }
    return out.toString();
  }
}
