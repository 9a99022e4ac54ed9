package chat.cli.client;

import java.util.Objects;

/**
 * What the relay did with the messages it delivers that the person should know, said one line each
 * as it happens: a copy of a message already shown that it pushed again ({@link #replayed}), or
 * sequence numbers it skipped ({@link #undelivered}). A relay can do either as often as it likes,
 * so a front end that prints a line per notice passes it through a {@link LiveNoticeCap}.
 *
 * @param conversation {@code #room} or {@code @a+b}
 * @param kind {@link LiveNoticeCap.Kind#REPLAYED} or {@link LiveNoticeCap.Kind#UNDELIVERED}
 * @param count how many messages it concerns, at least 1
 * @param text what the person is told, naming no command; it may quote the relay, so front ends
 *     pass it through {@link chat.cli.TerminalSafe} like any notice
 */
public record DeliveryNotice(
    String conversation, LiveNoticeCap.Kind kind, long count, String text) {
  /** Checks the fields. */
  public DeliveryNotice {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(text, "text");
    if (kind != LiveNoticeCap.Kind.REPLAYED && kind != LiveNoticeCap.Kind.UNDELIVERED) {
      throw new IllegalArgumentException("a replayed copy or messages not delivered");
    }
    if (count < 1) {
      throw new IllegalArgumentException("at least one message");
    }
  }

  /** A replayed copy of an earlier message, pushed as number {@code seq}, was dropped. */
  public static DeliveryNotice replayed(String conversation, long seq) {
    return new DeliveryNotice(
        conversation,
        LiveNoticeCap.Kind.REPLAYED,
        1,
        "dropped a replayed copy of an earlier message (#" + seq + ")");
  }

  /** The {@code count} messages {@code text} names were not delivered. */
  public static DeliveryNotice undelivered(String conversation, long count, String text) {
    return new DeliveryNotice(conversation, LiveNoticeCap.Kind.UNDELIVERED, count, text);
  }
}
