package chat.cli.client;

import chat.crypto.Fingerprint;
import chat.crypto.SafetyNumber;

/**
 * The trust side of a {@link ChatClient}: fingerprints, safety numbers and verified or accepted
 * keys.
 */
public interface KeyVerification {
  /** The fingerprint of {@code username}'s identity (this user's own for their own name). */
  Fingerprint fingerprint(String username);

  /** The safety number between this user and {@code username}. */
  SafetyNumber safetyNumber(String username);

  /**
   * This client's trust in {@code username}'s key ({@link TrustState#VERIFIED} for your own).
   * Local: never touches the network.
   */
  TrustState trustState(String username);

  /**
   * What a safety number typed to {@link #verify} must look like, as every command that takes one
   * ({@code /verify}, {@code chat keys verify}) says when it is malformed.
   */
  String SAFETY_NUMBER_FORM = SafetyNumber.DIGITS + " digits (spaces are ignored)";

  /**
   * Why {@code typed} is no safety number: its form, and first, for the 64 hex digits of a
   * fingerprint given in its place, that it is one.
   */
  static String notASafetyNumber(String typed) {
    boolean fingerprint = typed.replaceAll("\\s", "").matches("[0-9a-fA-F]{64}");
    return (fingerprint ? "that is a fingerprint, not a safety number: " : "")
        + "a safety number is "
        + SAFETY_NUMBER_FORM;
  }

  /**
   * Marks {@code username} verified if {@code safetyNumber} matches.
   *
   * @throws chat.cli.CommandException.Untrusted if it does not match
   */
  void verify(String username, String safetyNumber);

  /**
   * Accepts {@code username}'s current key (after a change): pins it, unverified, and shows the
   * listeners the messages held until then, those a history page reported as held included.
   */
  void trust(String username);
}
