package chat.cli.line;

import org.jline.utils.AttributedStyle;

/** What a printed line is, which decides its colour. Words, not colour, carry the meaning. */
enum LineKind {
  /** A message this user sent. */
  OWN(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)),
  /** A message from someone else in a room. */
  OTHER(AttributedStyle.DEFAULT),
  /** A message from someone else that names this user. */
  MENTION(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW).bold()),
  /** A message in a private (direct) conversation. */
  PRIVATE(AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA)),
  /** Command output and events: joins, presence, connection, notices. */
  SYSTEM(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW)),
  /** Errors and warnings such as a changed key. */
  ERROR(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold());

  private final AttributedStyle style;

  LineKind(AttributedStyle style) {
    this.style = style;
  }

  AttributedStyle style() {
    return style;
  }

  /**
   * The style without colour ({@code NO_COLOR}): a message that names this user, one sent to them
   * privately and an error stay bold, so that what colour sets apart stays apart; everything else
   * plain.
   */
  AttributedStyle monochrome() {
    return this == MENTION || this == PRIVATE || this == ERROR
        ? AttributedStyle.BOLD
        : AttributedStyle.DEFAULT;
  }
}
