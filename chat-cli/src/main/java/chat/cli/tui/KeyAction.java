package chat.cli.tui;

import java.util.Objects;

/**
 * What a key stroke asks the TUI to do.
 *
 * @param action the action
 * @param character the character typed, for {@link Action#INSERT}
 * @param index the 0-based list position, for {@link Action#JUMP}
 */
record KeyAction(Action action, char character, int index) {
  /** The actions keys are bound to. */
  enum Action {
    INSERT,
    SUBMIT,
    COMPLETE,
    LEFT,
    RIGHT,
    HOME,
    END,
    BACKSPACE,
    DELETE,
    CLEAR_LINE,
    KILL_TO_END,
    DELETE_WORD,
    HISTORY_PREVIOUS,
    HISTORY_NEXT,
    PAGE_UP,
    PAGE_DOWN,
    JUMP,
    NEXT_CONVERSATION,
    PREVIOUS_CONVERSATION,
    NEXT_ACTIVE,
    ESCAPE,
    INTERRUPT,
    REDRAW,
    EMOJI_PICKER
  }

  /** Checks the fields. */
  KeyAction {
    Objects.requireNonNull(action, "action");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative");
    }
  }

  static KeyAction of(Action action) {
    return new KeyAction(action, '\0', 0);
  }

  static KeyAction insert(char character) {
    return new KeyAction(Action.INSERT, character, 0);
  }

  static KeyAction jump(int index) {
    return new KeyAction(Action.JUMP, '\0', index);
  }
}
