package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.FileOffer;
import chat.cli.command.FileText;
import chat.cli.command.SendableFile;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat file send PATH --to USER|ROOM}: encrypts a file with a fresh key, uploads it
 * (progress on stderr) and offers it; prints {@code sent NAME (SIZE) to CONVERSATION as file ID},
 * ID being what recipients pass to {@code chat file get}.
 */
@Command(
    name = "send",
    description = {
      "Encrypt PATH with a fresh key, upload it and offer it to a room or a person.",
      "Progress goes to stderr; stdout gets 'sent NAME (SIZE) to CONVERSATION as file ID'"
          + " (with --json, a file_sent object), ID being what 'chat file get' takes. A lost"
          + " connection is resumed where the relay stopped."
    })
final class FileSendCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      converter = NonEmptyFile.class,
      description = "the file to send")
  Path file;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "USER|ROOM",
      description = "#room, @user, or a bare name: a room you are in, else a user")
  String to;

  FileSendCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    SendableFile.check(file, file.toString());
    checkConversation(to);
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    TransferPrinter progress = new TransferPrinter(support);
    return support.change(
        support.loggedIn(false, progress),
        "the file was sent",
        client -> {
          String conversation = conversation(client, to);
          FileOffer offer;
          try (CancelOnSignal signals = new CancelOnSignal(() -> client.cancelFileSend(""))) {
            try {
              offer = client.sendFile(conversation, file);
            } catch (CommandException e) {
              if (signals.signalled() && ChatClient.SEND_CANCELLED.equals(e.getMessage())) {
                // Said in place of "you cancelled it"; then the hook ends the process, with the
                // signal's code, while this thread waits for that.
                support
                    .err()
                    .println(
                        "chat: stopped by a signal: what was uploaded of "
                            + FileText.name(file.getFileName().toString())
                            + " is deleted on the relay");
                support.err().flush();
                signals.ended();
                signals.awaitExit();
              }
              throw e;
            }
          }
          if (support.options().json()) {
            support
                .out()
                .println(
                    JsonLines.line(
                        JsonLines.object("file_sent")
                            .put("fileId", offer.fileId())
                            .put("conversation", offer.conversation())
                            .put("name", offer.name())
                            .put("size", offer.size())
                            .put("seq", offer.seq())));
          } else {
            support
                .out()
                .println(
                    "sent "
                        + FileText.name(offer.name())
                        + " ("
                        + FileText.size(offer.size())
                        + ") to "
                        + support.label(offer.conversation())
                        + " as file "
                        + offer.fileId());
          }
          return 0;
        });
  }

  /**
   * Refuses a {@code target} that {@link #conversation} would refuse by its spelling alone, before
   * the passphrase is asked: a bare name must be a room's or a user's.
   */
  static void checkConversation(String target) {
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("#")) {
      RelayOptions.conversationArgument(target);
    } else if (ConversationIds.isDirect(lower) || target.contains("+")) {
      return; // a conversation id, checked where it is used, as chat send does
    } else if (target.startsWith("@")) {
      if (!Usernames.isValid(target.substring(1))) {
        throw CommandException.Usage.notAUsername(target.substring(1));
      }
    } else if (!Usernames.isValid(target) && !ConversationIds.isRoom("#" + lower)) {
      RelayOptions.conversationArgument(target); // refused, naming it as typed
    }
  }

  /**
   * {@code #room}, {@code @user} or {@code @a+b}; a bare name is a room you are in, else a user.
   */
  static String conversation(ChatClient client, String target) {
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("#") || ConversationIds.isDirect(lower)) {
      return lower.startsWith("#") ? RelayOptions.conversationArgument(target) : lower;
    }
    String name = target.startsWith("@") ? target.substring(1) : target;
    if (!target.startsWith("@") && client.conversations().contains("#" + lower)) {
      return "#" + lower;
    }
    if (Usernames.isValid(name)) {
      return client.directWith(name);
    }
    return RelayOptions.conversationArgument(target); // refused, naming it as typed
  }
}
