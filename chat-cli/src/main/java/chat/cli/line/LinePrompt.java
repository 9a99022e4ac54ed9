package chat.cli.line;

import chat.cli.client.ChatClient;
import chat.cli.command.MessageFormatter;
import chat.cli.command.NextConversation;
import chat.protocol.ConversationIds;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the line mode's prompt is: the current conversation, and while a typed line runs, the
 * conversation the prompt named when it was typed. Shared by the REPL thread ({@link LineMode}),
 * the threads typed lines run on, and the client's event thread ({@link LineEvents}).
 */
final class LinePrompt {
  private final ChatClient client;
  private final LineModeReader reader;
  private final LinePrinter printer;

  private volatile String current;
  private volatile boolean lineRunning;

  /**
   * While a typed line runs, the conversation the prompt named when it was typed (empty for none):
   * the line acts on that one even if an event moved the prompt meanwhile. Null between lines.
   */
  private volatile Optional<String> typedFor;

  LinePrompt(ChatClient client, LineModeReader reader, LinePrinter printer) {
    this.client = client;
    this.reader = reader;
    this.printer = printer;
  }

  /** The conversation the prompt names, or null for none. */
  String current() {
    return current;
  }

  /** With no conversation chosen yet, {@code #lobby} once this user is in it. */
  void startInLobby() {
    if (current == null && client.conversations().contains(ConversationIds.LOBBY)) {
      current = ConversationIds.LOBBY;
    }
  }

  /** The prompt: the current conversation's label and {@code "> "}. */
  String prompt() {
    return prompt(current);
  }

  String prompt(String conversation) {
    return conversation == null ? "> " : label(conversation) + "> ";
  }

  String label(String conversation) {
    return MessageFormatter.conversationLabel(client, conversation);
  }

  /** The conversation a command acts on: the one its line was typed for, else the current one. */
  Optional<String> commandConversation() {
    Optional<String> pinned = typedFor;
    return pinned != null ? pinned : Optional.ofNullable(current);
  }

  /** Makes {@code conversation} current, and the one the running line acts on from now. */
  void switchTo(String conversation) {
    current = Objects.requireNonNull(conversation, "conversation");
    if (typedFor != null) {
      typedFor = Optional.of(conversation); // the line itself moved on
    }
  }

  /** Makes no conversation current (the line left the last one), and the one it acts on none. */
  void switchToNone() {
    current = null;
    if (typedFor != null) {
      typedFor = Optional.empty();
    }
  }

  /** True while a typed line runs: a {@code /join} or {@code /leave} then says so itself. */
  boolean lineRunning() {
    return lineRunning;
  }

  /**
   * Runs {@code line}, typed under a prompt that named {@code shown}; afterwards, if the current
   * room is one this user is no longer in (removed while the line ran), moves the prompt on and
   * says so; when the line logged this user out, the prompt names no conversation, unsaid.
   */
  void runTypedFor(String shown, Runnable line) {
    lineRunning = true;
    typedFor = Optional.ofNullable(shown);
    try {
      line.run();
    } finally {
      typedFor = null;
      lineRunning = false;
    }
    String now = current;
    if (now != null && ConversationIds.isRoom(now) && !client.conversations().contains(now)) {
      if (client.username().isEmpty()) {
        // logged out, by /logout or a failed /login (which ends the session it replaces): the
        // command said why, and a line about the room would only mislead
        current = null;
        reader.setPrompt(prompt());
      } else {
        movedAway(now, "you are no longer in " + label(now));
      }
    }
  }

  /**
   * This user is out of {@code gone}, the current conversation, by something other than a command
   * typed here: moves to {@code #lobby} (else another conversation) and says {@code said} with
   * where the prompt is now; the prompt changes with it.
   */
  void movedAway(String gone, String said) {
    current = NextConversation.after(client.conversations(), gone).orElse(null);
    reader.setPrompt(prompt()); // redrawn by printAbove; what was typed stays for the old one
    printer.print(
        LineKind.SYSTEM,
        said + (current == null ? "; no conversation selected" : "; now in " + label(current)));
  }
}
