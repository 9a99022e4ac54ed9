package chat.cli.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The last messages of a conversation as {@link ChatClient#historyPage} found them: those this user
 * can read, text messages and file offers in the order they were stored, and those among them it
 * holds unread because their sender's key changed.
 *
 * @param entries the messages and file offers shown, oldest first
 * @param held per sender, the messages in the same stretch that are held; empty when none are
 * @param notForYou how many stored messages older than the last one shown, back to the first the
 *     relay keeps, were not given to this user because none of their keys was among the recipients
 *     (sent before the user joined, typically); when the page was filled before reaching the start,
 *     only those above the oldest message given (nothing is known of older ones)
 * @param notForYouBetween how many of {@link #notForYou} are newer than the oldest message the
 *     relay gave this user: not "sent before you joined", but not encrypted to this user, or
 *     withheld by the relay (a stored message it cannot read back)
 * @param leftOut per sender and reason, the messages in the same stretch that were given to this
 *     user but are not shown and never will be (signed by a key that is not the sender's now, not
 *     verified, not encrypted to this user's current key, unreadable, damaged, moved here from
 *     another conversation); empty when none are
 */
public record HistoryPage(
    List<Posted> entries,
    List<HeldMessages> held,
    long notForYou,
    long notForYouBetween,
    List<LeftOutMessages> leftOut) {
  /** Copies the lists. */
  public HistoryPage {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    held = List.copyOf(Objects.requireNonNull(held, "held"));
    leftOut = List.copyOf(Objects.requireNonNull(leftOut, "leftOut"));
    if (notForYou < 0 || notForYouBetween < 0 || notForYouBetween > notForYou) {
      throw new IllegalArgumentException("need 0 <= notForYouBetween <= notForYou");
    }
  }

  /** A page whose messages not given to this user all came before the first one given. */
  public HistoryPage(
      List<Posted> entries,
      List<HeldMessages> held,
      long notForYou,
      List<LeftOutMessages> leftOut) {
    this(entries, held, notForYou, 0, leftOut);
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
   * shown, else "260 earlier messages in #pg were not encrypted to you (sent before you joined)";
   * those {@link #notForYouBetween} are said apart, as not given to this user for either reason.
   * Empty when there are none.
   */
  public Optional<String> notForYouNote(String label) {
    long earlier = notForYou - notForYouBetween;
    String between =
        notForYouBetween
            + (notForYouBetween == 1 ? " message in " : " messages in ")
            + label
            + " newer than the oldest one the relay gave you "
            + (notForYouBetween == 1 ? "was" : "were")
            + " not given to you: not encrypted to you (sent while you were not in it, or before the sender"
            + " saw you join), or withheld by the relay";
    if (earlier == 0) {
      return notForYouBetween == 0 ? Optional.empty() : Optional.of(between);
    }
    boolean one = earlier == 1;
    String before;
    if (entries.isEmpty() && notForYouBetween == 0) {
      before =
          "no messages in "
              + label
              + " since you joined ("
              + (one ? "1 earlier one was" : earlier + " earlier ones were")
              + " not encrypted to you)";
    } else {
      before =
          earlier
              + (one ? " earlier message in " : " earlier messages in ")
              + label
              + (one ? " was" : " were")
              + " not encrypted to you (sent before you joined)";
    }
    return Optional.of(notForYouBetween == 0 ? before : before + "; " + between);
  }

  /** The text messages among {@link #entries}, oldest first (the file offers left out). */
  public List<ChatMessage> messages() {
    return entries.stream()
        .filter(ChatMessage.class::isInstance)
        .map(ChatMessage.class::cast)
        .toList();
  }
}
