package chat.cli.command;

import java.util.List;

/**
 * An extra supplier of completions for {@link SlashCompleter}, consulted for every word after the
 * built-in commands, usernames and rooms: for example emoji shortcodes, which would answer {@code
 * :smi} with {@code :smile:} and return nothing for words that do not start with a colon.
 */
@FunctionalInterface
public interface CompletionSource {
  /**
   * Candidates that replace {@code word} (the text from the start of the word to the cursor, maybe
   * empty), best first; empty when this source has nothing for it.
   *
   * @param line the whole input line
   * @param word the word being completed
   */
  List<String> candidates(String line, String word);
}
