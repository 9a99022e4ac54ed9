package chat.cli.command;

import chat.cli.client.TrustState;

/**
 * The one spelling of a contact's key trust for people, shared by {@code /members} and {@code chat
 * members}: {@code unverified}, {@code verified}, or {@code key CHANGED} (in capitals, as the
 * status bar and the event lines shout it).
 */
public final class TrustText {
  private TrustText() {}

  /** The word for {@code state}. */
  public static String of(TrustState state) {
    return switch (state) {
      case VERIFIED -> "verified";
      case CHANGED -> "key CHANGED";
      case UNVERIFIED -> "unverified";
    };
  }
}
