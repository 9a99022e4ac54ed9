package chat.cli.client;

import chat.cli.CommandException;
import chat.crypto.KeyFile;
import chat.protocol.ErrorCode;
import chat.protocol.Usernames;

/**
 * What the client refuses of what a person types before anything is sent or asked next: a username,
 * a new password or key passphrase, a reason given to others. Each front end checks early with
 * these, and {@link ChatClient} checks again with the same rules and words.
 */
public final class InputRules {
  /** The shortest account password the relay accepts, in characters. */
  public static final int MIN_PASSWORD_CHARS = 8;

  private InputRules() {}

  /**
   * The username {@code typed}, without a leading {@code @}.
   *
   * @throws CommandException.Usage if it is no username ({@link
   *     CommandException.Usage#notAUsername}, with the value as typed)
   */
  public static String username(String typed) {
    String name = typed.startsWith("@") ? typed.substring(1) : typed;
    if (!Usernames.isValid(name)) {
      throw CommandException.Usage.notAUsername(typed);
    }
    return name;
  }

  /**
   * Refuses a new account password shorter than {@link #MIN_PASSWORD_CHARS}: {@link
   * ChatClient#register} does, and an interactive {@code /register} calls it before asking for the
   * passphrase.
   *
   * @throws CommandException.Auth if {@code password} is too short
   */
  public static void requireNewPassword(char[] password) {
    if (password.length < MIN_PASSWORD_CHARS) {
      throw new CommandException.Auth(
          "passwords are at least " + MIN_PASSWORD_CHARS + " characters",
          null,
          CommandException.Auth.Refused.NEW_PASSWORD);
    }
  }

  /**
   * Refuses a new key passphrase shorter than {@link KeyFile#MIN_NEW_PASSPHRASE_CHARS}: {@link
   * ChatClient#register} does, and so does every change of the passphrase.
   *
   * @throws CommandException.Auth if {@code passphrase} is too short
   */
  public static void requireNewPassphrase(char[] passphrase) {
    if (passphrase.length < KeyFile.MIN_NEW_PASSPHRASE_CHARS) {
      throw new CommandException.Auth(
          "the key passphrase must be at least "
              + KeyFile.MIN_NEW_PASSPHRASE_CHARS
              + " characters: it also protects the encrypted backup of your keys on the relay",
          null,
          CommandException.Auth.Refused.NEW_PASSPHRASE);
    }
  }

  /**
   * {@code reason} for a {@link ChatClient#report}, a kick, a ban or a mute, stripped: one line of
   * 1 to {@link ErrorCode#MAX_REASON_CHARS} characters.
   *
   * @throws CommandException.Usage if it is empty, too long or holds a control character
   */
  public static String requireReason(String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new CommandException.Usage(
          "say why: the operator reads your reason, and cannot read your conversations");
    }
    if (why.chars().anyMatch(Character::isISOControl)) {
      throw new CommandException.Usage(
          "a reason is one line of text: no tabs, line breaks or escape sequences");
    }
    if (why.length() > ErrorCode.MAX_REASON_CHARS) {
      throw new CommandException.Usage(
          "a reason is at most "
              + ErrorCode.MAX_REASON_CHARS
              + " characters (got "
              + why.length()
              + ")");
    }
    return why;
  }
}
