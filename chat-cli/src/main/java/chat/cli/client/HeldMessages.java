package chat.cli.client;

import java.util.Objects;

/**
 * Messages from one sender in one conversation that are held, not shown, because they are signed
 * with a new key for the sender that the person has not accepted; {@link ChatClient#trust} (or a
 * matching {@link ChatClient#verify}) shows them. The sender's name came from the network: front
 * ends pass their words for it through {@link chat.cli.TerminalSafe} like any notice.
 *
 * @param conversation {@code #room} or {@code @a+b}
 * @param sender the username the envelopes name as their sender
 * @param count how many messages, at least 1
 */
public record HeldMessages(String conversation, String sender, int count) {
  /** Checks the fields. */
  public HeldMessages {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(sender, "sender");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
  }

  /**
   * What the person is told, naming no command: how many, from whom, and that they are held; for
   * one message, the words a live message that is held is announced with. A front end adds how to
   * read them in its own words ({@code chat.cli.command.CommandWords#held}).
   */
  public String notice() {
    if (count == 1) {
      return "a message from "
          + sender
          + " is signed with a new key you have not accepted; it is held";
    }
    return count
        + " messages from "
        + sender
        + " are signed with a new key you have not accepted; they are held";
  }
}
