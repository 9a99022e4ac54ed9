package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.emoji.ShortcodeExpander;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * How {@code chat send} and {@code chat pm} send their text (the words after the recipient, or
 * stdin): shortcodes become emoji unless {@code --raw}; {@code --action} sends it as {@code /me}
 * does; {@code --reply-to} makes it a reply to a message of the conversation, {@code --edit} a new
 * version of one of this user's.
 */
final class OutgoingText {
  @Option(
      names = "--raw",
      description = "send the text exactly as given: :shortcodes: are not turned into emoji")
  boolean raw;

  @Option(
      names = "--action",
      description = "send it as an action, as /me does: 'waves' shows as * alice waves")
  boolean action;

  @Option(
      names = "--reply-to",
      paramLabel = "ID",
      description =
          "send it as a reply to message ID of the conversation (32 hex digits, the id"
              + " listen --json and history --json print)")
  String replyTo;

  @Option(
      names = "--edit",
      paramLabel = "ID",
      description =
          "send it as an edit of your message ID of the conversation (32 hex digits, as for"
              + " --reply-to): members see it as a new version of that message")
  String edits;

  @Option(
      names = "--react-to",
      paramLabel = "ID",
      description =
          "send TEXT, one emoji (or :shortcode:), as a reaction to message ID of the"
              + " conversation (32 hex digits, as for --reply-to)")
  String reactsTo;

  /**
   * Reads the text, logs in, sends it to the conversation {@code where} names, and prints the
   * result; returns the exit code.
   */
  int send(
      RelayCommandSupport support,
      CliContext context,
      List<String> words,
      Function<ChatClient, String> where) {
    if (replyTo != null && edits != null) {
      throw new CommandException.Usage(
          "--edit and --reply-to cannot be used together: an edit is a new version of your"
              + " message, not a reply");
    }
    if (reactsTo != null && (replyTo != null || edits != null || action)) {
      throw new CommandException.Usage(
          "--react-to goes alone: a reaction is one emoji, not an action, a reply or an edit");
    }
    // before stdin is read: the text would be read for nothing
    String answered = ChatClient.messageId(replyTo);
    String corrected = ChatClient.messageId(edits);
    String reacted = ChatClient.messageId(reactsTo);
    if (reacted != null && words != null && !words.isEmpty()) {
      // before logging in
      ChatClient.requireReaction(
          ShortcodeExpander.standard().expand(String.join(" ", words).strip()));
    }
    String typed = MessageText.from(words, context);
    String text = raw ? typed : ShortcodeExpander.standard().expand(typed);
    if (TerminalSafe.showsNothing(text)) {
      // e.g. only accents: refused before logging in, as the client refuses it before sending
      throw new CommandException.Usage(ChatClient.NOTHING_TO_SEND);
    }
    return support.change(
        support.loggedIn(false, new ConnectionPrinter(support)),
        "the message was sent",
        client -> {
          String conversation = where.apply(client);
          ChatMessage sent;
          if (reacted != null) {
            sent = client.react(conversation, text.strip(), reacted);
          } else if (corrected != null) {
            sent = client.edit(conversation, text, action, corrected);
          } else {
            sent = client.send(conversation, text, action, answered);
          }
          Output.sent(support, sent);
          return 0;
        });
  }
}
