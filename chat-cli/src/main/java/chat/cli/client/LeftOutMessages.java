package chat.cli.client;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Messages from one sender in one conversation that a history page or a catch-up left out for good,
 * and why: unlike {@link HeldMessages}, accepting a key does not show them. The sender's name came
 * from the network: front ends pass {@link #notice} through {@link chat.cli.TerminalSafe} like any
 * notice.
 *
 * @param conversation {@code #room} or {@code @a+b}
 * @param sender the username the envelopes name as their sender; empty for {@link Reason#DAMAGED},
 *     whose envelopes name none that can be read
 * @param reason why they are not shown
 * @param seqs the relay's sequence numbers of the messages in {@code conversation}, at least one,
 *     each at least 1; kept in ascending order without repeats, so that a front end told of the
 *     same message twice (live, then in a history page) can count it once
 * @param detail what the client met with the one message pushed live that is left out, said with
 *     it: why it could not use the sender's key for {@link Reason#NO_KEY} (e.g. "the relay served
 *     an invalid key for bob (...)"), or why it could not read the content for {@link
 *     Reason#UNREADABLE} (e.g. {@code an unknown kind of content, "poll" (from a newer client?)});
 *     empty otherwise, and always for several messages. It may quote the relay or the sender, so
 *     front ends pass it through {@link chat.cli.TerminalSafe} with the notice
 */
public record LeftOutMessages(
    String conversation, String sender, Reason reason, List<Long> seqs, String detail) {
  /** Why a message is not shown. */
  public enum Reason {
    /**
     * Signed by a key that is neither the sender's pinned key nor the one waiting for acceptance:
     * an older key they replaced since (the client keeps no record of past keys, and the relay
     * serves only the current one), or a forgery. It cannot be verified.
     */
    OLD_KEY("old_key"),
    /** The signature or the encryption did not check out with the sender's key. */
    NOT_VERIFIED("not_verified"),
    /** Not encrypted to this user's current key (sent before this user replaced theirs). */
    NOT_FOR_YOUR_KEY("not_for_your_key"),
    /** No usable key for the sender (the relay served none, or an invalid one). */
    NO_KEY("no_key"),
    /** Verified, but its content is not one this client can read. */
    UNREADABLE("unreadable"),
    /** Not an envelope at all: it does not parse, so not even its sender can be read. */
    DAMAGED("damaged"),
    /**
     * Its signed header names another conversation than the one the relay served it in: the relay
     * moved it (a message is only ever shown in the conversation its sender sealed it for).
     */
    NOT_FOR_THIS_CONVERSATION("not_for_this_conversation"),
    /**
     * Sealed for a private conversation by someone who is not one of its two people: the relay let
     * it in (a message there is only ever shown from one of them).
     */
    NOT_A_PARTY("not_a_party");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    /** The reason as {@code chat history --json} names it, e.g. {@code old_key}. */
    public String label() {
      return label;
    }
  }

  /** Checks the fields; sorts {@code seqs} and drops repeats. */
  public LeftOutMessages {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    if (sender.isEmpty() != (reason == Reason.DAMAGED)) {
      throw new IllegalArgumentException("the sender is empty for damaged messages, and only then");
    }
    seqs = SequenceNumbers.distinct(seqs);
    if (!detail.isEmpty() && seqs.size() != 1) {
      throw new IllegalArgumentException("a detail is said of one message only");
    }
  }

  /** Messages with no {@link #detail}. */
  public LeftOutMessages(String conversation, String sender, Reason reason, List<Long> seqs) {
    this(conversation, sender, reason, seqs, "");
  }

  /** One message, number {@code seq} of {@code conversation}. */
  public static LeftOutMessages one(String conversation, String sender, Reason reason, long seq) {
    return one(conversation, sender, reason, seq, "");
  }

  /** One message, number {@code seq} of {@code conversation}, and what the client met with it. */
  public static LeftOutMessages one(
      String conversation, String sender, Reason reason, long seq, String detail) {
    return new LeftOutMessages(conversation, sender, reason, List.of(seq), detail);
  }

  /** How many messages: the number of distinct {@link #seqs}. */
  public int count() {
    return seqs.size();
  }

  /**
   * These messages and {@code more} of the same conversation, sender and reason, with no {@link
   * #detail} if that makes several.
   */
  public LeftOutMessages with(Collection<Long> more) {
    List<Long> all = SequenceNumbers.union(seqs, more);
    if (all.size() == 1) {
      return this;
    }
    return new LeftOutMessages(conversation, sender, reason, all);
  }

  /**
   * What the person is told, e.g. "message #7 from bob is signed by a key that is not bob's current
   * one (an older key, replaced since, or a forgery); it cannot be verified and is not shown", or
   * for several "3 messages from bob are ...; they cannot ... are not shown"; for damaged ones,
   * which name no sender, "3 messages are damaged (they are not valid envelopes); they are not
   * shown". One message is named with its sequence number, and said with its {@link #detail}:
   * "message #4 from bob could not be read by this client: an unknown kind of content, "poll" (from
   * a newer client?); it is not shown".
   */
  public String notice() {
    int count = count();
    boolean one = count == 1;
    String subject =
        (one ? "message #" + seqs.get(0) + " from " : count + " messages from ") + sender;
    String is = one ? " is " : " are ";
    String was = one ? " was " : " were ";
    String it = one ? "it" : "they";
    return switch (reason) {
      case OLD_KEY ->
          subject
              + is
              + "signed by a key that is not "
              + sender
              + "'s current one (an older key, replaced since, or a forgery); "
              + it
              + " cannot be verified and"
              + is
              + "not shown";
      case NOT_VERIFIED ->
          subject + " did not verify; " + (one ? "it is" : "they are") + " not shown";
      case NOT_FOR_YOUR_KEY ->
          subject
              + was
              + "not encrypted to your current key; "
              + (one ? "it is" : "they are")
              + " not shown";
      case NO_KEY ->
          subject
              + " cannot be checked: no usable key for that sender"
              + (detail.isEmpty() ? "" : " (" + detail + ")")
              + "; not shown";
      case UNREADABLE ->
          subject
              + " could not be read by this client"
              + (detail.isEmpty() ? " (unknown content)" : ": " + detail)
              + "; "
              + (one ? "it is" : "they are")
              + " not shown";
      case DAMAGED ->
          (one
                  ? "message #" + seqs.get(0) + " is damaged (it is not a valid envelope); it is"
                  : count + " messages are damaged (they are not valid envelopes); they are")
              + " not shown";
      case NOT_FOR_THIS_CONVERSATION ->
          subject
              + (one ? " belongs" : " belong")
              + " to another conversation (the relay moved "
              + (one ? "it" : "them")
              + " here); "
              + (one ? "it is" : "they are")
              + " not shown";
      case NOT_A_PARTY ->
          subject
              + (one ? " was" : " were")
              + " let in by the relay, but "
              + sender
              + " is not one of this private conversation's two people; "
              + (one ? "it is" : "they are")
              + " not shown";
    };
  }
}
