package chat.cli.tui;

import chat.cli.tui.KeyAction.Action;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.Map;
import java.util.Optional;

/**
 * The key map, in one place. Editing follows readline (Ctrl-A/E/U/K/W, arrows, Home/End); window
 * keys follow weechat and irssi (Alt+1..9 and Alt+0 for the tenth conversation, Alt+A for the next
 * one with activity, Ctrl-N/Ctrl-P and Alt+arrows to cycle, PgUp/PgDn to scroll). Alt+E opens the
 * emoji picker.
 */
final class KeyBindings {
  private static final Map<Character, Action> CTRL =
      Map.ofEntries(
          Map.entry('a', Action.HOME),
          Map.entry('e', Action.END),
          Map.entry('b', Action.LEFT),
          Map.entry('f', Action.RIGHT),
          Map.entry('d', Action.DELETE),
          Map.entry('u', Action.CLEAR_LINE),
          Map.entry('k', Action.KILL_TO_END),
          Map.entry('w', Action.DELETE_WORD),
          Map.entry('n', Action.NEXT_CONVERSATION),
          Map.entry('p', Action.PREVIOUS_CONVERSATION),
          Map.entry('c', Action.INTERRUPT),
          Map.entry('l', Action.REDRAW));

  private static final Map<KeyType, Action> KEYS =
      Map.ofEntries(
          Map.entry(KeyType.Enter, Action.SUBMIT),
          Map.entry(KeyType.Tab, Action.COMPLETE),
          Map.entry(KeyType.ArrowLeft, Action.LEFT),
          Map.entry(KeyType.ArrowRight, Action.RIGHT),
          Map.entry(KeyType.Home, Action.HOME),
          Map.entry(KeyType.End, Action.END),
          Map.entry(KeyType.Backspace, Action.BACKSPACE),
          Map.entry(KeyType.Delete, Action.DELETE),
          Map.entry(KeyType.ArrowUp, Action.HISTORY_PREVIOUS),
          Map.entry(KeyType.ArrowDown, Action.HISTORY_NEXT),
          Map.entry(KeyType.PageUp, Action.PAGE_UP),
          Map.entry(KeyType.PageDown, Action.PAGE_DOWN),
          Map.entry(KeyType.Escape, Action.ESCAPE));

  private KeyBindings() {}

  /** What {@code key} does, if anything. */
  static Optional<KeyAction> resolve(KeyStroke key) {
    if (key.getKeyType() == KeyType.Character) {
      return character(key);
    }
    if (key.isAltDown() && key.getKeyType() == KeyType.ArrowLeft) {
      return Optional.of(KeyAction.of(Action.PREVIOUS_CONVERSATION));
    }
    if (key.isAltDown() && key.getKeyType() == KeyType.ArrowRight) {
      return Optional.of(KeyAction.of(Action.NEXT_CONVERSATION));
    }
    return Optional.ofNullable(KEYS.get(key.getKeyType())).map(KeyAction::of);
  }

  private static Optional<KeyAction> character(KeyStroke key) {
    char c = key.getCharacter();
    if (key.isAltDown() && !key.isCtrlDown()) {
      if (c >= '0' && c <= '9') {
        return Optional.of(KeyAction.jump(c == '0' ? 9 : c - '1'));
      }
      if (c == 'a' || c == 'A') {
        return Optional.of(KeyAction.of(Action.NEXT_ACTIVE));
      }
      if (c == 'e' || c == 'E') {
        return Optional.of(KeyAction.of(Action.EMOJI_PICKER));
      }
      return Optional.empty();
    }
    if (key.isCtrlDown()) {
      return Optional.ofNullable(CTRL.get(Character.toLowerCase(c))).map(KeyAction::of);
    }
    return Optional.of(KeyAction.insert(c));
  }
}
