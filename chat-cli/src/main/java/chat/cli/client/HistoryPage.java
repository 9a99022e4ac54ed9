package chat.cli.client;

import java.util.List;
import java.util.Objects;

/**
 * The last messages of a conversation as {@link ChatClient#historyPage} found them: those this user
 * can read, and those among them it holds unread because their sender's key changed.
 *
 * @param messages the messages shown, oldest first
 * @param held per sender, the messages in the same stretch that are held; empty when none are
 */
public record HistoryPage(List<ChatMessage> messages, List<HeldMessages> held) {
  /** Copies the lists. */
  public HistoryPage {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    held = List.copyOf(Objects.requireNonNull(held, "held"));
  }
}
