package chat.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat send ROOM TEXT...}: encrypts and sends one message to a room you are in. */
@Command(
    name = "send",
    description = {
      "Encrypt and send one message to a room, to @USER (your private conversation with"
          + " USER), or to a conversation id such as @alice+bob.",
      "Without TEXT the message is read from stdin. Returns once the relay has stored it.",
      "Text that starts with '-' goes after '--': chat send ops -- '-5 points'.",
      "Shortcodes such as :smile: become emoji, except in `backticks` or with --raw."
    })
final class SendCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(
      index = "0",
      paramLabel = "ROOM",
      description = "room name (with or without #), or @USER")
  String target;

  @Parameters(index = "1..*", paramLabel = "TEXT", description = "the message (else stdin)")
  List<String> words;

  @Mixin OutgoingText text;

  SendCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    HistoryCommand.checkTarget(target);
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    // @bob is the private conversation with bob, as in history and members.
    return text.send(support, context, words, client -> HistoryCommand.resolve(client, target));
  }
}
