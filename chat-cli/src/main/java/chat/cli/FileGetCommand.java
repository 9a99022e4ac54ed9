package chat.cli;

import chat.cli.client.ChatClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat file get ID [--dir DIR]}: downloads an offered file, verifies it and saves it in the
 * download directory; progress on stderr, the saved path on stdout.
 */
@Command(
    name = "get",
    description = {
      "Download the file offered as ID, verify it and save it in the download directory.",
      "ID may be a unique prefix of 4 or more hex digits. The size and SHA-256 are checked, and the"
          + " file is saved under a safe name, never replacing one. Progress goes to stderr, the"
          + " saved path to stdout. Run it again to resume. A file downloaded before to another"
          + " folder is copied here (if unchanged since), else its path is printed again."
    })
final class FileGetCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(index = "0", paramLabel = "ID", description = "the file id from the offer")
  String fileId;

  @Option(
      names = "--dir",
      converter = NonEmptyPath.class,
      paramLabel = "DIR",
      description = "save here instead of the download directory (see --download-dir)")
  Path dir;

  FileGetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (dir != null) {
      relay.downloadDir = dir;
    }
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    TransferPrinter progress = new TransferPrinter(support);
    try (ChatClient client = support.loggedIn(false, progress)) {
      Path saved = client.acceptFile(fileId);
      if (support.options().json()) {
        String fullId = client.fileOffer(fileId).fileId(); // known now: no relay round trip
        support
            .out()
            .println(
                JsonLines.line(
                    JsonLines.object("file_saved")
                        .put("fileId", fullId)
                        .put("path", saved.toString())));
      } else {
        support.out().println(saved);
      }
      return 0;
    }
  }
}
