package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.FileTransfer;
import chat.cli.command.FileText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat files [--json]}: the files offered to you and sent by you, with their state. */
@Command(
    name = "files",
    description = {
      "List the files offered to you and the files you sent, newest first, with their state.",
      "Offers are found in the recent history of your conversations. States: offered, sent,"
          + " downloading NN%%, done, rejected, expired or failed."
    })
final class FilesCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  FilesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      List<FileTransfer> files = client.files();
      String self = client.username().orElse(null);
      for (FileTransfer file : files) {
        if (support.options().json()) {
          support.out().println(JsonLines.line(JsonLines.file(file)));
        } else {
          support.out().println(FileText.listLine(file, self, client::spelling));
        }
      }
      if (files.isEmpty() && !support.options().json()) {
        support.err().println("chat: no files offered or sent yet");
      }
      return 0;
    }
  }
}
