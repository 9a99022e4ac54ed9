package chat.cli.line;

/**
 * Turns off and on the terminal's own echo of typed keys, for a secret typed on a dumb terminal:
 * there the terminal, not JLine, echoes and edits what is typed.
 */
public interface TerminalEcho {
  /** No way to turn the echo off. */
  TerminalEcho NONE =
      new TerminalEcho() {
        @Override
        public boolean off() {
          return false;
        }

        @Override
        public void on() {}
      };

  /** Turns the echo off; returns whether it is off now (then {@link #on} must follow). */
  boolean off();

  /** Turns the echo back on. */
  void on();
}
