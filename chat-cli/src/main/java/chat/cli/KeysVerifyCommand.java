package chat.cli;

import chat.cli.client.ChatClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat keys verify USER NUMBER...}: marks USER verified if the safety number matches. */
@Command(
    name = "verify",
    description =
        "Mark USER's key verified if SAFETY-NUMBER (60 digits, spaces are ignored) matches.")
final class KeysVerifyCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(index = "0", paramLabel = "USER", description = "the other person")
  String user;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "SAFETY-NUMBER", description = "digits")
  List<String> digits;

  KeysVerifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      client.verify(user, String.join("", digits));
      support.result(
          JsonLines.object("trust").put("user", user).put("state", "VERIFIED"),
          TerminalSafe.line(client.spelling(user)) + " is verified");
      return 0;
    }
  }
}
