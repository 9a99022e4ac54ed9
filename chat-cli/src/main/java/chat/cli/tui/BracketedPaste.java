package chat.cli.tui;

import com.googlecode.lanterna.input.BasicCharacterPattern;
import com.googlecode.lanterna.input.CharacterPattern;
import com.googlecode.lanterna.input.KeyDecodingProfile;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/**
 * Bracketed paste (xterm's mode 2004): while it is on, the terminal sends {@code ESC [ 200 ~}
 * before pasted text and {@code ESC [ 201 ~} after it, so a paste can be told from typing. The TUI
 * puts a pasted line break into the input line instead of sending what came before it, so pasted
 * text never runs a command or sends anything until the person presses Enter.
 */
final class BracketedPaste {
  /** Turns the mode on. */
  static final String ENABLE = "\u001b[?2004h";

  /** Turns the mode off. */
  static final String DISABLE = "\u001b[?2004l";

  /** The key stroke Lanterna gives for the start marker. */
  static final KeyStroke START = new Mark();

  /** The key stroke Lanterna gives for the end marker. */
  static final KeyStroke END = new Mark();

  private BracketedPaste() {}

  /** The patterns that decode the two markers, for {@code InputDecoder.addProfile}. */
  static KeyDecodingProfile profile() {
    List<CharacterPattern> patterns =
        List.of(
            new BasicCharacterPattern(START, '\u001b', '[', '2', '0', '0', '~'),
            new BasicCharacterPattern(END, '\u001b', '[', '2', '0', '1', '~'));
    return () -> patterns;
  }

  /** A marker: a key stroke of its own kind that no key binding resolves. */
  private static final class Mark extends KeyStroke {
    private Mark() {
      super(KeyType.Unknown, false, false, false);
    }

    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }
}
