package chat.cli.client;

/**
 * A listener that prints a line per notice and passes the notices a relay can push as often as it
 * likes through its {@link LiveNoticeCap}: each is said as the plain callback ({@link #onLeftOut},
 * {@link #onHeld}, {@link #onNotice}, {@link #onAdvice}) unless the cap counts it. An
 * implementation also calls {@link LiveNoticeCap#beforeMessage} before it shows a message or file
 * offer.
 */
public interface CappedClientListener extends ClientListener {
  /** The cap this listener's notices pass through. */
  LiveNoticeCap noticeCap();

  /** A message pushed live and left out: said unless {@link #noticeCap} counts it. */
  @Override
  default void onLeftOutPushed(LeftOutMessages left) {
    if (noticeCap().say(left.conversation(), LiveNoticeCap.Kind.LEFT_OUT, left.count())) {
      onLeftOut(left);
    }
  }

  /** A message pushed live and held: said unless {@link #noticeCap} counts it. */
  @Override
  default void onHeldPushed(HeldMessages held) {
    if (noticeCap().say(held.conversation(), LiveNoticeCap.Kind.HELD, held.count())) {
      onHeld(held);
    }
  }

  /** A replayed copy dropped, or messages not delivered: said unless counted. */
  @Override
  default void onDeliveryNotice(DeliveryNotice notice) {
    if (noticeCap().say(notice.conversation(), notice.kind(), notice.count())) {
      onNotice(notice.conversation(), notice.text());
    }
  }

  /** An invalid key announced, or a second offer of a file: said unless counted. */
  @Override
  default void onPushedNotice(PushedNotice notice) {
    if (noticeCap().say(notice.conversation(), notice.kind(), 1)) {
      onNotice(notice.conversation(), notice.text());
    }
  }

  /** A message encrypted to another set of members: the advice, unless counted. */
  @Override
  default void onMembersDiffer(Advice.MembersDiffer differ) {
    if (noticeCap().say(differ.conversation(), LiveNoticeCap.Kind.MEMBERS_DIFFER, 1)) {
      onAdvice(differ);
    }
  }

  /** A new key of a contact past those remembered as said: the advice, unless counted. */
  @Override
  default void onKeyChangedPastMemory(Advice.KeyChanged changed) {
    if (noticeCap().say("", LiveNoticeCap.Kind.KEY_CHANGED, 1)) {
      onAdvice(changed);
    }
  }
}
