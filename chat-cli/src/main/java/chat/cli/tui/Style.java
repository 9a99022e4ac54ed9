package chat.cli.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.TextColor.ANSI;
import java.util.EnumSet;
import java.util.Set;

/** How one kind of cell looks: colours and attributes. The TUI's whole theme is this enum. */
enum Style {
  PLAIN(ANSI.DEFAULT, ANSI.DEFAULT),
  TIME(ANSI.BLACK_BRIGHT, ANSI.DEFAULT),
  OWN_SENDER(ANSI.GREEN_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  OTHER_SENDER(ANSI.CYAN_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  PRIVATE_SENDER(ANSI.MAGENTA_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  OWN_TEXT(ANSI.WHITE, ANSI.DEFAULT),
  TEXT(ANSI.DEFAULT, ANSI.DEFAULT),
  PRIVATE_TEXT(ANSI.MAGENTA, ANSI.DEFAULT),
  MENTION_TEXT(ANSI.YELLOW_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  SKEW(ANSI.YELLOW, ANSI.DEFAULT),
  INFO(ANSI.CYAN, ANSI.DEFAULT),
  NOTICE(ANSI.YELLOW, ANSI.DEFAULT),
  ERROR(ANSI.RED_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  DAY_SEPARATOR(ANSI.BLUE_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  MORE_MARKER(ANSI.BLACK, ANSI.YELLOW),
  BORDER(ANSI.BLACK_BRIGHT, ANSI.DEFAULT),
  BAR(ANSI.WHITE_BRIGHT, ANSI.BLUE),
  BAR_GOOD(ANSI.GREEN_BRIGHT, ANSI.BLUE, SGR.BOLD),
  BAR_WARN(ANSI.YELLOW_BRIGHT, ANSI.BLUE, SGR.BOLD),
  BAR_PRIVATE(ANSI.MAGENTA_BRIGHT, ANSI.BLUE, SGR.BOLD, SGR.UNDERLINE),
  BAR_ALERT(ANSI.WHITE_BRIGHT, ANSI.RED, SGR.BOLD),
  LIST_INDEX(ANSI.BLACK_BRIGHT, ANSI.DEFAULT),
  LIST_ENTRY(ANSI.DEFAULT, ANSI.DEFAULT),
  LIST_CURRENT(ANSI.BLACK, ANSI.CYAN),
  LIST_ROOM_ACTIVITY(ANSI.YELLOW_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  LIST_PRIVATE_ACTIVITY(ANSI.MAGENTA_BRIGHT, ANSI.DEFAULT, SGR.BOLD, SGR.UNDERLINE),
  HEADER(ANSI.BLACK_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  MEMBER_ONLINE(ANSI.DEFAULT, ANSI.DEFAULT),
  MEMBER_OFFLINE(ANSI.BLACK_BRIGHT, ANSI.DEFAULT),
  PRESENCE_ONLINE(ANSI.GREEN_BRIGHT, ANSI.DEFAULT),
  PRESENCE_OFFLINE(ANSI.BLACK_BRIGHT, ANSI.DEFAULT),
  MARK_VERIFIED(ANSI.GREEN_BRIGHT, ANSI.DEFAULT),
  MARK_CHANGED(ANSI.RED_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  PROMPT(ANSI.CYAN_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  SECRET_PROMPT(ANSI.YELLOW_BRIGHT, ANSI.DEFAULT, SGR.BOLD),
  INPUT(ANSI.DEFAULT, ANSI.DEFAULT),
  PRESENCE_AWAY(ANSI.YELLOW, ANSI.DEFAULT),
  MEMBER_AWAY(ANSI.DEFAULT, ANSI.DEFAULT),
  AWAY_MESSAGE(ANSI.BLACK_BRIGHT, ANSI.DEFAULT),
  ROLE_MARK(ANSI.YELLOW_BRIGHT, ANSI.DEFAULT, SGR.BOLD);

  private final TextColor foreground;
  private final TextColor background;
  private final EnumSet<SGR> modifiers;

  Style(TextColor foreground, TextColor background, SGR... modifiers) {
    this.foreground = foreground;
    this.background = background;
    this.modifiers = EnumSet.noneOf(SGR.class);
    this.modifiers.addAll(Set.of(modifiers));
  }

  TextColor foreground() {
    return foreground;
  }

  TextColor background() {
    return background;
  }

  /** A copy of the attributes, for Lanterna's text characters. */
  EnumSet<SGR> modifiers() {
    return EnumSet.copyOf(modifiers);
  }

  /**
   * The attributes to draw this style with in the terminal's own colours ({@code NO_COLOR}), so
   * that what colour told apart still stands apart: reverse video where the style has a background
   * of its own (the bars, the current entry of a list); underlined where its colour says "for you"
   * or "look" (a mention, a changed key, a lost connection; a private message or a mention waiting
   * is underlined in colour too); and this user's own name not bold, where others' are.
   */
  EnumSet<SGR> monochrome() {
    EnumSet<SGR> out = modifiers();
    if (background != TextColor.ANSI.DEFAULT) {
      out.add(SGR.REVERSE);
    }
    switch (this) {
      case MENTION_TEXT, MARK_CHANGED, BAR_ALERT -> out.add(SGR.UNDERLINE);
      case OWN_SENDER -> out.remove(SGR.BOLD);
      default -> {}
    }
    return out;
  }
}
