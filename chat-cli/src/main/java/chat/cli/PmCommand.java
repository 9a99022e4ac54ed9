package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.emoji.ShortcodeExpander;
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

  @picocli.CommandLine.Option(
      names = "--raw",
      description = "send the text exactly as given: :shortcodes: are not turned into emoji")
  boolean raw;

  PmCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String typed = MessageText.from(words, context);
    String text = raw ? typed : ShortcodeExpander.standard().expand(typed);
    try (ChatClient client = support.loggedIn(false)) {
      ChatMessage sent = client.send(client.directWith(user.replaceFirst("^@", "")), text);
      Output.sent(support, sent);
      return 0;
    }
  }
}
