package chat.cli.client;

import java.util.List;
import java.util.Objects;

/**
 * The last messages of a conversation as {@link ChatClient#historyPage} found them: those this user
 * can read, text messages and file offers in the order they were stored, and those among them it
 * holds unread because their sender's key changed.
 *
 * @param entries the messages and file offers shown, oldest first
 * @param held per sender, the messages in the same stretch that are held; empty when none are
 * @param notForYou how many stored messages older than the last one shown, back to the first the
 *     relay keeps, were not given to this user because none of their keys was among the recipients
 *     (sent before the user joined, typically); 0 when the page was filled before reaching the
 *     start, as then nothing is known of older ones
 * @param leftOut per sender and reason, the messages in the same stretch that were given to this
 *     user but are not shown and never will be (signed by a key that is not the sender's now, not
 *     verified, not encrypted to this user's current key, unreadable, damaged, moved here from
 *     another conversation); empty when none are
 */
public record HistoryPage(
    List<Posted> entries, List<HeldMessages> held, long notForYou, List<LeftOutMessages> leftOut) {
  /** Copies the lists. */
  public HistoryPage {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    held = List.copyOf(Objects.requireNonNull(held, "held"));
    leftOut = List.copyOf(Objects.requireNonNull(leftOut, "leftOut"));
    if (notForYou < 0) {
      throw new IllegalArgumentException("notForYou must be >= 0");
    }
  }

  /** A page with nothing left out for good. */
  public HistoryPage(List<Posted> entries, List<HeldMessages> held, long notForYou) {
    this(entries, held, notForYou, List.of());
  }

  /** A page with nothing known to be left out but what is {@code held}. */
  public HistoryPage(List<Posted> entries, List<HeldMessages> held) {
    this(entries, held, 0);
  }

  /**
   * What to tell the user of the {@link #notForYou} messages, in conversation {@code label}: "no
   * messages in #pg since you joined (260 earlier ones were not encrypted to you)" when nothing is
   * shown, else "260 earlier messages in #pg were not encrypted to you (sent before you joined)".
   * Empty when there are none.
   */
  public java.util.Optional<String> notForYouNote(String label) {
    if (notForYou == 0) {
      return java.util.Optional.empty();
    }
    boolean one = notForYou == 1;
    if (entries.isEmpty()) {
      return java.util.Optional.of(
          "no messages in "
              + label
              + " since you joined ("
              + (one ? "1 earlier one was" : notForYou + " earlier ones were")
              + " not encrypted to you)");
    }
    return java.util.Optional.of(
        notForYou
            + (one ? " earlier message in " : " earlier messages in ")
            + label
            + (one ? " was" : " were")
            + " not encrypted to you (sent before you joined)");
  }

  /** The text messages among {@link #entries}, oldest first (the file offers left out). */
  public List<ChatMessage> messages() {
    return entries.stream()
        .filter(ChatMessage.class::isInstance)
        .map(ChatMessage.class::cast)
        .toList();
  }
}
