package chat.cli;

import chat.cli.client.ChatClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat keys safety USER}: the 60-digit safety number to compare with USER. */
@Command(
    name = "safety",
    description = "Show the safety number between you and USER; compare it over a trusted channel.")
final class KeysSafetyCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(paramLabel = "USER", description = "the other person")
  String user;

  KeysSafetyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      chat.crypto.SafetyNumber number = client.safetyNumber(user);
      support.result(
          JsonLines.object("safety_number").put("user", user).put("digits", number.digits()),
          number.toDisplayString());
      return 0;
    }
  }
}
