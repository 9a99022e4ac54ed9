package chat.cli.tui;

import chat.cli.client.ChatMessage;
import java.util.Objects;

/** One entry of a message pane: a chat message or a line from the client itself. */
sealed interface PaneEntry permits PaneEntry.Message, PaneEntry.Note {
  /** What kind of line the client itself shows. */
  enum NoteKind {
    /** Command output and hints. */
    INFO,
    /** Something the client core reported: a gap, an envelope that failed to open. */
    NOTICE,
    /** A failed command or a refused operation. */
    ERROR
  }

  /**
   * A chat message (from the network: formatted through MessageFormatter before drawing).
   *
   * @param message the verified message
   * @param replay whether it is shown again, after the pane's newest entries, by a command that
   *     lists messages ({@code /history}), rather than in its place in the conversation
   * @param labelled whether it is shown in another conversation's pane, so its line starts with its
   *     own conversation ({@code [@bob]})
   */
  record Message(ChatMessage message, boolean replay, boolean labelled) implements PaneEntry {
    /** Checks for null. */
    public Message {
      Objects.requireNonNull(message, "message");
    }

    /** A message in its place in the conversation. */
    Message(ChatMessage message) {
      this(message, false, false);
    }
  }

  /**
   * A line from the client itself.
   *
   * @param kind info, notice or error
   * @param text the text, possibly several lines (cleaned before drawing)
   * @param atMillis when it was shown
   */
  record Note(NoteKind kind, String text, long atMillis) implements PaneEntry {
    /** Checks for nulls. */
    public Note {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
    }
  }
}
