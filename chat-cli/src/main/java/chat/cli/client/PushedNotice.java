package chat.cli.client;

import java.util.Objects;

/**
 * A notice of something pushed that is not a message and that a relay or a sender can repeat as
 * often as it likes: a key the relay announced that is not valid or not the named user's ({@link
 * #invalidKey}), a new key announced for the user's own account ({@link #ownKey}), or a second
 * offer of a file another message offered ({@link #secondOffer}). A front end that prints one line
 * per notice passes it through a {@link LiveNoticeCap}, where each kind is capped once for all
 * conversations.
 *
 * @param conversation where it happened ({@code #room} or {@code @a+b}); empty for a global notice
 * @param kind {@link LiveNoticeCap.Kind#INVALID_KEY}, {@link LiveNoticeCap.Kind#OWN_KEY} or {@link
 *     LiveNoticeCap.Kind#SECOND_OFFER}
 * @param text what the person is told, naming no command; it quotes names from the network, so
 *     front ends pass it through {@link chat.cli.TerminalSafe} like any notice
 */
public record PushedNotice(String conversation, LiveNoticeCap.Kind kind, String text) {
  /** Checks the fields. */
  public PushedNotice {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(text, "text");
    if (kind != LiveNoticeCap.Kind.INVALID_KEY
        && kind != LiveNoticeCap.Kind.OWN_KEY
        && kind != LiveNoticeCap.Kind.SECOND_OFFER) {
      throw new IllegalArgumentException("an invalid key, an own key or a second offer of a file");
    }
  }

  /** The relay announced a key that is not valid, or not the named user's; {@code text} says so. */
  public static PushedNotice invalidKey(String text) {
    return new PushedNotice("", LiveNoticeCap.Kind.INVALID_KEY, text);
  }

  /**
   * The relay announced a key for this user's own account that is not the one in use: someone may
   * have taken the account, unless the person changed the key on another device.
   */
  public static PushedNotice ownKey() {
    return new PushedNotice(
        "",
        LiveNoticeCap.Kind.OWN_KEY,
        "the relay announced a NEW KEY FOR YOUR ACCOUNT. If you did not change it on another"
            + " device, your account may be in someone else's hands");
  }

  /**
   * {@code sender} offered file {@code shortId} again, in another message of {@code conversation}.
   */
  public static PushedNotice secondOffer(String conversation, String shortId, String sender) {
    return new PushedNotice(
        conversation,
        LiveNoticeCap.Kind.SECOND_OFFER,
        "ignored a second offer of file " + shortId + " from " + sender);
  }
}
