package chat.cli.client;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Messages from one sender in one conversation that are held, not shown, because they are signed
 * with a new key for the sender that the person has not accepted; {@link ChatClient#trust} (or a
 * matching {@link ChatClient#verify}) shows them. The sender's name came from the network: front
 * ends pass their words for it through {@link chat.cli.TerminalSafe} like any notice.
 *
 * @param conversation {@code #room} or {@code @a+b}
 * @param sender the username the envelopes name as their sender
 * @param seqs the relay's sequence numbers of the messages in {@code conversation}, at least one,
 *     each at least 1; kept in ascending order without repeats, so that a front end told of the
 *     same message twice (live or by a catch-up, then in a history page) can count it once
 */
public record HeldMessages(String conversation, String sender, List<Long> seqs) {
  /** Checks the fields; sorts {@code seqs} and drops repeats. */
  public HeldMessages {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(sender, "sender");
    seqs = SequenceNumbers.distinct(seqs);
  }

  /** One message, number {@code seq} of {@code conversation}. */
  public static HeldMessages one(String conversation, String sender, long seq) {
    return new HeldMessages(conversation, sender, List.of(seq));
  }

  /** How many messages: the number of distinct {@link #seqs}. */
  public int count() {
    return seqs.size();
  }

  /** These messages and {@code more} from the same sender in the same conversation. */
  public HeldMessages with(Collection<Long> more) {
    return new HeldMessages(conversation, sender, SequenceNumbers.union(seqs, more));
  }

  /**
   * What the person is told, naming no command: how many, from whom, and that they are held; for
   * one message, the words a live message that is held is announced with, naming it by its sequence
   * number as a notice of a message left out does ({@link LeftOutMessages#notice}). A front end
   * adds how to read them in its own words ({@code chat.cli.command.CommandWords#held}).
   */
  public String notice() {
    int count = count();
    if (count == 1) {
      return "message #"
          + seqs.get(0)
          + " from "
          + sender
          + " is signed with a new key you have not accepted; it is held";
    }
    return count
        + " messages from "
        + sender
        + " are signed with a new key you have not accepted; they are held";
  }
}
