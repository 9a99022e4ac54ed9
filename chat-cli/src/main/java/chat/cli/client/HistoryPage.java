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
 */
public record HistoryPage(List<Posted> entries, List<HeldMessages> held) {
  /** Copies the lists. */
  public HistoryPage {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    held = List.copyOf(Objects.requireNonNull(held, "held"));
  }

  /** The text messages among {@link #entries}, oldest first (the file offers left out). */
  public List<ChatMessage> messages() {
    return entries.stream()
        .filter(ChatMessage.class::isInstance)
        .map(ChatMessage.class::cast)
        .toList();
  }
}
