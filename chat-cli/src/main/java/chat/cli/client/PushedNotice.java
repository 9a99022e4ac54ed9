package chat.cli.client;

import java.util.Objects;

/**
 * A notice of something pushed that is not a message shown and that a relay or a sender can repeat
 * as often as it likes: a key the relay announced that is not valid or not the named user's ({@link
 * #invalidKey}), a new key announced for the user's own account ({@link #ownKey}), a second offer
 * of a file another message offered ({@link #secondOffer}), a message in a conversation this user
 * is not in ({@link #notIn}), or a conversation past the most this client lists ({@link
 * #pastLimit}). A front end that prints one line per notice passes it through a {@link
 * LiveNoticeCap}, where each kind is capped once for all conversations.
 *
 * @param conversation where it happened ({@code #room} or {@code @a+b}); empty for a global notice
 * @param kind {@link LiveNoticeCap.Kind#INVALID_KEY}, {@link LiveNoticeCap.Kind#OWN_KEY}, {@link
 *     LiveNoticeCap.Kind#SECOND_OFFER}, {@link LiveNoticeCap.Kind#NOT_IN} or {@link
 *     LiveNoticeCap.Kind#PAST_LIMIT}
 * @param text what the person is told, naming no command; it quotes names from the network, so
 *     front ends pass it through {@link chat.cli.TerminalSafe} like any notice
 */
public record PushedNotice(String conversation, LiveNoticeCap.Kind kind, String text) {
  /**
   * The most conversations this client lists: the most a relay of the default frame size lets one
   * user be in, so that its login reply can list them all. Only a relay that invents conversations
   * takes a user past it.
   */
  public static final int MAX_LISTED = 32_760;

  /** Checks the fields. */
  public PushedNotice {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(text, "text");
    if (!kind.global()
        || kind == LiveNoticeCap.Kind.MEMBERS_DIFFER
        || kind == LiveNoticeCap.Kind.KEY_CHANGED) {
      throw new IllegalArgumentException(
          "an invalid key, an own key, a second offer of a file, a message where you are not in"
              + " or a conversation past the limit");
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
   * The relay pushed a message in {@code label} (a conversation as the person names it), which this
   * user is not in: not one the relay listed at login, announced a join of theirs to, or names them
   * in; it is not shown, and no read position is kept for it.
   */
  public static PushedNotice notIn(String label) {
    return new PushedNotice(
        "",
        LiveNoticeCap.Kind.NOT_IN,
        "the relay pushed a message in " + label + ", a conversation you are not in; ignored");
  }

  /**
   * The relay put this user in {@code label}, a conversation new to this client, while it lists
   * {@link #MAX_LISTED} already: not listed, nothing shown from it.
   */
  public static PushedNotice pastLimit(String label) {
    return new PushedNotice(
        "",
        LiveNoticeCap.Kind.PAST_LIMIT,
        "the relay put you in "
            + label
            + ", past the "
            + MAX_LISTED
            + " conversations this client lists; ignored");
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
