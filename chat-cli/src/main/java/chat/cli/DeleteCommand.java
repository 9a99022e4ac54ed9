package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.Deletion;
import chat.cli.command.SocialLines;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat delete ROOM|@USER (ID... | --last N [--from USER])}: deletes messages from a
 * conversation on the relay, by id or the newest of one sender, and says what went.
 */
@Command(
    name = "delete",
    description =
        "Delete messages from a conversation on the relay: your own, or in a group you own or"
            + " moderate, a member's.")
final class DeleteCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(index = "0", paramLabel = "ROOM|@USER", description = "where the messages are")
  String target;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "ID",
      description = "message ids (32 hex digits), as listen --json and history --json print them")
  List<String> ids;

  @Option(
      names = "--last",
      paramLabel = "N",
      description = "instead of IDs: the newest N (1-100) among the last 1000")
  Integer last;

  @Option(
      names = "--from",
      paramLabel = "USER",
      description = "with --last: whose messages (default: yours)")
  String from;

  DeleteCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    boolean named = ids != null && !ids.isEmpty();
    if (!named && last == null) {
      throw new CommandException.Usage("name the messages: their IDs, or --last N");
    }
    if (named && last != null) {
      throw new CommandException.Usage("give message IDs or --last N, not both");
    }
    if (from != null && last == null) {
      throw new CommandException.Usage("--from goes with --last N");
    }
    HistoryCommand.checkTarget(target);
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      String conversation = HistoryCommand.resolve(client, target);
      String self = client.username().orElseThrow();
      Deletion deletion =
          named
              ? client.deleteMessages(conversation, ids)
              : client.deleteNewest(conversation, from == null ? self : from, last);
      if (support.options().json()) {
        support.out().println(JsonLines.line(JsonLines.deleted(deletion)));
      } else {
        support.out().println(SocialLines.deleted(deletion, self, client::spelling));
      }
      return 0;
    }
  }
}
