package chat.cli.tui;

import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.client.Posted;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One entry of a message pane: a chat message, a file offer or a line from the client itself. */
sealed interface PaneEntry permits PaneEntry.Message, PaneEntry.Offer, PaneEntry.Note {
  /** What kind of line the client itself shows. */
  enum NoteKind {
    /** Command output and hints. */
    INFO,
    /** Something the client core reported: a gap, an envelope that failed to open. */
    NOTICE,
    /** A failed command, a refused operation, or a warning: a contact's key changed. */
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
   * @param marks what the pane shows after it of the messages that name it
   */
  record Message(ChatMessage message, boolean replay, boolean labelled, Marks marks)
      implements PaneEntry {
    /** Checks for null. */
    public Message {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(marks, "marks");
    }

    /** A message with no marks. */
    Message(ChatMessage message, boolean replay, boolean labelled) {
      this(message, replay, labelled, Marks.NONE);
    }

    /** Whether its sender corrected it since ({@code /edit}). */
    boolean edited() {
      return marks.edited();
    }

    /** This entry with {@code now} as its marks. */
    Message marked(Marks now) {
      return new Message(message, replay, labelled, now);
    }

    /** A message in its place in the conversation. */
    Message(ChatMessage message) {
      this(message, false, false);
    }

    /** This entry showing {@code shown} instead, with the marks it had. */
    Message showing(ChatMessage shown) {
      return new Message(shown, replay, labelled, marks);
    }
  }

  /**
   * What a message pane shows after a message of the messages shown there that name it.
   *
   * @param edited whether an edit of it by its sender is shown ({@code /edit}): {@code (edited)}
   * @param reactions the reactions shown on it, each emoji with how many users put it there, in the
   *     order the pane shows them ({@code 👍 2 🎉 1}); empty for none
   */
  record Marks(boolean edited, List<Tally> reactions) {
    /** No marks. */
    static final Marks NONE = new Marks(false, List.of());

    /** Checks for null; keeps a copy. */
    public Marks {
      reactions = List.copyOf(reactions);
    }
  }

  /**
   * One emoji of the reactions on a message and how many users put it there.
   *
   * @param emoji the emoji, one of Unicode's list without variation selectors or skin tone (remote
   *     text: cleaned before drawing)
   * @param users how many users
   */
  record Tally(String emoji, int users) {}

  /**
   * A file offer, drawn as the client line it was before it had a place among the messages ({@code
   * alice offers report.pdf (2.9 MiB): /file accept a071cf0f}), at the time the relay stored it.
   *
   * @param offer the verified offer (names from the network: cleaned by FileText before drawing)
   * @param replay whether a listing ({@code /history}) shows it again after the newest entries
   * @param labelled whether it is shown in another conversation's pane, after its own label
   * @param marks the reactions shown on it (an offer is never edited)
   */
  record Offer(FileOffer offer, boolean replay, boolean labelled, Marks marks)
      implements PaneEntry {
    /** Checks for null. */
    public Offer {
      Objects.requireNonNull(offer, "offer");
      Objects.requireNonNull(marks, "marks");
    }

    /** An offer with no marks. */
    Offer(FileOffer offer, boolean replay, boolean labelled) {
      this(offer, replay, labelled, Marks.NONE);
    }

    /** An offer in its place in the conversation. */
    Offer(FileOffer offer) {
      this(offer, false, false);
    }
  }

  /** The message or offer {@code entry} shows, in its place or listed again; empty for a line. */
  static Optional<Posted> posted(PaneEntry entry) {
    if (entry instanceof Message message) {
      return Optional.of(message.message());
    }
    if (entry instanceof Offer offer) {
      return Optional.of(offer.offer());
    }
    return Optional.empty();
  }

  /** {@code entry}, a message or an offer, with {@code marks} as its marks. */
  static PaneEntry marked(PaneEntry entry, Marks marks) {
    if (entry instanceof Message message) {
      return message.marked(marks);
    }
    Offer offer = (Offer) entry;
    return new Offer(offer.offer(), offer.replay(), offer.labelled(), marks);
  }

  /**
   * The message or offer of {@code entry} if it stands in its place in the conversation (not a
   * replay); empty for a replay and a client line.
   */
  static Optional<Posted> placed(PaneEntry entry) {
    if (entry instanceof Message message && !message.replay()) {
      return Optional.of(message.message());
    }
    if (entry instanceof Offer offer && !offer.replay()) {
      return Optional.of(offer.offer());
    }
    return Optional.empty();
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
