package chat.cli.command;

import java.util.List;

/** Tab completion of commands, usernames, rooms and emoji shortcodes for an input line. */
@FunctionalInterface
public interface InputCompleter {
  /**
   * Candidates that replace the word ending at {@code cursor} in {@code line}, best first; empty
   * when nothing fits.
   */
  List<String> complete(String line, int cursor);
}
