package chat.cli.tui;

import chat.cli.client.KeptList;
import java.util.List;
import java.util.Optional;

/**
 * What the UI thread asks of the threads behind it: running typed lines and fetching lists and
 * history, whose results come back to the UI thread ({@link TuiWorkers}).
 */
interface TuiBackend {
  /** Runs a typed line on the command thread; {@code conversation} was current at Enter. */
  void submit(String line, String conversation);

  /** Fetches the conversation list and current member list off the UI thread. */
  void refresh();

  /** Fetches the recent history of {@code conversation} off the UI thread. */
  void loadHistory(String conversation, int limit);

  /** Tells the command side which conversation is current now. */
  void selected(String conversation);

  /** Tells the command side the conversation list as numbered on screen now. */
  void listed(List<String> conversations);

  /**
   * Keeps what {@code username}'s conversation list shows (order, unread counts) for the next run,
   * off the UI thread.
   */
  void keepList(String username, KeptList list);

  /** Fetches this user's friends off the UI thread (whose coming and going is announced). */
  void loadFriends();

  /** Fetches the rooms off the UI thread, for the titles of the groups listed. */
  void loadTitles();

  /** Leaves the TUI at once ({@code /quit} at Enter), even while a command still runs. */
  void quit();

  /** The typed line running on the command thread now, if any. */
  default Optional<String> runningLine() {
    return Optional.empty();
  }
}
