package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.command.CommandWords;
import chat.cli.command.SessionText;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat sessions end ID}: ends another session of the account (logs out that device). */
@Command(
    name = "end",
    description = {
      "End the session ID of your account (as 'chat sessions' lists it): the relay revokes it and"
          + " disconnects that device, which must log in again with the password. For a lost"
          + " device; change the password too ('chat passwd') if it may have leaked it. This"
          + " device's own session is ended with 'chat logout'."
    })
final class SessionsEndCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(index = "0", paramLabel = "ID", description = "the session id (12 hex digits)")
  String id;

  SessionsEndCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String session = id.strip().toLowerCase(Locale.ROOT);
    try (ChatClient client = support.loggedIn(false)) {
      client.endSession(session);
      support.result(
          JsonLines.object("session_ended").put("id", session),
          SessionText.ended(session, CommandWords.SCRIPT));
      return 0;
    }
  }
}
