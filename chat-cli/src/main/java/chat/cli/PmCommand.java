package chat.cli;

import chat.protocol.Usernames;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat pm USER TEXT...}: a private message, readable only by the two of you. */
@Command(
    name = "pm",
    aliases = {"msg"},
    description = {
      "Send a private message to USER (without TEXT, read from stdin).",
      "Text that starts with '-' goes after '--': chat pm bob -- '-5 points'.",
      "Shortcodes such as :smile: become emoji, except in `backticks` or with --raw."
    })
final class PmCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(index = "0", paramLabel = "USER", description = "who to write to")
  String user;

  @Parameters(index = "1..*", paramLabel = "TEXT", description = "the message (else stdin)")
  List<String> words;

  @Mixin OutgoingText text;

  PmCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String name = user.replaceFirst("^@", "");
    if (!Usernames.isValid(name)) { // before the passphrase
      throw CommandException.Usage.notAUsername(name);
    }
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    return text.send(support, context, words, client -> client.directWith(name));
  }
}
