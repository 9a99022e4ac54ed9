package chat.cli;

import chat.cli.client.InputRules;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat report USER REASON... [--in ROOM|@USER]}: tells the relay's operator about USER
 * ({@link chat.cli.client.ChatClient#report}); prints one line, or one JSON object.
 */
@Command(
    name = "report",
    description = {
      "Tell the relay's operator about USER, with your REASON (the relay must speak wire version"
          + " 17).",
      "The operator reads your reason, and where you saw it if --in names it; not your"
          + " conversations, which the relay cannot read. USER is not told."
    })
final class ReportCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(index = "0", paramLabel = "USER", description = "whom you report")
  String user;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "REASON",
      description = "what happened, one line of at most 200 characters (the words are joined)")
  List<String> words;

  @Option(
      names = "--in",
      paramLabel = "ROOM|@USER",
      description = "where: a room you are in, or @USER for your private conversation with USER")
  String in;

  ReportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    // Refused before the login, as the client would refuse them after it
    String name = InputRules.username(user);
    String reason = InputRules.requireReason(String.join(" ", words));
    HistoryCommand.checkTarget(in);
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    return support.change(
        support.loggedIn(false),
        "the report was made",
        client -> {
          String conversation = in == null ? null : HistoryCommand.resolve(client, in);
          String reported = client.report(name, conversation, reason);
          var json = JsonLines.object("reported").put("user", reported);
          if (conversation != null) {
            json.put("conversation", conversation);
          }
          support.result(
              json,
              "reported "
                  + TerminalSafe.line(reported)
                  + " to the relay's operator"
                  + (conversation == null ? "" : " (in " + support.label(conversation) + ")"));
          return 0;
        });
  }
}
